"""PDF documents of the training app (WeasyPrint): decision letters and the pre-filled contract."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from hall32.core.models import Organisation
from hall32.training.models import Application, Contract


def _render(template: str, context: dict) -> bytes:
    from weasyprint import HTML

    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(template, {**context, "today": timezone.localdate()})
    return HTML(string=html).write_pdf()


def decision_letter_pdf(application: Application) -> bytes:
    guardians = [g.guardian for g in application.applicant.guardianships.select_related("guardian")]
    return _render("training/pdf/decision_letter.html", {"application": application, "guardians": guardians})


def contract_pdf(contract: Contract, *, problems: list, pay: list, hall: Organisation | None) -> bytes:
    from hall32.training import law

    apprentice = contract.apprentice
    guardians = [g.guardian for g in apprentice.guardianships.select_related("guardian")]
    first_pay = pay[0] if pay else None
    monthly = (
        law.monthly_pay(percent=first_pay[3], weekly_hours=contract.weekly_hours, on=first_pay[1])
        if first_pay
        else None
    )
    return _render(
        "training/pdf/contract.html",
        {
            "c": contract,
            "apprentice": apprentice,
            "employer": contract.employer,
            "guardians": guardians,
            "minor": bool(
                apprentice.birth_date and law.age_on(apprentice.birth_date, contract.start_date) < 18
            ),
            "tutors": list(contract.tutors.select_related("person")),
            "pay": pay,
            "monthly": monthly,
            "problems": problems,
            "cfa": hall,
            "smic": law.smic_on(contract.start_date),
        },
    )
