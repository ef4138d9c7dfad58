"""The Pôle Industrie's entries in the registry of personal fields (hall32.core.gdpr),
and its part of a person's GDPR export.

Machines keep their history (a booked slot stays booked) without what the person wrote; a
person's qualifications and calendar feed go.
"""

from __future__ import annotations

from typing import Any

from hall32.core import gdpr
from hall32.core.models import Person
from hall32.industry.models import (
    Booking,
    Equipment,
    FeedToken,
    LineConfiguration,
    MaintenancePlan,
    Project,
    ProjectStep,
    Qualification,
    QualificationGrant,
    Quote,
    ScheduleRun,
    SimulationRun,
    TimeEntry,
)


def register() -> None:
    gdpr.register("innover", export=export)
    personal = gdpr.personal_data
    personal(
        QualificationGrant,
        owners=["person"],
        erase=["notes"],
        keep=["qualification", "granted_on", "expires_on", "granted_by", "revoked_on"],
        delete=True,
    )
    personal(
        Booking,
        owners=["user__person"],
        erase=["title", "notes"],
        keep=[
            "equipment",
            "kind",
            "status",
            "start",
            "end",
            "project",
            "maintenance_plan",
            "schedule",
            "planned_end",
            "cancelled_at",
        ],
    )
    personal(FeedToken, owners=["user__person"], erase=["digest"], delete=True)
    personal(
        TimeEntry,
        owners=["engineer__person"],
        erase=["note"],
        keep=["project", "day", "hours", "activity"],
    )
    personal(
        Project,
        owners=[],
        keep=[
            "reference",
            "title",
            "description",
            "client",
            "contact",
            "lead",
            "kind",
            "status",
            "requested_on",
            "started_on",
            "delivered_on",
            "closed_on",
            "satisfaction",
            "satisfaction_comment",
        ],
    )
    personal(ProjectStep, owners=[], keep=["project", "from_status", "to_status", "at", "by", "note"])
    personal(
        Quote,
        owners=[],
        keep=[
            "project",
            "number",
            "status",
            "issued_on",
            "valid_until",
            "vat_rate",
            "notes",
            "decided_on",
            "decided_by",
        ],
    )
    personal(
        LineConfiguration,
        owners=[],
        keep=[
            "name",
            "description",
            "client",
            "project",
            "arrival_distribution",
            "arrival_p1",
            "arrival_p2",
            "arrival_p3",
            "target_per_hour",
            "horizon_hours",
            "warmup_hours",
            "replications",
            "seed",
            "created_by",
        ],
    )
    personal(
        SimulationRun, owners=[], keep=["line", "kind", "spec", "result", "job", "created_by", "finished_at"]
    )
    personal(
        ScheduleRun,
        owners=[],
        keep=[
            "name",
            "project",
            "not_before",
            "status",
            "time_limit",
            "makespan_minutes",
            "lower_bound_minutes",
            "solver_status",
            "seconds",
            "message",
            "solved_at",
            "applied_at",
            "job",
            "created_by",
        ],
    )
    # Audited for their history, but about machines, not people.
    personal(Qualification, owners=[], keep=["code", "name", "description", "validity_months"])
    personal(
        Equipment,
        owners=[],
        keep=[
            "code",
            "name",
            "category",
            "manufacturer",
            "model_name",
            "description",
            "capabilities",
            "hourly_rate",
            "qualification",
            "room",
            "runs_unattended",
            "is_active",
            "feed_token",
        ],
    )
    personal(
        MaintenancePlan,
        owners=[],
        keep=[
            "equipment",
            "name",
            "every_weeks",
            "first_date",
            "start_time",
            "duration_minutes",
            "until",
            "is_active",
        ],
    )


def export(person: Person) -> dict[str, Any]:
    """What the app holds about `person`, for the GDPR export (core.services.person_export)."""
    user = getattr(person, "user", None)
    bookings = (
        Booking.objects.filter(user=user).select_related("equipment") if user else Booking.objects.none()
    )
    return {
        "habilitations": [
            {
                "habilitation": g.qualification.name,
                "accordée_le": g.granted_on.isoformat(),
                "expire_le": g.expires_on.isoformat() if g.expires_on else None,
                "retirée_le": g.revoked_on.isoformat() if g.revoked_on else None,
            }
            for g in QualificationGrant.objects.filter(person=person).select_related("qualification")
        ],
        "réservations_machines": [
            {
                "machine": b.equipment.name,
                "début": b.start.isoformat(),
                "fin": b.end.isoformat(),
                "objet": b.title,
                "statut": b.get_status_display(),
            }
            for b in bookings
        ],
        "temps_passés": [
            {"projet": t.project.reference, "jour": t.day.isoformat(), "heures": str(t.hours)}
            for t in (TimeEntry.objects.filter(engineer=user).select_related("project") if user else [])
        ],
        "projets_comme_contact": [
            {"projet": p.reference, "intitulé": p.title} for p in Project.objects.filter(contact=person)
        ],
    }
