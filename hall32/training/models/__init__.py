"""Training records, one module per part: catalogue, cohorts and attendance, admissions,
contracts, paths and competencies, outcomes, targeted programmes, messages from the hub."""

from hall32.training.models.admissions import (  # noqa: F401
    DECISIONS,
    PIPELINE,
    TRANSITIONS,
    Application,
    ApplicationStatus,
    ApplicationStep,
    Interview,
    InterviewScore,
    Rubric,
    RubricCriterion,
)
from hall32.training.models.announcements import Announcement, AnnouncementQuerySet  # noqa: F401
from hall32.training.models.attendance import AbsenceAlert, Attendance, AttendanceCode  # noqa: F401
from hall32.training.models.catalogue import Course, CourseQuerySet, Trade, TradeFamily  # noqa: F401
from hall32.training.models.cohorts import (  # noqa: F401
    CalendarToken,
    Cohort,
    Enrolment,
    Session,
)
from hall32.training.models.contracts import Contract, ContractPayPeriod, ContractTutor  # noqa: F401
from hall32.training.models.outcomes import Outcome, Situation  # noqa: F401
from hall32.training.models.paths import Competency, CompetencyBlock, Evaluation  # noqa: F401
from hall32.training.models.programmes import (  # noqa: F401
    REFERRAL_TRANSITIONS,
    Programme,
    ProgrammeModule,
    ProgrammeSession,
    ProgressNote,
    Referral,
    ReferralStatus,
)
