"""PDF documents of the training app (WeasyPrint): decision letters and the pre-filled contract."""

from __future__ import annotations

from hall32.core.models import Organisation
from hall32.core.pdf import render_pdf
from hall32.training.models import Application, Contract


def decision_letter_pdf(application: Application) -> bytes:
    guardians = [g.guardian for g in application.applicant.guardianships.select_related("guardian")]
    return render_pdf(
        "training/pdf/decision_letter.html", {"application": application, "guardians": guardians}
    )


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
    return render_pdf(
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
