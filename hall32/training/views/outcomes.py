"""Outcomes: who left, with what diploma, for which situation; the six-month follow-up."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hall32.core.models import Person
from hall32.core.schoolyear import SchoolYear, school_years
from hall32.training import selectors
from hall32.training.filters import OutcomeFilter
from hall32.training.forms import FollowupForm, OutcomeForm
from hall32.training.models import Course, Outcome
from hall32.training.services import outcomes as services
from hall32.web.listing import Listing
from hall32.web.pages import form_page, posted, render_page, require_perm, save_form


@require_perm("training.view_outcomes")
def outcome_list(request: HttpRequest) -> HttpResponse:
    current = SchoolYear.of(timezone.localdate()).start_year
    years = school_years(settings.HUB_FIRST_SCHOOL_YEAR, current)
    per_year = [(y, selectors.outcomes.outcome_stats(years=[y])) for y in reversed(years)]
    published = selectors.outcomes.published_years(today=timezone.localdate())
    listing = Listing(
        request,
        selectors.outcomes.outcomes_visible_to(user=request.user),
        filterset_class=OutcomeFilter,
        sorts={"exit": "exit_date", "name": ("learner__last_name",)},
        default_sort="-exit",
    )
    return render_page(
        request,
        "training/outcome_list.html",
        {
            "listing": listing,
            "names_restricted": not request.user.has_perm("training.manage_outcomes"),
            "per_year": per_year,
            "published": selectors.outcomes.outcome_stats(years=published),
            "published_until": published[-1],
        },
        fragment="training/_outcome_rows.html",
    )


@require_http_methods(["GET", "POST"])
@require_perm("training.manage_outcomes")
def outcome_edit(request: HttpRequest, learner_pk: int, course_pk: int) -> HttpResponse:
    learner = get_object_or_404(Person, pk=learner_pk)
    course = get_object_or_404(Course, pk=course_pk)
    existing = Outcome.objects.filter(learner=learner, course=course).first()
    initial = {}
    if existing:
        initial = {
            "exit_date": existing.exit_date,
            "completed": existing.completed,
            "diploma_obtained": existing.diploma_obtained,
            "situation": existing.situation,
            "detail": existing.detail,
            "employer": existing.employer_id,
        }
    form = OutcomeForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = save_form(
            request,
            form,
            lambda: services.outcome_record(
                learner=learner,
                course=course,
                exit_date=data["exit_date"],
                situation=data["situation"],
                completed=data["completed"],
                diploma_obtained=data["diploma_obtained"],
                detail=data["detail"],
                employer=data["employer"],
            ),
            _("Devenir enregistré."),
        )
        if saved is not None:
            return redirect("training:learner_detail", pk=learner.pk)
    return form_page(
        request,
        form,
        title=_("Devenir de %(name)s — %(course)s") % {"name": learner.full_name, "course": course.title},
        cancel_href=f"/former/apprenants/{learner.pk}/",
    )


@require_http_methods(["GET", "POST"])
@require_perm("training.manage_outcomes")
def outcome_followup(request: HttpRequest, pk: int) -> HttpResponse:
    outcome = get_object_or_404(Outcome.objects.select_related("learner", "course"), pk=pk)
    form = FollowupForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = save_form(
            request,
            form,
            lambda: services.outcome_followup(
                outcome=outcome,
                situation=data["followup_situation"],
                on=data["followup_on"],
                detail=data["followup_detail"],
            ),
            _("Suivi à six mois enregistré."),
        )
        if saved is not None:
            return redirect("training:outcome_list")
    return form_page(
        request,
        form,
        title=_("Suivi à 6 mois : %(name)s") % {"name": outcome.learner.full_name},
        cancel_href="/former/devenirs/",
    )
