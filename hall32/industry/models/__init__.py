"""Pôle Industrie records, one module per part: equipment and bookings, client projects,
job-shop schedules, modular-line configurations and their simulations."""

from hall32.industry.models.bookings import Booking, BookingQuerySet, FeedToken  # noqa: F401
from hall32.industry.models.equipment import (  # noqa: F401
    Equipment,
    MaintenancePlan,
    Qualification,
    QualificationGrant,
)
from hall32.industry.models.lines import LineConfiguration, LineModule, SimulationRun  # noqa: F401
from hall32.industry.models.projects import (  # noqa: F401
    PROJECT_PIPELINE,
    PROJECT_TRANSITIONS,
    Deliverable,
    Project,
    ProjectKind,
    ProjectStatus,
    ProjectStep,
    Quote,
    QuoteLine,
    TimeEntry,
)
from hall32.industry.models.scheduling import ScheduledOperation, ScheduleRun  # noqa: F401
