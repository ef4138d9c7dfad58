"""The admissions pipeline and the admitted candidates still looking for a company."""

from __future__ import annotations

import datetime as dt

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
