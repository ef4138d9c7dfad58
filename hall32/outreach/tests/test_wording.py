"""Counts written as sentences: « 1 réservation sera annulée », « 1 jeune, 2 parents »."""

import pytest

from hall32.core.roles import Role
from hall32.core.tests.factories import PersonFactory
from hall32.outreach.models import EventKind, VisitorRegistration
from hall32.outreach.tests.factories import ClassBookingFactory, EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(as_user, make_user):
    return as_user(make_user(Role.OUTREACH_OFFICER))


def test_cancelling_an_event_with_one_booking_says_it_in_the_singular(officer):
    event = EventFactory()
    ClassBookingFactory(event=event)

    page = officer.get(f"/informer/gestion/{event.pk}/annuler/").content.decode()

    assert "1 réservation sera annulée" in page
    assert "(s)" not in page


def test_cancelling_an_event_without_bookings_says_nobody_is_told(officer):
    event = EventFactory()

    page = officer.get(f"/informer/gestion/{event.pk}/annuler/").content.decode()

    assert "Aucune réservation active : personne à prévenir." in page
    assert "0 réservation" not in page


def test_a_visitor_sees_their_party_counted_in_words(client):
    event = EventFactory(kind=EventKind.OPEN_DAY)
    registration = VisitorRegistration.objects.create(
        event=event, person=PersonFactory(), young_people=1, parents=2
    )

    page = client.get(f"/informer/visites/{registration.token}/").content.decode()

    assert "1 jeune, 2 parents" in page


def test_the_event_page_counts_one_waiting_class_in_the_singular(officer):
    event = EventFactory(capacity=24)
    ClassBookingFactory(event=event, pupils=24)
    ClassBookingFactory(event=event, status="waitlisted")

    page = officer.get(event.get_staff_url()).content.decode()

    assert "classe en liste d&#x27;attente" in page or "classe en liste d'attente" in page
    assert "classe(s)" not in page
