"""The demo hub's outreach figures match the hub's published ones."""

import datetime as dt

import pytest
from django.core.management import call_command

from hall32.core.schoolyear import SchoolYear, school_years
from hall32.outreach import selectors
from hall32.outreach.models import Event, EventKind, ForumPlan
from hall32.outreach.optimisation.forum import check_plan

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo")]


def test_the_demo_reproduces_the_published_outreach_figures():
    call_command("seed_demo", seed=32, today="2026-11-27", verbosity=0)

    assert selectors.forum_classes(years=school_years(2019, 2022)) == 80
    covid_year = selectors.reach_statistics(years=[SchoolYear(2021)])[2021]["total"]
    assert covid_year.schools == 8
    assert 190 <= covid_year.pupils <= 210  # "about 200 pupils"
    assert selectors.open_days_held(year=SchoolYear(2022)) == 2
    assert Event.objects.filter(kind=EventKind.OPEN_DAY, start__year=2022).count() == 2

    for plan in ForumPlan.objects.filter(is_current=True):
        problem = selectors.forum_problem(event=plan.event)
        assert plan.status == "OPTIMAL"
        assert check_plan(problem, selectors.plan_assignment(plan=plan)) == []
    upcoming = Event.objects.filter(
        kind=EventKind.FORUM, start__gt=dt.datetime(2026, 11, 27, tzinfo=dt.UTC)
    ).get()
    assert upcoming.bookings.waiting().count() == 2
    # A school waits for a place only if it has no class coming yet (the demo teacher's included).
    coming = set(upcoming.bookings.confirmed().values_list("school", flat=True))
    assert not coming & set(upcoming.bookings.waiting().values_list("school", flat=True))
