"""The admissions pipeline and the admitted candidates still looking for a company."""

from __future__ import annotations

from django.db.models import Count, Max, QuerySet

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


def admitted_without_company(*, school_year: int | None = None) -> QuerySet[Application]:
    """Admitted candidates with no company yet, with what they seek (trade, area, start date)."""
    found = (
        Application.objects.filter(status=ApplicationStatus.ADMITTED, has_company=False)
        .select_related("applicant", "course", "sought_trade")
        .order_by("desired_start", "reference")
    )
    return found.filter(school_year=school_year) if school_year else found


def application_detail(*, pk: int) -> Application:
    return (
        Application.objects.select_related("applicant", "course__trade", "decided_by")
        .prefetch_related("steps__by", "interviews__scores__criterion", "applicant__guardianships__guardian")
        .get(pk=pk)
    )
