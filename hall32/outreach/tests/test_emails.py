"""The open-day registration's confirmation e-mail, with the day for the calendar."""

import datetime as dt
import zoneinfo

import pytest
from django.core import mail

from hall32.core.errors import DomainError
from hall32.core.tests.calendars import events, parse_paris
from hall32.outreach import services
from hall32.outreach.models import EventKind, TourSlot
from hall32.outreach.tests.factories import EventFactory

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def _in_paris(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=PARIS)


@pytest.fixture
def open_day():
    day = dt.date.today() + dt.timedelta(days=20)
    return EventFactory(
        kind=EventKind.OPEN_DAY,
        title="Portes ouvertes",
        start=_in_paris(day, 9),
        end=_in_paris(day, 17),
        capacity=100,
    )


def test_an_open_day_registration_is_confirmed_by_email_with_the_day_for_the_calendar(
    open_day, django_capture_on_commit_callbacks
):
    tour = TourSlot.objects.create(event=open_day, start=dt.time(10, 30))

    with django_capture_on_commit_callbacks(execute=True):
        registration = services.visitor_register(
            event=open_day,
            first_name="Inès",
            last_name="Roux",
            email="ines.roux@example.org",
            young_people=1,
            girls=1,
            parents=1,
            tour_slot_id=tour.pk,
        )

    (message,) = mail.outbox
    assert message.to == ["ines.roux@example.org"]
    assert message.subject == "Inscription confirmée\u00a0: Portes ouvertes"
    assert "Bonjour Inès" in message.body and "2 personnes" in message.body and "10:30" in message.body
    assert str(registration.token) in message.body
    name, content, mimetype = message.attachments[0]
    assert mimetype.startswith("text/calendar")
    (event,) = events(parse_paris(content))
    assert event["DTSTART"].params["TZID"] == "Europe/Paris"
    assert event["DTSTART"].dt.replace(tzinfo=None) == dt.datetime.combine(open_day.start.date(), dt.time(9))
    assert "10:30" in str(event["DESCRIPTION"])


def test_a_refused_registration_sends_nothing(open_day, django_capture_on_commit_callbacks):
    open_day.registration_open = False
    open_day.save()

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(DomainError, match="fermées"):
        services.visitor_register(
            event=open_day, first_name="Inès", last_name="Roux", email="ines.roux@example.org"
        )

    assert mail.outbox == []
