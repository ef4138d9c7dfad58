"""Outreach calendars: every iCal document in Paris time with its VTIMEZONE, and a teacher's own
class's forum rotation (and no one else's)."""

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse

from hall32.core.roles import Role
from hall32.core.tests.calendars import events, parse_paris
from hall32.core.tests.factories import RoomFactory, SchoolFactory
from hall32.outreach.models import ForumPlan, PlanAssignment
from hall32.outreach.tests.factories import ClassBookingFactory, EventFactory, SlotFactory, WorkshopFactory

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def _in_paris(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=PARIS)


@pytest.fixture
def forum(make_user):
    """A forum on a winter day, two slots, two workshops; a teacher's class placed in the plan."""
    day = dt.date.today() + dt.timedelta(days=30)
    event = EventFactory(start=_in_paris(day, 9), end=_in_paris(day, 12), title="Forum des métiers")
    slots = [
        SlotFactory(event=event, start=dt.time(9, 0), end=dt.time(9, 40)),
        SlotFactory(event=event, start=dt.time(10, 0), end=dt.time(10, 40)),
    ]
    robots = WorkshopFactory(event=event, name="Robotique", room=RoomFactory(name="Atelier robotique"))
    lathe = WorkshopFactory(event=event, name="Usinage")
    teacher = make_user(Role.TEACHER)
    school = SchoolFactory()
    teacher.person.organisation = school
    teacher.person.save()
    booking = ClassBookingFactory(event=event, school=school, teacher=teacher.person, class_name="3e B")
    other = ClassBookingFactory(event=event, class_name="4e A")
    plan = ForumPlan.objects.create(event=event, status=ForumPlan.Status.OPTIMAL)
    for b, (first, second) in [(booking, (robots, lathe)), (other, (lathe, robots))]:
        PlanAssignment.objects.create(plan=plan, booking=b, slot=slots[0], workshop=first)
        PlanAssignment.objects.create(plan=plan, booking=b, slot=slots[1], workshop=second)
    return event, booking, other, teacher, plan, robots


def test_the_public_events_feed_and_one_event_carry_the_paris_vtimezone(client):
    EventFactory(title="Forum de printemps")
    booking = ClassBookingFactory()

    parse_paris(client.get(reverse("outreach:events_ics")).content)
    calendar = parse_paris(client.get(f"{booking.get_absolute_url()}?format=ics").content)

    (event,) = events(calendar)
    assert event["DTSTART"].params["TZID"] == "Europe/Paris"


def test_the_staff_rotation_and_workshop_files_carry_the_paris_vtimezone(as_user, make_user, forum):
    event, booking, _other, _teacher, plan, robots = forum
    officer = as_user(make_user(Role.OUTREACH_OFFICER))

    for url in [
        reverse("outreach:planning_ics", args=[event.pk, plan.pk, booking.pk]),
        reverse("outreach:planning_workshop_ics", args=[event.pk, plan.pk, robots.pk]),
    ]:
        parse_paris(officer.get(url).content)


def test_a_teacher_fetches_their_own_classs_rotation_from_their_bookings(as_user, forum):
    _event, booking, _other, teacher, _plan, _robots = forum
    client = as_user(teacher)

    page = client.get(reverse("outreach:my_bookings")).content.decode()
    response = client.get(reverse("outreach:my_booking_rotation", args=[booking.pk]))

    assert reverse("outreach:my_booking_rotation", args=[booking.pk]) in page
    assert response.status_code == 200
    calendar = parse_paris(response.content)
    first, second = sorted(events(calendar), key=lambda e: e["DTSTART"].dt)
    assert str(first["SUMMARY"]) == "Robotique – 3e B" and "Atelier robotique" in str(first["LOCATION"])
    assert str(second["SUMMARY"]) == "Usinage – 3e B"
    assert first["DTSTART"].dt.hour == 9 and second["DTSTART"].dt.hour == 10
    assert first["DTSTART"].params["TZID"] == "Europe/Paris"


def test_a_teacher_of_another_school_gets_no_rotation_but_their_own(as_user, make_user, forum):
    _event, booking, _other, _teacher, _plan, _robots = forum
    stranger = as_user(make_user(Role.TEACHER))

    response = stranger.get(reverse("outreach:my_booking_rotation", args=[booking.pk]))

    assert response.status_code == 403


def test_the_booking_page_offers_the_rotation_once_the_plan_places_the_class(client, forum):
    _event, booking, _other, _teacher, plan, _robots = forum

    page = client.get(booking.get_absolute_url()).content.decode()
    response = client.get(f"{booking.get_absolute_url()}?format=ateliers")

    assert "?format=ateliers" in page
    assert [str(e["SUMMARY"]) for e in events(parse_paris(response.content))] == [
        "Robotique – 3e B",
        "Usinage – 3e B",
    ]
    plan.is_current = False
    plan.save(update_fields=["is_current"])
    assert "?format=ateliers" not in client.get(booking.get_absolute_url()).content.decode()
    assert client.get(f"{booking.get_absolute_url()}?format=ateliers").status_code == 404
