"""Outcomes: what each leaver becomes, and the follow-up six months later."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from hall32.core.dates import long_date
from hall32.core.models import Organisation, Person
from hall32.training.errors import TrainingError
from hall32.training.law import add_months
from hall32.training.models import Course, Outcome, Situation


@transaction.atomic
def outcome_record(
    *,
    learner: Person,
    course: Course,
    exit_date: dt.date,
    situation: str,
    completed: bool = True,
    diploma_obtained: bool | None = None,
    detail: str = "",
    employer: Organisation | None = None,
) -> Outcome:
    if situation not in Situation.values:
        raise TrainingError(_("Choisissez une situation."), field="situation")
    if not learner.enrolments.filter(cohort__course=course).exists():
        raise TrainingError(_("Cette personne n'a pas suivi cette formation."), field="course")
    if not completed and diploma_obtained:
        raise TrainingError(_("Un parcours interrompu ne mène pas au diplôme."), field="diploma_obtained")
    outcome, _created = Outcome.objects.update_or_create(
        learner=learner,
        course=course,
        defaults={
            "exit_date": exit_date,
            "situation": situation,
            "completed": completed,
            "diploma_obtained": diploma_obtained,
            "detail": detail,
            "employer": employer,
        },
    )
    return outcome


@transaction.atomic
def outcome_followup(*, outcome: Outcome, situation: str, on: dt.date, detail: str = "") -> Outcome:
    if situation not in Situation.values:
        raise TrainingError(_("Choisissez une situation."), field="followup_situation")
    if on < add_months(outcome.exit_date, 5):
        raise TrainingError(
            _("Le suivi se fait environ six mois après la sortie (à partir du %(d)s).")
            % {"d": long_date(add_months(outcome.exit_date, 5))},
            field="followup_on",
        )
    outcome.followup_situation = situation
    outcome.followup_on = on
    outcome.followup_detail = detail
    outcome.save(update_fields=["followup_situation", "followup_on", "followup_detail", "updated_at"])
    return outcome
