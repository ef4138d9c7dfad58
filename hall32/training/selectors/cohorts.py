"""Cohorts, learners and the yearly figures (students, people trained)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, QuerySet

from hall32.core import tokens
from hall32.core.models import Person, User
from hall32.core.schoolyear import SchoolYear
from hall32.training.models import CalendarToken, Cohort, Course, Enrolment, Referral, ReferralStatus, Session


def current_learners(*, on: dt.date) -> QuerySet[Person]:
    """People enrolled in a cohort on that day (the apprentices who guide tours and run workshops)."""
    return (
        Person.objects.active()
        .filter(pk__in=Enrolment.objects.current_on(on).values("person_id"))
        .order_by("last_name", "first_name")
    )


def cohort_list(*, user: Any) -> QuerySet[Cohort]:
    """Cohorts with their learner counts; a trainer sees only the cohorts they teach."""
    cohorts = Cohort.objects.select_related("course").annotate(learners=Count("enrolments", distinct=True))
    if not user.has_perm("training.manage_cohorts"):
        pid = getattr(user, "person_id", None)
        cohorts = cohorts.filter(Q(trainers__pk=pid) | Q(sessions__trainer_id=pid)).distinct()
    return cohorts


def cohort_enrolments(*, cohort: Cohort) -> QuerySet[Enrolment]:
    return cohort.enrolments.select_related("person").order_by("person__last_name", "person__first_name")


def students_in(*, year: SchoolYear) -> int:
    """Learners in initial training (Bac Pro, BTS) during a school year."""
    return (
        Enrolment.objects.initial()
        .filter(cohort__school_year=year.start_year)
        .values("person")
        .distinct()
        .count()
    )


def people_trained(*, years: list[SchoolYear]) -> int:
    """Everyone the hub trained over the years, all publics: learners of any cohort (initial and
    continuing training) and participants of the targeted programmes (from their intake on)."""
    start_years = [y.start_year for y in years]
    first, last = min(years).start, max(years).end
    learners = set(
        Enrolment.objects.filter(cohort__school_year__in=start_years).values_list("person_id", flat=True)
    )
    participants = set(
        Referral.objects.exclude(status=ReferralStatus.REFERRED)
        .filter(intake_on__isnull=False, intake_on__lte=last)
        .filter(Q(session__end__gte=first) | Q(session__isnull=True, intake_on__gte=first))
        .values_list("person_id", flat=True)
    )
    return len(learners | participants)


def sessions_for_trainer(*, person: Person, day: dt.date) -> QuerySet[Session]:
    """A trainer's sessions of the day: those they teach, and those of their cohorts that nobody
    teaches yet (someone must take the register)."""
    return (
        Session.objects.filter(date=day)
        .filter(Q(trainer=person) | Q(trainer__isnull=True, cohort__trainers=person))
        .select_related("cohort__course", "room")
        .distinct()
        .order_by("start")
    )


def cohort_sessions_by_others(*, person: Person, day: dt.date) -> QuerySet[Session]:
    """The day's sessions of a trainer's cohorts that colleagues teach (shown apart, with who)."""
    return (
        Session.objects.filter(date=day, cohort__trainers=person, trainer__isnull=False)
        .exclude(trainer=person)
        .select_related("cohort__course", "room", "trainer")
        .distinct()
        .order_by("start")
    )


def timetable(*, learner: Person, start: dt.date, end: dt.date) -> QuerySet[Session]:
    """A learner's sessions between two dates (from the cohorts they are enrolled in then)."""
    enrolments = learner.enrolments.filter(start_date__lte=end).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=start)
    )
    return (
        Session.objects.filter(cohort__in=enrolments.values("cohort"), date__gte=start, date__lte=end)
        .select_related("cohort__course", "room", "trainer")
        .order_by("date", "start")
    )


def calendar_token_of(*, person: Person, subscriber: User) -> CalendarToken | None:
    return CalendarToken.objects.filter(person=person, subscriber=subscriber).first()


def feed_subscription(*, raw: str) -> CalendarToken | None:
    """The timetable a feed link opens, or None: an unknown link, an erased person, or a subscriber
    who may no longer see that timetable (deactivated, or a parent once the learner is of age),
    checked at every fetch through the policy."""
    found = (
        CalendarToken.objects.select_related("person", "subscriber")
        .filter(digest=tokens.digest(raw), person__erased_at__isnull=True)
        .first()
    )
    if found is None or not tokens.matches(raw, found.digest):
        return None
    subscriber = found.subscriber
    if not (subscriber.is_active and subscriber.has_perm("training.view_learner_timetable", found.person)):
        return None
    return found


def initial_courses() -> QuerySet[Course]:
    return Course.objects.initial()
