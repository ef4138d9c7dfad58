"""The teacher's journey: book from the home page, see the visit coming, cancel it once, clearly."""

import re

import pytest
from django.core import mail

from hall32.core.roles import Role
from hall32.outreach.models import ClassBooking, EventKind
from hall32.outreach.tests.factories import ClassBookingFactory, EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def teacher_user(make_user):
    return make_user(Role.TEACHER)


def test_the_teacher_s_home_page_offers_to_book_a_class_among_the_events_that_take_classes(
    as_user, teacher_user
):
    forum = EventFactory(title="Forum des métiers d'hiver")
    EventFactory(title="Portes ouvertes d'hiver", kind=EventKind.OPEN_DAY)
    client = as_user(teacher_user)

    home = client.get("/").content.decode()
    link = re.search(r'href="([^"]+)"[^>]*>\s*<i [^>]*></i> Réserver une classe', home)

    assert link is not None
    listed = client.get(link.group(1).replace("&amp;", "&")).context["listing"].page.object_list
    assert [e.title for e in listed] == [forum.title]


def test_a_cancelled_booking_leaves_the_upcoming_list_for_the_past_and_cancelled_one(as_user, teacher_user):
    kept = ClassBookingFactory(teacher=teacher_user.person, class_name="3e Gardée")
    dropped = ClassBookingFactory(teacher=teacher_user.person, class_name="3e Annulée")
    client = as_user(teacher_user)

    client.post(f"{dropped.get_absolute_url()}annuler/", {"confirm": "on"})

    panel = next(c for _p, c in client.get("/").context["panels"] if "bookings" in c)
    assert [b.class_name for b in panel["bookings"]] == ["3e Gardée"]
    page = client.get("/informer/mes-reservations/")
    assert [b.pk for b in page.context["upcoming"]] == [kept.pk]
    assert [b.pk for b in page.context["listing"].page.object_list] == [dropped.pk]


def test_a_cancelled_booking_s_page_no_longer_offers_to_cancel_and_a_second_cancel_changes_nothing(
    client, django_capture_on_commit_callbacks
):
    booking = ClassBookingFactory()
    url = f"{booking.get_absolute_url()}annuler/"
    assert url.encode() in client.get(booking.get_absolute_url()).content
    client.post(url, {"confirm": "on"})
    booking.refresh_from_db()
    cancelled_at = booking.cancelled_at
    mail.outbox.clear()

    page = client.get(booking.get_absolute_url()).content.decode()
    again = client.get(url, follow=True)
    with django_capture_on_commit_callbacks(execute=True):
        posted = client.post(url, {"confirm": "on"}, follow=True)

    assert "Cette réservation est annulée." in page and url not in page
    assert again.redirect_chain == [(booking.get_absolute_url(), 302)]
    assert "Cette réservation est déjà annulée." in again.content.decode()
    assert "Cette réservation est déjà annulée." in posted.content.decode()
    booking.refresh_from_db()
    assert booking.status == ClassBooking.Status.CANCELLED and booking.cancelled_at == cancelled_at
    assert mail.outbox == []


def test_the_cancel_page_names_both_choices_plainly(client):
    booking = ClassBookingFactory()

    page = client.get(f"{booking.get_absolute_url()}annuler/").content.decode()

    assert ">Annuler la réservation</button>" in page
    assert f'href="{booking.get_absolute_url()}">Retour</a>' in page
