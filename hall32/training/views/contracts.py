"""Contracts: list, form with every CERFA field, checks, PDF, signature, break; the alerts page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hall32.core import selectors as core_selectors
from hall32.core.models import Person
from hall32.core.schoolyear import SchoolYear
from hall32.training import selectors
from hall32.training.filters import ContractFilter
from hall32.training.forms import BreakForm, ContractForm, SignForm
from hall32.training.models import Contract
from hall32.training.pdf import contract_pdf
from hall32.training.services import contracts as services
from hall32.web.listing import Listing
from hall32.web.pages import (
    check_perm,
    confirm_page,
    posted,
    render_page,
    require_perm,
    run_action,
    save_form,
)


@login_required
def contract_list(request: HttpRequest) -> HttpResponse:
    listing = Listing(
        request,
        selectors.contracts.contracts_visible_to(user=request.user),
        filterset_class=ContractFilter,
        sorts={"start": "start_date", "apprentice": ("apprentice__last_name",), "employer": "employer__name"},
        default_sort="-start",
    )
    return render_page(
        request, "training/contract_list.html", {"listing": listing}, fragment="training/_contract_rows.html"
    )


def _tutors(form: ContractForm) -> list[services.TutorInput]:
    data = form.cleaned_data
    tutors = [
        services.TutorInput(data["tutor_1"], data["tutor_1_job"], years_experience=data["tutor_1_years"] or 0)
    ]
    if data.get("tutor_2"):
        tutors.append(services.TutorInput(data["tutor_2"], data["tutor_2_job"]))
    return tutors


def _contract_form(request: HttpRequest, contract: Contract | None) -> HttpResponse:
    initial = {}
    learner = Person.objects.filter(pk=request.GET.get("apprenti")).first() if contract is None else None
    if learner is not None:
        enrolment = (
            learner.enrolments.select_related("cohort__course").order_by("-cohort__school_year").first()
        )
        if enrolment:
            course = enrolment.cohort.course
            initial = {
                "apprentice": learner.pk,
                "course": course.pk,
                "start_date": enrolment.cohort.start_date,
                "training_start": enrolment.cohort.start_date,
                "training_hours": course.training_hours or 1350,
                "rhythm": course.rhythm,
                "opco": selectors.contracts.usual_opco(),
            }
    form = ContractForm(posted(request), instance=contract, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = save_form(
            request,
            form,
            lambda: services.contract_save(contract=form.instance, tutors=_tutors(form), pay=form.pay()),
            _("Contrat enregistré : toutes les règles sont respectées."),
        )
        if saved is not None:
            return redirect(saved)
    return render(
        request,
        "training/contract_form.html",
        {"form": form, "contract": contract},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
@require_perm("training.manage_contracts")
def contract_new(request: HttpRequest) -> HttpResponse:
    return _contract_form(request, None)


@require_http_methods(["GET", "POST"])
@require_perm("training.manage_contracts")
def contract_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _contract_form(request, get_object_or_404(Contract, pk=pk))


def _checked(contract: Contract) -> tuple[list, list]:
    tutors = [services.TutorInput(t.person, t.job_title) for t in contract.tutors.select_related("person")]
    pay = [(p.year_index, p.start, p.end, p.percent) for p in contract.pay_periods.all()]
    return services.contract_problems(contract, tutors, pay), pay


@login_required
def contract_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contract = get_object_or_404(
        Contract.objects.select_related("apprentice", "employer", "course", "opco"), pk=pk
    )
    check_perm(request, "training.view_contract", contract)
    problems, pay = _checked(contract)
    return render(
        request,
        "training/contract_detail.html",
        {
            "contract": contract,
            "problems": problems,
            "pay": pay,
            "sign_form": SignForm(),
            "tutors": contract.tutors.select_related("person"),
            "can_manage": request.user.has_perm("training.manage_contracts"),
        },
    )


@login_required
def contract_document(request: HttpRequest, pk: int) -> HttpResponse:
    contract = get_object_or_404(
        Contract.objects.select_related("apprentice", "employer", "course", "opco"), pk=pk
    )
    check_perm(request, "training.view_contract", contract)
    problems, pay = _checked(contract)
    hall = core_selectors.hub_organisation()
    response = HttpResponse(
        contract_pdf(contract, problems=problems, pay=pay, hall=hall, viewer=request.user),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = f'inline; filename="contrat-{contract.reference}.pdf"'
    return response


@require_POST
@require_perm("training.manage_contracts")
def contract_sign(request: HttpRequest, pk: int) -> HttpResponse:
    contract = get_object_or_404(Contract, pk=pk)
    form = SignForm(request.POST)
    if form.is_valid():
        run_action(
            request,
            lambda: services.contract_sign(
                contract=contract, signed_on=form.cleaned_data["signed_on"], by=request.user
            ),
            _("Contrat signé."),
        )
    return redirect(contract)


@require_http_methods(["GET", "POST"])
@require_perm("training.manage_contracts")
def contract_break(request: HttpRequest, pk: int) -> HttpResponse:
    contract = get_object_or_404(Contract, pk=pk)
    form = BreakForm(posted(request))
    if request.method == "POST" and form.is_valid():
        saved = save_form(
            request,
            form,
            lambda: services.contract_break(
                contract=contract, on=form.cleaned_data["broken_on"], reason=form.cleaned_data["break_reason"]
            ),
            _("Rupture enregistrée."),
        )
        if saved is not None:
            return redirect(contract)
    return confirm_page(
        request,
        form,
        title=_("Rompre le contrat %(ref)s ?") % {"ref": contract.reference},
        warning=_("La rupture est définitive ; l'apprenti·e reste inscrit·e et doit retrouver un employeur."),
        danger_label=_("Enregistrer la rupture"),
        cancel_href=contract.get_absolute_url(),
    )


@require_perm("training.view_alerts")
def alerts(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    year = SchoolYear.of(today)
    return render(
        request,
        "training/alerts.html",
        {
            "without_contract": selectors.contracts.learners_without_contract(today=today),
            "absences": selectors.attendance.absence_alerts(school_year=year.start_year),
            "year": year,
            "today": today,
        },
    )
