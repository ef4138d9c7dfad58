"""Learners: their path (competencies and evaluations), attendance, timetable feed; what trainers,
tutors, parents and learners themselves may open."""

from __future__ import annotations

import contextlib
import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from hall32.core.models import Guardianship, Person
from hall32.training import ical, selectors
from hall32.training.forms import AttendanceForm, EvaluationForm
from hall32.training.models import Contract, ContractTutor, Course, Enrolment, Outcome, Session
from hall32.training.services import attendance as attendance_services
from hall32.training.services import calendars as calendar_services
from hall32.training.services import paths as path_services
from hall32.web.pages import check_perm, feed_link_page, posted, require_perm, run_action, save_form


@login_required
def learner_detail(request: HttpRequest, pk: int) -> HttpResponse:
    learner = get_object_or_404(Person.objects.active(), pk=pk)
    check_perm(request, "training.view_learner", learner)
    courses = selectors.paths.courses_of(learner=learner)
    if not courses:
        raise Http404
    course = next((c for c in courses if str(c.pk) == request.GET.get("formation")), courses[0])
    path = selectors.paths.learner_path(learner=learner, course=course)
    enrolments = learner.enrolments.select_related("cohort__course").order_by("-cohort__school_year")
    stats = selectors.attendance.learner_stats(learner_id=learner.pk)
    contracts = (
        Contract.objects.filter(apprentice=learner)
        .select_related("employer")
        .prefetch_related("tutors__person")
    )
    can_evaluate = request.user.has_perm("training.evaluate_as_trainer", learner) or request.user.has_perm(
        "training.evaluate_as_tutor", learner
    )
    today = timezone.localdate()
    upcoming = selectors.cohorts.timetable(learner=learner, start=today, end=today + dt.timedelta(days=21))[
        :12
    ]
    can_subscribe = request.user.has_perm("training.view_learner_timetable", learner)
    return render(
        request,
        "training/learner_detail.html",
        {
            "learner": learner,
            "path": path,
            "courses": courses,
            "course": course,
            "enrolments": enrolments,
            "stats": stats,
            "contracts": contracts,
            "outcomes": Outcome.objects.filter(learner=learner).select_related("course"),
            "can_evaluate": can_evaluate,
            "evaluation_form": EvaluationForm(course=course) if can_evaluate else None,
            "upcoming": upcoming,
            "is_self": request.user.person_id == learner.pk,
            "can_subscribe": can_subscribe,
            "feed_token": selectors.cohorts.calendar_token_of(person=learner, subscriber=request.user)
            if can_subscribe
            else None,
        },
    )


@require_http_methods(["POST"])
@login_required
def evaluation_new(request: HttpRequest, pk: int) -> HttpResponse:
    learner = get_object_or_404(Person.objects.active(), pk=pk)
    course = get_object_or_404(Course, pk=request.POST.get("course"))
    form = EvaluationForm(request.POST, course=course)
    if form.is_valid():
        run_action(
            request,
            lambda: path_services.evaluation_record(
                learner=learner,
                competency=form.cleaned_data["competency"],
                level=form.cleaned_data["level"],
                on=form.cleaned_data["on"],
                by=request.user,
                comment=form.cleaned_data["comment"],
            ),
            _("Évaluation enregistrée."),
            denied=True,
        )
    else:
        messages.error(request, _("Choisissez la compétence et le niveau."))
    return redirect(f"{learner_url(learner)}?formation={course.pk}")


def learner_url(learner: Person) -> str:
    from django.urls import reverse

    return reverse("training:learner_detail", args=[learner.pk])


@login_required
def my_path(request: HttpRequest) -> HttpResponse:
    if not request.user.person_id or not Enrolment.objects.filter(person_id=request.user.person_id).exists():
        return render(
            request,
            "training/empty_role.html",
            {
                "title": _("Mon parcours"),
                "text": _("Vous n'êtes inscrit·e dans aucune promotion pour l'instant."),
            },
        )
    return redirect("training:learner_detail", pk=request.user.person_id)


@login_required
def my_children(request: HttpRequest) -> HttpResponse:
    """A parent sees their children while they are minors, and nothing else."""
    children = [
        g.child
        for g in Guardianship.objects.filter(guardian_id=request.user.person_id).select_related("child")
        if g.child.is_minor and g.child.enrolments.exists()
    ]
    return render(
        request,
        "training/people_cards.html",
        {
            "title": _("Mes enfants"),
            "people": children,
            "empty": _("Aucun enfant mineur inscrit à Hall 32 n'est rattaché à votre compte."),
        },
    )


@login_required
def my_apprentices(request: HttpRequest) -> HttpResponse:
    """A company tutor sees the apprentices of their contracts."""
    tutored = (
        ContractTutor.objects.filter(person_id=request.user.person_id)
        .select_related("contract__apprentice", "contract__course")
        .order_by("-contract__start_date")
    )
    people, seen = [], set()
    for t in tutored:
        if t.contract.apprentice_id not in seen:
            seen.add(t.contract.apprentice_id)
            people.append(t.contract.apprentice)
    return render(
        request,
        "training/people_cards.html",
        {
            "title": _("Mes apprenti·e·s"),
            "people": people,
            "empty": _("Vous n'êtes maître d'apprentissage d'aucun contrat enregistré."),
        },
    )


@require_perm("training.view_cohorts")
def my_sessions(request: HttpRequest) -> HttpResponse:
    day = timezone.localdate()
    with contextlib.suppress(ValueError):
        day = dt.date.fromisoformat(request.GET.get("jour", "")) if request.GET.get("jour") else day
    person = request.user.person if request.user.person_id else None
    sessions = selectors.cohorts.sessions_for_trainer(person=person, day=day) if person else []
    others = selectors.cohorts.cohort_sessions_by_others(person=person, day=day) if person else []
    return render(
        request,
        "training/my_sessions.html",
        {
            "sessions": sessions,
            "others": others,
            "day": day,
            "previous": day - dt.timedelta(days=1),
            "next": day + dt.timedelta(days=1),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def attendance_take(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(Session.objects.select_related("cohort__course", "trainer", "room"), pk=pk)
    if not request.user.has_perm("training.take_attendance", session.cohort):
        raise PermissionDenied
    learners = [
        e.person
        for e in Enrolment.objects.current_on(session.date)
        .filter(cohort=session.cohort)
        .select_related("person")
        .order_by("person__last_name", "person__first_name")
    ]
    existing = {a.learner_id: a for a in session.attendances.all()}
    form = AttendanceForm(posted(request), learners=learners, existing=existing)
    if request.method == "POST" and form.is_valid():
        marks = {
            p.pk: attendance_services.Mark(
                form.cleaned_data[f"code_{p.pk}"],
                form.cleaned_data[f"late_{p.pk}"] or 0,
                form.cleaned_data[f"note_{p.pk}"],
            )
            for p in learners
        }
        saved = save_form(
            request,
            form,
            lambda: attendance_services.attendance_record(session=session, marks=marks, by=request.user),
            _("Appel enregistré pour %(n)s apprenant·e·s.") % {"n": len(marks)},
            denied=True,
        )
        if saved is not None:
            return redirect("training:attendance_take", pk=pk)
    return render(
        request, "training/attendance.html", {"session": session, "form": form, "taken": bool(existing)}
    )


def learner_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A learner's timetable as an iCal feed, by its subscriber's secret URL (no session needed)."""
    found = selectors.cohorts.feed_subscription(raw=token)
    if found is None:
        raise Http404
    today = timezone.localdate()
    sessions = selectors.cohorts.timetable(
        learner=found.person, start=today - dt.timedelta(days=30), end=today + dt.timedelta(days=180)
    )
    response = HttpResponse(
        ical.timetable_ics(found.person, sessions), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="hall32-emploi-du-temps.ics"'
    return response


@never_cache
@require_http_methods(["POST"])
@login_required
def learner_feed_create(request: HttpRequest, pk: int) -> HttpResponse:
    """A new timetable link for the signed-in user only (the learner's and the parents' own links
    keep working), shown this once."""
    learner = get_object_or_404(Person.objects.active(), pk=pk)
    check_perm(request, "training.view_learner_timetable", learner)
    return feed_link_page(
        request,
        calendar_services.calendar_token_issue(person=learner, subscriber=request.user),
        feed="training:learner_feed",
        title=_("Emploi du temps de %(name)s dans votre agenda") % {"name": learner.first_name},
        back_href=reverse("training:learner_detail", args=[pk]),
    )
