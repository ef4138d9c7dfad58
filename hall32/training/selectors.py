"""Reads of the training app: the public catalogue, and the apprentices other apps call on."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, QuerySet

from hall32.core.models import Person
from hall32.training.models import Course, Enrolment, Trade


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


def current_learners(*, on: dt.date) -> QuerySet[Person]:
    """People enrolled in a cohort on that day (the apprentices who guide tours and run workshops)."""
    return (
        Person.objects.active()
        .filter(pk__in=Enrolment.objects.current_on(on).values("person_id"))
        .order_by("last_name", "first_name")
    )
