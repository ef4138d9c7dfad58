"""Personalised paths: evaluations of competencies by trainers and company tutors."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from hall32.core.models import Person, User
from hall32.training.errors import Forbidden, TrainingError
from hall32.training.models import Competency, Evaluation


@transaction.atomic
def evaluation_record(
    *, learner: Person, competency: Competency, level: int, on: dt.date, by: User, comment: str = ""
) -> Evaluation:
    """A trainer of the learner's cohort, or the learner's company tutor, assesses a competency."""
    if by.has_perm("training.evaluate_as_trainer", learner):
        role = Evaluation.By.TRAINER
    elif by.has_perm("training.evaluate_as_tutor", learner):
        role = Evaluation.By.TUTOR
    else:
        raise Forbidden(_("Vous ne formez pas et ne tutorez pas cet·te apprenant·e."))
    if level not in Evaluation.Level.values:
        raise TrainingError(_("Choisissez un niveau."), field="level")
    if not learner.enrolments.filter(cohort__course=competency.block.course).exists():
        raise TrainingError(
            _("Cette compétence n'est pas celle de la formation de l'apprenant·e."), field="competency"
        )
    return Evaluation.objects.create(
        learner=learner,
        competency=competency,
        evaluator=by.person,
        evaluator_role=role,
        level=level,
        evaluated_on=on,
        comment=comment,
    )
