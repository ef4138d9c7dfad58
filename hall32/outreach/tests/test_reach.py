"""Reach statistics on a hand-built fixture: every figure checked by hand."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from hall32.core.schoolyear import SchoolYear
from hall32.core.tests.factories import PersonFactory, SchoolFactory
from hall32.outreach import selectors
from hall32.outreach.models import ClassBooking, Event, EventKind, EventTally, VisitorRegistration
from hall32.outreach.tests.factories import ClassBookingFactory, EventFactory

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


def past(year, month, day):
    start = dt.datetime(year, month, day, 9, tzinfo=PARIS)
    return {"start": start, "end": start + dt.timedelta(hours=6)}


@pytest.fixture
def fixture():
    a, b, c = SchoolFactory(), SchoolFactory(), SchoolFactory()
    forum = EventFactory(kind=EventKind.FORUM, **past(2021, 11, 18))
    ClassBookingFactory(event=forum, school=a, pupils=25, girls=12, boys=13)
    ClassBookingFactory(event=forum, school=a, pupils=20, girls=8, boys=12)
    ClassBookingFactory(event=forum, school=b, pupils=22, girls=11, boys=11)
    ClassBookingFactory(
        event=forum, school=c, pupils=30, girls=15, boys=15, status=ClassBooking.Status.NO_SHOW
    )
    ClassBookingFactory(
        event=forum, school=c, pupils=30, girls=15, boys=15, status=ClassBooking.Status.CANCELLED
    )
    intervention = EventFactory(kind=EventKind.SCHOOL_INTERVENTION, host=c, **past(2022, 2, 1))
    ClassBookingFactory(event=intervention, school=c, pupils=18, girls=10, boys=8)
    open_day = EventFactory(kind=EventKind.OPEN_DAY, **past(2022, 3, 12))
    VisitorRegistration.objects.create(
        event=open_day, person=PersonFactory(), young_people=2, girls=1, parents=2, attended=True
    )
    VisitorRegistration.objects.create(
        event=open_day,
        person=PersonFactory(),
        young_people=1,
        girls=0,
        parents=0,
        attended=True,
        cancelled_at=timezone.now(),
    )
    VisitorRegistration.objects.create(  # registered, did not come: not reached
        event=open_day, person=PersonFactory(), young_people=4, girls=2, parents=1
    )
    fair = EventFactory(kind=EventKind.TRADE_FAIR, **past(2022, 1, 20))
    tally = EventTally.objects.create(event=fair, pupils=100, girls=40, parents=30, classes=2)
    tally.schools.set([a, SchoolFactory()])
    cancelled = EventFactory(kind=EventKind.FORUM, status=Event.Status.CANCELLED, **past(2022, 3, 3))
    ClassBookingFactory(event=cancelled, pupils=25, girls=10, boys=15)
    ClassBookingFactory(
        event=EventFactory(kind=EventKind.FORUM, **past(2022, 9, 20)), pupils=21, girls=10, boys=11
    )
    ClassBookingFactory(event=EventFactory(kind=EventKind.FORUM))  # upcoming: not reached yet
    return a, b, c


def test_reach_per_year_and_kind(fixture):
    stats = selectors.reach_statistics(years=[SchoolYear(2021), SchoolYear(2022)])
    year = stats[2021]

    forum = year[EventKind.FORUM]
    assert (forum.pupils, forum.girls, forum.classes, forum.schools, forum.events) == (
        67,
        31,
        3,
        2,
        1,
    )
    intervention = year[EventKind.SCHOOL_INTERVENTION]
    assert (intervention.pupils, intervention.classes, intervention.schools) == (18, 1, 1)
    open_day = year[EventKind.OPEN_DAY]
    assert (open_day.pupils, open_day.girls, open_day.parents, open_day.events) == (2, 1, 2, 1)
    fair = year[EventKind.TRADE_FAIR]
    assert (fair.pupils, fair.girls, fair.parents, fair.classes, fair.schools) == (
        100,
        40,
        30,
        2,
        2,
    )

    total = year["total"]
    assert total.pupils == 67 + 18 + 2 + 100
    assert total.girls == 31 + 10 + 1 + 40
    assert total.classes == 3 + 1 + 2
    assert total.schools == 4  # a, b, c and the fair's other school; a counted once
    assert total.parents == 32
    assert total.girls_share == pytest.approx(82 / 187)
    assert stats[2022]["total"].classes == 1


def test_forum_classes_counts_confirmed_classes_of_forums_held(fixture):
    assert selectors.forum_classes(years=[SchoolYear(2021), SchoolYear(2022)]) == 4


def test_the_reach_page_shows_each_year(as_user, make_user, fixture, django_assert_max_num_queries):
    from hall32.core.roles import Role

    client = as_user(make_user(Role.DIRECTION))
    with django_assert_max_num_queries(15):
        response = client.get("/informer/gestion/statistiques/")

    body = response.content.decode()
    assert "2021-2022" in body and "187" in body
