"""Admissions: the public application form, the pipeline, interviews, decisions, letters."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hall32.training import selectors
from hall32.training.filters import ApplicationFilter
from hall32.training.forms import ApplicationForm, DecisionForm, InterviewForm, MoveForm
from hall32.training.models import Application, ApplicationStatus, Course, Rubric
from hall32.training.pdf import decision_letter_pdf
from hall32.training.services import admissions as services
from hall32.web.listing import Listing
from hall32.web.pages import posted, render_page, require_perm, run_action, save_form


@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    course = Course.objects.filter(slug=request.GET.get("formation")).first()
    form = ApplicationForm(posted(request), initial={"course": course.pk if course else None})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        guardian = None
        if data["guardian_last_name"]:
            guardian = services.GuardianContact(
                data["guardian_first_name"],
                data["guardian_last_name"],
                data["guardian_email"],
                data["guardian_phone"],
                data["guardian_relationship"] or "guardian",
            )
        application = save_form(
            request,
            form,
            lambda: services.application_submit(
                course=data["course"],
                school_year=data["school_year"],
                applicant=services.Applicant(
                    data["first_name"],
                    data["last_name"],
                    data["birth_date"],
                    data["email"],
                    data["phone"],
                    data["gender"],
                    data["postcode"],
                    data["city"],
                ),
                guardian=guardian,
                motivation=data["motivation"],
                heard_from=data["heard_from"],
                situation=data["situation"],
                last_school=data["last_school"],
                school_grades=data["school_grades"],
                has_company=data["has_company"],
                company_name=data["company_name"],
                mobility_km=data["mobility_km"],
            ),
            _("Candidature envoyée ! Un courriel de confirmation est parti."),
        )
        if application is not None:
            return redirect("training:application_status", token=application.token)
    return render(
        request, "training/apply.html", {"form": form}, status=400 if request.method == "POST" else 200
    )


def application_status(request: HttpRequest, token) -> HttpResponse:
    application = get_object_or_404(Application.objects.select_related("course", "applicant"), token=token)
    return render(request, "training/application_status.html", {"application": application})


@require_perm("training.view_applications")
def pipeline(request: HttpRequest) -> HttpResponse:
    year = _intake(request)
    listing = Listing(
        request,
        selectors.admissions.applications(),
        filterset_class=ApplicationFilter,
        sorts={
            "created": "created_at",
            "name": ("applicant__last_name", "applicant__first_name"),
            "status": "status",
            "score": "best_score",
        },
        default_sort="-created",
        defaults={"school_year": str(year)},
    )
    return render_page(
        request,
        "training/pipeline.html",
        {
            "listing": listing,
            "counts": selectors.admissions.pipeline_counts(school_year=year),
            "year": year,
            "without_company": selectors.admissions.admitted_without_company(school_year=year).count(),
        },
        fragment="training/_application_rows.html",
    )


@require_perm("training.view_applications")
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        application = selectors.admissions.application_detail(pk=pk)
    except Application.DoesNotExist:
        raise Http404 from None
    rubric = Rubric.objects.filter(is_active=True).prefetch_related("criteria").first()
    return render(
        request,
        "training/application_detail.html",
        {
            "application": application,
            "move_form": MoveForm(application=application),
            "decision_form": DecisionForm(),
            "rubric": rubric,
            "interview_form": InterviewForm(rubric=rubric) if rubric else None,
            "can_decide": bool(
                set(application.next_statuses) & {ApplicationStatus.ADMITTED, ApplicationStatus.REJECTED}
            ),
        },
    )


@require_POST
@require_perm("training.manage_applications")
def application_move(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(Application, pk=pk)
    form = MoveForm(request.POST, application=application)
    if not form.is_valid():
        messages.error(request, _("Choisissez une étape possible."))
        return redirect(application)
    run_action(
        request,
        lambda: services.application_move(
            application=application,
            to_status=form.cleaned_data["to_status"],
            by=request.user,
            note=form.cleaned_data["note"],
        ),
        lambda application: (
            _("Candidature passée à l'étape « %(s)s ».") % {"s": application.get_status_display()}
        ),
    )
    return redirect(application)


@require_POST
@require_perm("training.manage_applications")
def application_decide(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(Application, pk=pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        saved = save_form(
            request,
            form,
            lambda: services.application_decide(
                application=application,
                admitted=form.cleaned_data["decision"] == "admitted",
                reasons=form.cleaned_data["reasons"],
                by=request.user,
            ),
            _("Décision enregistrée ; le courrier est envoyé au candidat."),
        )
        if saved is not None:
            return redirect(application)
    messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect(application)


@require_POST
@require_perm("training.manage_applications")
def interview_record(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(Application, pk=pk)
    rubric = get_object_or_404(Rubric.objects.prefetch_related("criteria"), pk=request.POST.get("rubric"))
    form = InterviewForm(request.POST, rubric=rubric)
    if form.is_valid():
        run_action(
            request,
            lambda: services.interview_record(
                application=application,
                rubric=rubric,
                interviewer=request.user,
                held_on=form.cleaned_data["held_on"],
                scores=form.scores,
                notes=form.cleaned_data["notes"],
            ),
            lambda interview: _("Entretien enregistré : %(s)s / 100.") % {"s": interview.score},
        )
    else:
        messages.error(request, _("Notez chaque critère de la grille."))
    return redirect(application)


@require_perm("training.view_applications")
def decision_letter(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(Application.objects.select_related("applicant", "course"), pk=pk)
    if application.status not in {
        ApplicationStatus.ADMITTED,
        ApplicationStatus.REJECTED,
        ApplicationStatus.CONTRACT_SIGNED,
    }:
        raise Http404
    response = HttpResponse(decision_letter_pdf(application), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="decision-{application.reference}.pdf"'
    return response


@require_perm("training.view_applications")
def without_company(request: HttpRequest) -> HttpResponse:
    year = _intake(request)
    applications = selectors.admissions.admitted_without_company(school_year=year)
    return render(request, "training/without_company.html", {"applications": applications, "year": year})


def _intake(request: HttpRequest) -> int:
    """The rentrée asked for (?school_year=2027), else the one this year's campaign recruits for."""
    asked = request.GET.get("school_year", "")
    return (
        int(asked)
        if asked.isdigit() and 2000 <= int(asked) <= 2100
        else selectors.admissions.current_intake()
    )
