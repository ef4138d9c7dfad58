"""The public catalogue."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from hall32.training.models import Course, Trade


def catalogue_trades(*, level: str = "", tension_only: bool = False) -> QuerySet[Trade]:
    """Trades with their published courses, for the public catalogue: only the trades in tension,
    or those with a course of `level` (a level that is not one of course_levels() filters nothing)."""
    trades = (
        Trade.objects.prefetch_related(
            Prefetch("courses", queryset=Course.objects.published().order_by("order", "title"))
        )
        .filter(courses__is_published=True)
        .distinct()
    )
    if tension_only:
        trades = trades.filter(is_tension=True)
    if level in Course.Level.values:
        trades = trades.filter(courses__level=level).distinct()
    return trades


def course_levels() -> list[tuple[str, str]]:
    """The levels a course may have, (value, label), for the catalogue's filter."""
    return [(value, str(label)) for value, label in Course.Level.choices]


def published_courses() -> QuerySet[Course]:
    return Course.objects.published().select_related("trade")


def course_by_slug(*, slug: str) -> Course:
    return published_courses().get(slug=slug)


def tension_trades() -> QuerySet[Trade]:
    return Trade.objects.tension()


# offers (network): the trades and courses an apprenticeship offer may name, and a course found
# again by its RNCP code when an offer file gives one.
def trades_all() -> QuerySet[Trade]:
    return Trade.objects.all()


def courses_all() -> QuerySet[Course]:
    return Course.objects.select_related("trade").order_by("title")


def course_with_rncp(*, code: str) -> Course | None:
    """The course of that RNCP code ("RNCP35190" or "35190"), or None."""
    digits = code.strip().upper().removeprefix("RNCP").strip()
    if not digits:
        return None
    return courses_all().filter(rncp_code__in=[digits, f"RNCP{digits}"]).first()
