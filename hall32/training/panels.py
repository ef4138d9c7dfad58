"""Dashboard panels and GDPR sections of the training app."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from hall32.core.models import Person
from hall32.core.schoolyear import SchoolYear
from hall32.training import selectors
from hall32.training.models import (
    Application,
    Attendance,
    Contract,
    Evaluation,
    Outcome,
    Referral,
)


def coordinator_panel(request: HttpRequest) -> dict[str, Any]:
    today = timezone.localdate()
    year = SchoolYear.of(today)
    intake = selectors.admissions.current_intake(today=today)
    return {
        "pipeline": selectors.admissions.pipeline_counts(school_year=intake),
        "intake": intake,
        "without_contract": selectors.contracts.learners_without_contract(today=today).count(),
        "without_company": selectors.admissions.admitted_without_company(school_year=intake).count(),
        "absences": selectors.attendance.absence_alerts(school_year=year.start_year).count(),
        "students": selectors.cohorts.students_in(year=year),
        "year": year,
    }


def trainer_panel(request: HttpRequest) -> dict[str, Any] | None:
    if not request.user.person_id:
        return None
    today = timezone.localdate()
    sessions = list(selectors.cohorts.sessions_for_trainer(person=request.user.person, day=today))
    taken = set(Attendance.objects.filter(session__in=sessions).values_list("session_id", flat=True))
    return {"sessions": [(s, s.pk in taken) for s in sessions], "today": today}


def learner_panel(request: HttpRequest) -> dict[str, Any] | None:
    """A learner's own home: contract, next sessions, absences, competencies (is_the_learner)."""
    if not request.user.has_perm("training.view_my_path") or not request.user.person_id:
        return None
    today = timezone.localdate()
    home = selectors.homes.learner_homes(learners=[request.user.person], today=today)[0]
    enrolled = home.enrolment is not None or home.contract is not None
    return {"home": home if enrolled else None, "today": today, "viewer": "self"}


def guardian_panel(request: HttpRequest) -> dict[str, Any] | None:
    """A parent's home: the same essentials, read-only, for each child while a minor."""
    if not request.user.has_perm("training.view_children"):
        return None
    today = timezone.localdate()
    children = selectors.homes.children_of(guardian_id=request.user.person_id, today=today)
    return {
        "homes": selectors.homes.learner_homes(learners=children, today=today),
        "today": today,
        "viewer": "guardian",
    }


def tutor_panel(request: HttpRequest) -> dict[str, Any] | None:
    """A company tutor's home: each apprentice's contract, the evaluations due, absences and the
    periods at the centre."""
    if not request.user.has_perm("training.view_my_apprentices"):
        return None
    today = timezone.localdate()
    tutor_id = request.user.person_id
    apprentices = selectors.homes.apprentices_of(tutor_id=tutor_id, today=today)
    return {
        "homes": selectors.homes.learner_homes(learners=apprentices, today=today, tutor_id=tutor_id),
        "today": today,
        "viewer": "tutor",
    }


def messages_panel(request: HttpRequest) -> dict[str, Any] | None:
    """The hub's messages to the learner, parent or tutor (none: no panel)."""
    found = selectors.homes.announcements_for(user=request.user, today=timezone.localdate())
    return {"announcements": found} if found else None


def referral_panel(request: HttpRequest) -> dict[str, Any]:
    referrals = selectors.programmes.referrals_visible_to(user=request.user)[:8]
    return {"referrals": referrals}


def gdpr_export(person: Person) -> dict[str, Any]:
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
