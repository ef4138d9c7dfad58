"""Outcome statistics: leavers, diplomas, the share continuing their studies."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, F, Q, QuerySet

from hall32.core.schoolyear import SchoolYear, school_years
from hall32.training.models import Course, Outcome, Situation


@dataclass(frozen=True)
class OutcomeStats:
    leavers: int
    further_study: int
    employed: int
    job_seeking: int
    other: int
    diplomas: int
    candidates: int  # leavers who sat the diploma (completed the course)

    @property
    def continuing_share(self) -> float | None:
        return self.further_study / self.leavers if self.leavers else None

    @property
    def employed_share(self) -> float | None:
        return self.employed / self.leavers if self.leavers else None

    @property
    def success_rate(self) -> float | None:
        return self.diplomas / self.candidates if self.candidates else None


def outcomes_in(*, years: list[SchoolYear]) -> QuerySet[Outcome]:
    first, last = min(years).start, max(years).end
    return Outcome.objects.filter(
        exit_date__gte=first, exit_date__lte=last, course__level__in=[Course.Level.BAC_PRO, Course.Level.BTS]
    )


def outcome_stats(*, years: list[SchoolYear]) -> OutcomeStats:
    """Over the leavers of initial training whose exit falls in the years, one query."""
    row = outcomes_in(years=years).aggregate(
        leavers=Count("id"),
        further=Count("id", filter=Q(situation=Situation.FURTHER_STUDY)),
        employed=Count("id", filter=Q(situation=Situation.EMPLOYED)),
        seeking=Count("id", filter=Q(situation=Situation.JOB_SEEKING)),
        other=Count("id", filter=Q(situation=Situation.OTHER)),
        diplomas=Count("id", filter=Q(diploma_obtained=True)),
        candidates=Count("id", filter=Q(completed=True)),
    )
    return OutcomeStats(
        row["leavers"],
        row["further"],
        row["employed"],
        row["seeking"],
        row["other"],
        row["diplomas"],
        row["candidates"],
    )


def published_years(*, today: dt.date) -> list[SchoolYear]:
    """The school years of the hub's published results: from its opening to the last published year
    (HUB_PUBLISHED_RESULTS_LAST_YEAR), never past the current school year."""
    last = min(settings.HUB_PUBLISHED_RESULTS_LAST_YEAR, SchoolYear.of(today).start_year)
    return school_years(settings.HUB_FIRST_SCHOOL_YEAR, last)


def outcomes_visible_to(*, user: Any) -> QuerySet[Outcome]:
    """The leavers a user may see by name: all of them for the managers, those of their own cohorts
    for a trainer, none for other staff (who still see the figures)."""
    outcomes = Outcome.objects.select_related("learner", "course", "employer")
    if user.has_perm("training.manage_outcomes"):
        return outcomes
    pid = getattr(user, "person_id", None)
    if pid is None:
        return outcomes.none()
    return outcomes.filter(
        learner__enrolments__cohort__trainers__pk=pid, learner__enrolments__cohort__course=F("course")
    ).distinct()
