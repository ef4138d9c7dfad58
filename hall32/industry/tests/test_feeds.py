"""The iCal feeds of the Pôle Industrie: a machine's busy windows, one's own bookings by a secret
link kept as a digest and closed when its owner may no longer book; Paris times with their
VTIMEZONE."""

import re

import pytest
from django.urls import reverse

from hall32.core.roles import Role
from hall32.core.tests.calendars import events, parse_paris
from hall32.industry.models import FeedToken
from hall32.industry.tests.factories import BookingFactory, EquipmentFactory, next_monday_at

pytestmark = pytest.mark.django_db

FEED = re.compile(r"https?://[^\"'<\s]+/innover/reservations/flux/([\w-]+)\.ics")


def _new_link(client) -> str:
    response = client.post(reverse("industry:user_feed_renew"))
    assert response.status_code == 200 and response["Cache-Control"].startswith("max-age=0")
    return FEED.search(response.content.decode()).group(1)


def test_the_machine_feed_gives_paris_times_with_their_vtimezone(client):
    machine = EquipmentFactory(code="FA-P1")
    BookingFactory(equipment=machine, start=next_monday_at(9), end=next_monday_at(11))

    calendar = parse_paris(client.get(reverse("industry:equipment_feed", args=[machine.feed_token])).content)

    (event,) = events(calendar)
    assert event["DTSTART"].params["TZID"] == "Europe/Paris" and event["DTSTART"].dt.hour == 9


def test_ones_bookings_feed_gives_paris_times_with_their_vtimezone(as_user, make_user):
    learner = make_user(Role.LEARNER)
    BookingFactory(user=learner, start=next_monday_at(14), end=next_monday_at(16), title="Usinage")
    client = as_user(learner)
    raw = _new_link(client)

    calendar = parse_paris(client.get(reverse("industry:user_feed", args=[raw])).content)

    (event,) = events(calendar)
    assert event["DTSTART"].dt.hour == 14 and "Usinage" in str(event["SUMMARY"])


def test_the_link_is_shown_once_and_only_its_digest_is_kept(as_user, make_user):
    learner = make_user(Role.LEARNER)
    client = as_user(learner)

    raw = _new_link(client)
    page = client.get(reverse("industry:my_bookings")).content.decode()

    assert raw not in FeedToken.objects.get(user=learner).digest
    assert raw not in page and "Votre lien d'agenda est actif" in page


def test_the_link_closes_when_its_owner_may_no_longer_book(as_user, make_user):
    client_user = make_user(Role.CLIENT)
    raw = _new_link(as_user(client_user))
    url = reverse("industry:user_feed", args=[raw])
    assert as_user(client_user).get(url).status_code == 200

    client_user.groups.clear()  # the company's contract ended

    assert as_user(client_user).get(url).status_code == 404


def test_the_link_closes_with_a_deactivated_account(client, make_user):
    learner = make_user(Role.LEARNER)
    client.force_login(learner)
    raw = _new_link(client)
    learner.is_active = False
    learner.save(update_fields=["is_active"])

    assert client.get(reverse("industry:user_feed", args=[raw])).status_code == 404
