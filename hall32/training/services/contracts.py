"""Apprenticeship contracts: every rule checked before saving, pay by contract year, signature."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from hall32.core.dates import add_months
from hall32.core.models import Organisation, Person, User
from hall32.core.services import ReferenceSeries, reference_issue
from hall32.training import law
from hall32.training.errors import TrainingError
from hall32.training.models import (
    Application,
    ApplicationStatus,
    ApplicationStep,
    Contract,
    ContractPayPeriod,
    ContractTutor,
    Course,
    Enrolment,
)
from hall32.training.selectors.contracts import usual_opco


@dataclass(frozen=True)
class TutorInput:
    person: Person
    job_title: str
    highest_diploma: str = ""
    diploma_level: str = Contract.DiplomaLevel.BAC
    years_experience: int = 2


def _tutor_loads(contract: Contract, tutors: list[TutorInput]) -> list[int]:
    """How many other signed contracts each tutor follows during this one."""
    loads = []
    for tutor in tutors:
        others = Contract.objects.filter(
            tutors__person=tutor.person,
            status=Contract.Status.SIGNED,
            start_date__lte=contract.end_date,
            end_date__gte=contract.start_date,
        ).filter(Q(broken_on__isnull=True) | Q(broken_on__gte=contract.start_date))
        if contract.pk:
            others = others.exclude(pk=contract.pk)
        loads.append(others.distinct().count())
    return loads


def pay_schedule(
    contract: Contract, chosen: dict[int, Decimal] | None = None
) -> list[tuple[int, dt.date, dt.date, Decimal]]:
    """(year, start, end, percent) for each contract year: the chosen percent, or the legal minimum."""
    chosen = chosen or {}
    birth = contract.apprentice.birth_date
    schedule = []
    for index, first, last in law.contract_years(contract.start_date, contract.end_date):
        minimum = (
            law.minimum_for_period(birth=birth, contract_year=index, start=first, end=last)[0] if birth else 0
        )
        schedule.append((index, first, last, Decimal(chosen.get(index, minimum))))
    return schedule


def contract_problems(
    contract: Contract, tutors: list[TutorInput], pay: list[tuple[int, dt.date, dt.date, Decimal]]
) -> list[law.Problem]:
    return law.check_contract(
        law.ContractFacts(
            birth=contract.apprentice.birth_date,
            start=contract.start_date,
            end=contract.end_date,
            training_start=contract.training_start,
            weekly_hours=Decimal(contract.weekly_hours),
            pay=pay,
            tutor_births=[t.person.birth_date for t in tutors],
            tutor_loads=_tutor_loads(contract, tutors),
            derogation=contract.disability_rqth or contract.high_level_athlete or contract.business_project,
        )
    )


CONTRACT_REFERENCES = ReferenceSeries(
    kind="training.contract", model=Contract, field="reference", prefix="A{year}-", digits=5
)


@transaction.atomic
def contract_save(
    *, contract: Contract, tutors: list[TutorInput], pay: dict[int, Decimal] | None = None
) -> Contract:
    """Save a contract with its tutors and pay; refused, each broken rule named next to its field."""
    if contract.start_date and contract.end_date and contract.end_date <= contract.start_date:
        raise TrainingError(
            _("La fin du contrat doit être postérieure à son début."), field="end_date", code="dates"
        )
    if contract.employer.kind != "company":
        raise TrainingError(_("L'employeur doit être une entreprise."), field="employer")
    if contract.status in {Contract.Status.ENDED, Contract.Status.BROKEN}:
        raise TrainingError(_("Un contrat terminé ou rompu ne se modifie plus."))
    schedule = pay_schedule(contract, pay)
    problems = contract_problems(contract, tutors, schedule)
    if problems:
        errors: dict[str, list[str]] = {}
        for problem in problems:
            errors.setdefault(problem.field, []).append(problem.message)
        raise TrainingError(
            problems[0].message, field=problems[0].field, code=problems[0].code, errors=errors
        )
    if not contract.reference:
        contract.reference = reference_issue(series=CONTRACT_REFERENCES, year=contract.start_date.year)
    contract.full_clean(exclude=["reference"])
    contract.save()
    contract.tutors.all().delete()
    ContractTutor.objects.bulk_create(
        ContractTutor(
            contract=contract,
            person=t.person,
            order=rank,
            job_title=t.job_title,
            highest_diploma=t.highest_diploma,
            diploma_level=t.diploma_level,
            years_experience=t.years_experience,
        )
        for rank, t in enumerate(tutors, start=1)
    )
    contract.pay_periods.all().delete()
    ContractPayPeriod.objects.bulk_create(
        ContractPayPeriod(contract=contract, year_index=i, start=a, end=b, percent=p)
        for i, a, b, p in schedule
    )
    return contract


@transaction.atomic
def contract_sign(*, contract: Contract, signed_on: dt.date, by: User | None) -> Contract:
    """Mark the contract signed; the learner's admitted application moves to 'contract signed'."""
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    if not contract.is_draft:
        raise TrainingError(_("Seul un contrat en préparation peut être signé."))
    tutors = [TutorInput(t.person, t.job_title) for t in contract.tutors.select_related("person")]
    schedule = [(p.year_index, p.start, p.end, p.percent) for p in contract.pay_periods.all()]
    problems = contract_problems(contract, tutors, schedule)
    if problems:
        raise TrainingError(problems[0].message, field=problems[0].field, code=problems[0].code)
    contract.status = Contract.Status.SIGNED
    contract.signed_on = signed_on
    contract.save(update_fields=["status", "signed_on", "updated_at"])
    for application in Application.objects.filter(
        applicant=contract.apprentice, course=contract.course, status=ApplicationStatus.ADMITTED
    ):
        ApplicationStep.objects.create(
            application=application,
            from_status=application.status,
            to_status=ApplicationStatus.CONTRACT_SIGNED,
            by=by if by and by.pk else None,
            note=_("Contrat %(ref)s signé.") % {"ref": contract.reference},
        )
        application.status = ApplicationStatus.CONTRACT_SIGNED
        application.save(update_fields=["status", "updated_at"])
    return contract


@transaction.atomic
def contract_break(*, contract: Contract, on: dt.date, reason: str) -> Contract:
    if not contract.is_active:
        raise TrainingError(_("Seul un contrat signé peut être rompu."))
    if not contract.start_date <= on <= contract.end_date:
        raise TrainingError(_("La rupture doit dater de la période du contrat."), field="broken_on")
    if not reason.strip():
        raise TrainingError(_("Indiquez le motif de la rupture."), field="break_reason")
    contract.status = Contract.Status.BROKEN
    contract.broken_on = on
    contract.break_reason = reason.strip()
    contract.save(update_fields=["status", "broken_on", "break_reason", "updated_at"])
    return contract


# --- matching (network opens a draft when an introduction is accepted) ---------------------------


@transaction.atomic
def contract_draft_open(
    *,
    apprentice: Person,
    employer: Organisation,
    start_date: dt.date,
    course: Course | None = None,
    tutor: Person | None = None,
    job_title: str = "",
    by: User | None = None,
) -> Contract:
    """Open a contract in preparation, pre-filled from both sides of an accepted introduction: the
    apprentice and their course (the admitted application's when none is given) and enrolment,
    the employer, the start date, the course's length, hours and rhythm, the legal minimum pay,
    and the offer's tutor as first tutor when the law allows them (of age, two apprentices at
    most). The coordinator completes it on the contract form, which checks every rule."""
    if employer.kind != Organisation.Kind.COMPANY:
        raise TrainingError(_("L'employeur doit être une entreprise."), field="employer")
    if course is None:
        application = (
            Application.objects.filter(applicant=apprentice, status=ApplicationStatus.ADMITTED)
            .select_related("course")
            .order_by("-school_year", "-created_at")
            .first()
        )
        if application is None:
            raise TrainingError(
                _("%(name)s n'a pas de candidature admise : choisissez la formation.") % {"name": apprentice},
                field="course",
            )
        course = application.course
    enrolment = (
        Enrolment.objects.filter(person=apprentice, cohort__course=course)
        .select_related("cohort")
        .order_by("-cohort__school_year", "-start_date")
        .first()
    )
    months = min(max(course.duration_months or 24, 6), 36)
    end_date = add_months(start_date, months) - dt.timedelta(days=1)
    contract = Contract(
        status=Contract.Status.DRAFT,
        apprentice=apprentice,
        enrolment=enrolment,
        course=course,
        employer=employer,
        opco_id=usual_opco(),
        start_date=start_date,
        practical_start=start_date,
        end_date=end_date,
        training_start=enrolment.cohort.start_date if enrolment else start_date,
        exam_end=end_date,
        training_hours=course.training_hours or 1350,
        rhythm=course.rhythm,
    )
    contract.reference = reference_issue(series=CONTRACT_REFERENCES, year=start_date.year)
    contract.full_clean(exclude=["reference"])
    contract.save()
    if tutor is not None:
        candidate = TutorInput(tutor, (job_title or str(_("Maître d'apprentissage")))[:120])
        of_age = tutor.birth_date is None or law.age_on(tutor.birth_date, start_date) >= 18
        if of_age and _tutor_loads(contract, [candidate])[0] < 2:
            ContractTutor.objects.create(
                contract=contract, person=tutor, order=1, job_title=candidate.job_title
            )
    ContractPayPeriod.objects.bulk_create(
        ContractPayPeriod(contract=contract, year_index=i, start=a, end=b, percent=p)
        for i, a, b, p in pay_schedule(contract)
    )
    return contract
