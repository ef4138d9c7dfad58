"""Attendance: taken by the cohort's trainers, with alerts when absences pass the threshold."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from hall32.core.models import User
from hall32.training.errors import Forbidden, TrainingError
from hall32.training.models import AbsenceAlert, Attendance, AttendanceCode, Enrolment, Session


@dataclass(frozen=True)
class Mark:
    code_id: int
    minutes_late: int = 0
    note: str = ""


def absence_threshold() -> float:
    return float(getattr(settings, "TRAINING_ABSENCE_THRESHOLD", 0.10))


@transaction.atomic
def attendance_record(*, session: Session, marks: dict[int, Mark], by: User) -> list[Attendance]:
    """Record (or correct) the attendance of a session. Only the cohort's trainers, coordination and
    direction may; every learner must be enrolled in the cohort that day."""
    if not by.has_perm("training.take_attendance", session.cohort):
        raise Forbidden(_("Vous ne formez pas cette promotion : vous ne pouvez pas y faire l'appel."))
    enrolled = set(
        Enrolment.objects.current_on(session.date)
        .filter(cohort=session.cohort)
        .values_list("person_id", flat=True)
    )
    strangers = set(marks) - enrolled
    if strangers:
        raise TrainingError(
            _("Certaines personnes ne sont pas inscrites dans cette promotion ce jour-là."), field="marks"
        )
    codes = {c.pk: c for c in AttendanceCode.objects.all()}
    for learner_id, mark in marks.items():
        if mark.code_id not in codes:
            raise TrainingError(_("Code de présence inconnu."), field=f"learner_{learner_id}")
        if codes[mark.code_id].is_late and mark.minutes_late <= 0:
            raise TrainingError(_("Indiquez les minutes de retard."), field=f"late_{learner_id}")
    saved = []
    for learner_id, mark in marks.items():
        attendance, _created = Attendance.objects.update_or_create(
            session=session,
            learner_id=learner_id,
            defaults={
                "code_id": mark.code_id,
                "minutes_late": mark.minutes_late if codes[mark.code_id].is_late else 0,
                "note": mark.note[:200],
                "recorded_by": by,
            },
        )
        saved.append(attendance)
    transaction.on_commit(lambda: _check_alerts(session.cohort_id, list(marks)))
    return saved


def _check_alerts(cohort_id: int, learner_ids: list[int]) -> None:
    from hall32.training.tasks import send_absence_alert

    for learner_id in learner_ids:
        send_absence_alert.delay(learner_id, cohort_id)


def absence_alert_send(*, learner_id: int, cohort_id: int) -> AbsenceAlert | None:
    """Alert the coordination (and the parents of a minor) once, when a learner's unexcused absence
    rate in a cohort passes the threshold. Safe to run twice: one alert per learner and cohort."""
    from hall32.training import selectors
    from hall32.training.emails import absence_email

    stats = selectors.attendance.learner_stats(learner_id=learner_id, cohort_id=cohort_id)
    if stats.recorded < 4 or stats.unexcused_rate <= absence_threshold():
        return None
    with transaction.atomic():
        alert, created = AbsenceAlert.objects.get_or_create(
            learner_id=learner_id, cohort_id=cohort_id, defaults={"rate": stats.unexcused_rate}
        )
    if created:
        for message in absence_email(alert, stats):
            message.send()
        return alert
    return None
