"""The training app's entries in the registry of personal fields (hall32.core.gdpr),
and its part of a person's GDPR export.

Erasure keeps what the published figures count (enrolments, contracts' dates and status,
outcomes' situations, programme steps) and blanks what describes the person: their words, the
hub's notes about them, their birth place, nationality and disability, their schooling.
"""

from __future__ import annotations

from typing import Any

from hall32.core import gdpr
from hall32.core.gdpr import NEW_TOKEN
from hall32.core.models import Person
from hall32.training.models import (
    AbsenceAlert,
    Announcement,
    Application,
    ApplicationStep,
    Attendance,
    CalendarToken,
    Cohort,
    Contract,
    ContractTutor,
    Enrolment,
    Evaluation,
    Interview,
    Outcome,
    ProgrammeSession,
    ProgressNote,
    Referral,
    Session,
)


def register() -> None:
    gdpr.register("former", export=export)
    personal = gdpr.personal_data
    personal(
        Application,
        owners=["applicant"],
        erase={
            "motivation": gdpr.BLANK,
            "last_school": gdpr.BLANK,
            "school_grades": gdpr.BLANK,
            "company_name": gdpr.BLANK,
            "sought_postcode": gdpr.BLANK,
            "decision_reasons": gdpr.BLANK,
            "token": NEW_TOKEN,
        },
        keep=[
            "reference",
            "course",
            "school_year",
            "status",
            "heard_from",
            "situation",
            "has_company",
            "sought_trade",
            "mobility_km",
            "desired_start",
            "decided_at",
            "decided_by",
        ],
    )
    personal(
        ApplicationStep,
        owners=["application__applicant"],
        erase=["note"],
        keep=["application", "from_status", "to_status", "at", "by"],
    )
    personal(
        Interview,
        owners=["application__applicant"],
        erase=["notes"],
        keep=["application", "rubric", "interviewer", "held_on", "score"],
    )
    personal(
        Cohort,
        owners=[],
        keep=[
            "course",
            "school_year",
            "stage",
            "code",
            "start_date",
            "end_date",
            "rhythm_weeks_school",
            "rhythm_weeks_company",
            "trainers",
        ],
    )
    personal(Enrolment, owners=["person"], keep=["cohort", "status", "start_date", "end_date"])
    personal(Session, owners=[], keep=["cohort", "date", "start", "end", "title", "kind", "trainer", "room"])
    personal(
        Attendance,
        owners=["learner"],
        erase=["note"],
        keep=["session", "code", "minutes_late", "recorded_by", "recorded_at"],
    )
    # A feed link goes with the person followed and with the person subscribing.
    personal(CalendarToken, owners=["person", "subscriber__person"], erase=["digest"], delete=True)
    personal(AbsenceAlert, owners=["learner"], keep=["cohort", "rate", "sent_at"])
    personal(
        Evaluation,
        owners=["learner"],
        erase=["comment"],
        keep=["competency", "evaluator", "evaluator_role", "level", "evaluated_on"],
    )
    personal(
        Contract,
        owners=["apprentice"],
        erase=[
            "birth_commune",
            "birth_department",
            "nationality",
            "disability_rqth",
            "high_level_athlete",
            "business_project",
            "prior_situation",
            "last_diploma_prepared",
            "last_class",
            "highest_diploma",
            "derogation",
            "break_reason",
        ],
        keep=[
            "reference",
            "status",
            "enrolment",
            "course",
            "employer",
            "opco",
            "employer_type",
            "naf_code",
            "workforce",
            "idcc_code",
            "retirement_fund",
            "social_regime",
            "kind",
            "previous_contract",
            "signed_on",
            "start_date",
            "practical_start",
            "end_date",
            "weekly_hours",
            "dangerous_machines",
            "rhythm",
            "benefit_food",
            "benefit_housing",
            "training_start",
            "exam_end",
            "training_hours",
            "broken_on",
        ],
    )
    personal(
        ContractTutor,
        owners=["person"],
        erase=["job_title", "highest_diploma"],
        keep=["contract", "order", "diploma_level", "years_experience"],
    )
    personal(
        Outcome,
        owners=["learner"],
        erase=["detail", "followup_detail"],
        keep=[
            "course",
            "exit_date",
            "completed",
            "diploma_obtained",
            "situation",
            "employer",
            "followup_situation",
            "followup_on",
        ],
    )
    personal(
        ProgrammeSession,
        owners=[],
        keep=["programme", "name", "start", "end", "capacity", "coach", "employer_partners"],
    )
    personal(
        Referral,
        owners=["person"],
        erase=["reason", "outcome_detail"],
        keep=[
            "programme",
            "session",
            "referred_by",
            "referrer",
            "referred_on",
            "status",
            "intake_on",
            "outcome",
            "outcome_on",
            "employer",
            "created_by",
        ],
    )
    personal(
        ProgressNote,
        owners=["referral__person"],
        erase=["note"],
        keep=["referral", "week", "written_on", "author"],
    )
    # A message from the hub to a cohort: written by staff, about no one in particular.
    personal(
        Announcement,
        owners=[],
        keep=["title", "body", "cohort", "audience", "published_on", "expires_on", "created_by"],
    )


def export(person: Person) -> dict[str, Any]:
    """What the app holds about `person`, for the GDPR export (core.services.person_export)."""
    return {
        "inscriptions": [
            {
                "promotion": e.cohort.code,
                "entrée": e.start_date.isoformat(),
                "sortie": e.end_date.isoformat() if e.end_date else None,
                "statut": e.get_status_display(),
            }
            for e in person.enrolments.select_related("cohort")
        ],
        "candidatures": [
            {
                "référence": a.reference,
                "formation": a.course.title,
                "étape": a.get_status_display(),
                "motivation": a.motivation,
                "notes_scolaires": a.school_grades,
                "motifs_décision": a.decision_reasons,
            }
            for a in Application.objects.filter(applicant=person).select_related("course")
        ],
        "contrats": [
            {
                "numéro": c.reference,
                "employeur": c.employer.name,
                "début": c.start_date.isoformat(),
                "fin": c.end_date.isoformat(),
            }
            for c in Contract.objects.filter(apprentice=person).select_related("employer")
        ],
        "évaluations": [
            {
                "compétence": e.competency.code,
                "niveau": e.get_level_display(),
                "date": e.evaluated_on.isoformat(),
                "par": e.get_evaluator_role_display(),
            }
            for e in Evaluation.objects.filter(learner=person).select_related("competency")
        ],
        "présences": [
            {"séance": str(a.session), "présence": a.code.label}
            for a in Attendance.objects.filter(learner=person).select_related("session__cohort", "code")
        ],
        "devenirs": [
            {
                "formation": o.course.title,
                "sortie": o.exit_date.isoformat(),
                "situation": o.get_situation_display(),
            }
            for o in Outcome.objects.filter(learner=person).select_related("course")
        ],
        "orientations": [
            {
                "programme": r.programme.name,
                "le": r.referred_on.isoformat(),
                "étape": r.get_status_display(),
                "sortie": r.get_outcome_display() if r.outcome else None,
                "points_d_étape": [n.note for n in r.notes.all()],
            }
            for r in Referral.objects.filter(person=person).select_related("programme")
        ],
    }
