"""Attendance statistics: per learner, per cohort."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from hall32.training.models import AbsenceAlert, Attendance


@dataclass(frozen=True)
class AttendanceStats:
    recorded: int
    absences: int
    excused: int
    lates: int

    @property
    def absence_rate(self) -> float:
        return self.absences / self.recorded if self.recorded else 0.0

    @property
    def unexcused_rate(self) -> float:
        return (self.absences - self.excused) / self.recorded if self.recorded else 0.0


def _stats(queryset) -> AttendanceStats:
    row = queryset.aggregate(
        recorded=Count("id"),
        absences=Count("id", filter=Q(code__counts_as_absence=True)),
        excused=Count("id", filter=Q(code__counts_as_absence=True, code__is_excused=True)),
        lates=Count("id", filter=Q(code__is_late=True)),
    )
    return AttendanceStats(row["recorded"], row["absences"], row["excused"], row["lates"])


def learner_stats(*, learner_id: int, cohort_id: int | None = None) -> AttendanceStats:
    found = Attendance.objects.filter(learner_id=learner_id)
    return _stats(found.filter(session__cohort_id=cohort_id) if cohort_id else found)


def cohort_stats(*, cohort_id: int) -> dict[int, AttendanceStats]:
    """Per learner of a cohort, in one query."""
    rows = (
        Attendance.objects.filter(session__cohort_id=cohort_id)
        .values("learner_id")
        .annotate(
            recorded=Count("id"),
            absences=Count("id", filter=Q(code__counts_as_absence=True)),
            excused=Count("id", filter=Q(code__counts_as_absence=True, code__is_excused=True)),
            lates=Count("id", filter=Q(code__is_late=True)),
        )
    )
    return {
        r["learner_id"]: AttendanceStats(r["recorded"], r["absences"], r["excused"], r["lates"]) for r in rows
    }


def absence_alerts(*, school_year: int) -> QuerySet[AbsenceAlert]:
    """The absence alerts of one school year's cohorts, latest first: the coordinator's panel counts
    them and the alerts page it links to lists them."""
    return (
        AbsenceAlert.objects.filter(cohort__school_year=school_year)
        .select_related("learner", "cohort__course")
        .order_by("-sent_at", "-pk")
    )
