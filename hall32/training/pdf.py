"""PDF documents of the training app (WeasyPrint): decision letters and the pre-filled contract."""

from __future__ import annotations

from typing import Any

from hall32.core import access
from hall32.core.models import Organisation
from hall32.training.models import Application, Contract
from hall32.web.pdf import render_pdf


def decision_letter_pdf(application: Application) -> bytes:
    guardians = [g.guardian for g in application.applicant.guardianships.select_related("guardian")]
    return render_pdf(
        "training/pdf/decision_letter.html", {"application": application, "guardians": guardians}
    )


def contract_pdf(
    contract: Contract, *, problems: list, pay: list, hall: Organisation | None, viewer: Any = None
) -> bytes:
    """The pre-filled CERFA. For a `viewer` who may not read every part (a company tutor), the
    apprentice's personal part and other people's details they may not read are left out
    (hall32.core.access); with no viewer (the hub's own copy), everything is printed."""
    from hall32.training import law

    apprentice = contract.apprentice
    guardians = [g.guardian for g in apprentice.guardianships.select_related("guardian")]
    tutors = list(contract.tutors.select_related("person"))
    people = [apprentice, *guardians, *(t.person for t in tutors)]
    if viewer is None:
        visible = {p.pk: access.ALL for p in people}
        personal = True
    else:
        visible = access.visible_fields_many(viewer, people)
        personal = viewer.has_perm("training.view_contract_personal", contract)
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
            "tutors": tutors,
            "visible": visible,
            "personal": personal,
            "pay": pay,
            "monthly": monthly,
            "problems": problems,
            "cfa": hall,
            "smic": law.smic_on(contract.start_date),
        },
    )
