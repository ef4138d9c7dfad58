"""Dashboard panels and GDPR sections of the training app."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from hall32.core.models import Guardianship, Person
from hall32.core.schoolyear import SchoolYear
from hall32.training import selectors
from hall32.training.models import (
    Application,
    Attendance,
    Contract,
    ContractTutor,
    Enrolment,
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


def _learner_summary(person: Person) -> dict[str, Any]:
    courses = selectors.paths.courses_of(learner=person)
    path = selectors.paths.learner_path(learner=person, course=courses[0]) if courses else None
    today = timezone.localdate()
    return {
        "person": person,
        "path": path,
        "stats": selectors.attendance.learner_stats(learner_id=person.pk),
        "next": list(
            selectors.cohorts.timetable(learner=person, start=today, end=today + dt.timedelta(days=14))[:4]
        ),
    }


def learner_panel(request: HttpRequest) -> dict[str, Any] | None:
    if not request.user.person_id or not Enrolment.objects.filter(person_id=request.user.person_id).exists():
        return None
    return {"learners": [_learner_summary(request.user.person)], "title_self": True}


def guardian_panel(request: HttpRequest) -> dict[str, Any] | None:
    children = [
        g.child
        for g in Guardianship.objects.filter(guardian_id=request.user.person_id).select_related("child")
        if g.child.is_minor and g.child.enrolments.exists()
    ]
    return {"learners": [_learner_summary(c) for c in children]} if children else None


def tutor_panel(request: HttpRequest) -> dict[str, Any] | None:
    tutored = ContractTutor.objects.filter(
        person_id=request.user.person_id, contract__status=Contract.Status.SIGNED
    ).select_related("contract__apprentice")
    people = list({t.contract.apprentice_id: t.contract.apprentice for t in tutored}.values())
    return {"learners": [_learner_summary(p) for p in people]} if people else None


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


def gdpr_erase(person: Person) -> None:
    """Blank the free texts that may carry personal details; keep the records the statistics count."""
    Application.objects.filter(applicant=person).update(
        motivation="", school_grades="", last_school="", company_name=""
    )
    Referral.objects.filter(person=person).update(reason="", outcome_detail="")
    from hall32.training.models import ProgressNote

    ProgressNote.objects.filter(referral__person=person).update(note="")
    Attendance.objects.filter(learner=person).update(note="")
    Evaluation.objects.filter(learner=person).update(comment="")
