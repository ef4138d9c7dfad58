"""The Pôle Industrie's entries in the registry of personal fields (hall32.core.gdpr).

Machines keep their history (a booked slot stays booked) without what the person wrote; a
person's qualifications and calendar feed go.
"""

from __future__ import annotations

from hall32.core import gdpr
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
