"""Dashboard panels of the training app."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from hall32.core.schoolyear import SchoolYear
from hall32.training import selectors
from hall32.training.models import (
    Attendance,
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
