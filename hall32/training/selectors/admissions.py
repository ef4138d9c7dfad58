"""The admissions pipeline and the admitted candidates still looking for a company."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, QuerySet
from django.utils import timezone

from hall32.core.schoolyear import SchoolYear
from hall32.training.models import PIPELINE, Application, ApplicationStatus


def applications() -> QuerySet[Application]:
    return Application.objects.select_related("applicant", "course").annotate(
        best_score=Max("interviews__score")
    )


def pipeline_counts(*, school_year: int) -> list[tuple[str, str, int]]:
    counts = dict(
        Application.objects.filter(school_year=school_year).values_list("status").annotate(n=Count("id"))
    )
    order = [*PIPELINE, ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN]
    return [(s, str(ApplicationStatus(s).label), counts.get(s, 0)) for s in order]


def current_intake(*, today: dt.date | None = None) -> int:
    """The rentrée this school year's admissions campaign recruits for: next September's."""
    return SchoolYear.of(today or timezone.localdate()).start_year + 1


def admitted_without_company(*, school_year: int) -> QuerySet[Application]:
    """Candidates admitted for this intake (`school_year`, the rentrée) who have no company yet,
    and so no signed contract (signing moves the application on): whom the coordinator helps to
    find one, with what they seek (trade, area, start date). The coordinator's panel, the pipeline's
    button and the list they both link to count this one queryset, always for one intake; an
    admission of an earlier campaign never signed is that campaign's business, not this one's."""
    return (
        Application.objects.filter(
            status=ApplicationStatus.ADMITTED, has_company=False, school_year=school_year
        )
        .select_related("applicant", "course__trade", "sought_trade")
        .order_by("desired_start", "reference")
    )


def application_detail(*, pk: int) -> Application:
    return (
        Application.objects.select_related("applicant", "course__trade", "decided_by")
        .prefetch_related("steps__by", "interviews__scores__criterion", "applicant__guardianships__guardian")
        .get(pk=pk)
    )


# --- matching (network's placement reads its candidates here) --------------------------------------


@dataclass(frozen=True)
class PlacementCandidate:
    """An admitted learner without a contract, with what network's matching needs to place them.

    `course_code` is the course's RNCP code, or its own code when it has none: network's offers
    are compared on the same key. `trade` is the slug of the trade sought (the course's trade when
    none is named): the catalogue's trades carry no ROME code, so both sides use the trade slug."""

    person_id: int
    application_id: int
    reference: str
    first_name: str
    last_name: str
    email: str
    birth_date: dt.date | None
    course_id: int
    course_code: str
    course_title: str
    trade: str
    available_from: dt.date
    postcode: str
    lat: float | None
    lon: float | None
    mobility_km: int
    rhythm: str

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


def course_key(course: Any) -> str:
    """The key a course is matched on: its RNCP code, else its own code."""
    return (course.rncp_code or course.code).strip()


def matching_candidates(*, school_year: int | None = None) -> list[PlacementCandidate]:
    """Admitted learners without a contract for the rentrée `school_year` (by default this school
    year's and the next intake's): applications admitted whose applicant has no contract in
    preparation or signed running at that rentrée. One per person (the latest application)."""
    from hall32.core import geo
    from hall32.training.models import Cohort, Contract

    if school_year is None:
        first = SchoolYear.of(timezone.localdate()).start_year
        admitted = Application.objects.filter(school_year__gte=first)
    else:
        admitted = Application.objects.filter(school_year=school_year)
    rows = list(
        admitted.filter(status=ApplicationStatus.ADMITTED)
        .select_related("applicant", "course__trade", "sought_trade")
        .order_by("applicant_id", "-school_year", "-created_at")
    )
    # A contract in preparation or signed that still runs at the rentrée: that learner is placed.
    running: dict[int, dt.date] = {}
    for person_id, end in Contract.objects.filter(
        apprentice_id__in={a.applicant_id for a in rows},
        status__in=[Contract.Status.DRAFT, Contract.Status.SIGNED],
    ).values_list("apprentice_id", "end_date"):
        running[person_id] = max(end, running.get(person_id, end))
    starts: dict[tuple[int, int], dt.date] = {}
    for course_id, year, start in Cohort.objects.filter(stage=1).values_list(
        "course_id", "school_year", "start_date"
    ):
        starts[(course_id, year)] = min(start, starts.get((course_id, year), start))
    found: dict[int, PlacementCandidate] = {}
    for application in rows:
        person = application.applicant
        if (
            person.pk in found
            or running.get(person.pk, dt.date.min) >= SchoolYear(application.school_year).start
        ):
            continue
        postcode = application.sought_postcode or person.postcode
        point = geo.coordinates(postcode) if postcode else None
        course = application.course
        trade = application.sought_trade or course.trade
        found[person.pk] = PlacementCandidate(
            person_id=person.pk,
            application_id=application.pk,
            reference=application.reference,
            first_name=person.first_name,
            last_name=person.last_name,
            email=person.email,
            birth_date=person.birth_date,
            course_id=course.pk,
            course_code=course_key(course),
            course_title=course.title,
            trade=trade.slug if trade else "",
            available_from=application.desired_start
            or starts.get((course.pk, application.school_year))
            or SchoolYear(application.school_year).start,
            postcode=postcode,
            lat=point[0] if point else None,
            lon=point[1] if point else None,
            mobility_km=application.mobility_km,
            rhythm="",
        )
    return sorted(found.values(), key=lambda c: (c.last_name, c.first_name, c.person_id))
