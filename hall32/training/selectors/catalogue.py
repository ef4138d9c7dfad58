"""The public catalogue."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from hall32.training.models import Course, Trade


def catalogue_trades() -> QuerySet[Trade]:
    """Trades with their published courses, for the public catalogue."""
    return (
        Trade.objects.prefetch_related(
            Prefetch("courses", queryset=Course.objects.published().order_by("order", "title"))
        )
        .filter(courses__is_published=True)
        .distinct()
    )


def published_courses() -> QuerySet[Course]:
    return Course.objects.published().select_related("trade")


def course_by_slug(*, slug: str) -> Course:
    return published_courses().get(slug=slug)


def tension_trades() -> QuerySet[Trade]:
    return Trade.objects.tension()
