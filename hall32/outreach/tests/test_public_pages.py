"""The public pages: catalogue, events, booking a class and following it without an account."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from hall32.core.tests.factories import SchoolFactory
from hall32.outreach.models import ClassBooking, EventKind
from hall32.outreach.tests.factories import ClassBookingFactory, EventFactory, WorkshopFactory
from hall32.training.models import Course, Trade

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    maintenance = Trade.objects.create(
        name="Maintenance",
        slug="maintenance",
        family="maintenance",
        is_tension=True,
        summary="Réparer.",
        salary_min=1900,
        salary_max=2600,
    )
    robots = Trade.objects.create(
        name="Robotique", slug="robotique", family="robotics", summary="Programmer."
    )
    Course.objects.create(
        trade=maintenance,
        code="BAC-MSPC",
        title="Bac Pro MSPC",
        slug="bac-pro-mspc",
        level="bac_pro",
        duration_months=36,
        summary="Maintenance",
        rhythm="2 semaines / 2",
    )
    Course.objects.create(
        trade=robots,
        code="BTS-CRSA",
        title="BTS CRSA",
        slug="bts-crsa",
        level="bts",
        duration_months=24,
        summary="Robots",
    )
    Course.objects.create(
        trade=robots,
        code="X",
        title="Brouillon",
        slug="brouillon",
        level="bts",
        duration_months=24,
        summary="…",
        is_published=False,
    )


def booking_data(chosen, **overrides):
    data = {
        "school": chosen.pk,
        "teacher_first_name": "Claire",
        "teacher_last_name": "Dumas",
        "teacher_email": "claire.dumas@college.example",
        "class_name": "3e B",
        "level": "3e",
        "girls": 13,
        "boys": 12,
        "consent": "on",
    }
    data.update(overrides)
    return data


def test_the_catalogue_shows_published_courses_and_flags_tension_trades(client, catalogue):
    body = client.get("/informer/").content.decode()

    assert "Bac Pro MSPC" in body and "BTS CRSA" in body and "Brouillon" not in body
    assert "Métier en tension" in body
    assert "1\u202f900" in body or "1\xa0900" in body


def test_the_catalogue_filters_by_level_and_tension(client, catalogue):
    bts = client.get("/informer/?niveau=bts").content.decode()
    tension = client.get("/informer/?tension=1").content.decode()

    assert "BTS CRSA" in bts and "Bac Pro MSPC" not in bts
    assert "Bac Pro MSPC" in tension and "BTS CRSA" not in tension


def test_a_course_page_tells_duration_rhythm_and_salary(client, catalogue):
    body = client.get("/informer/formations/bac-pro-mspc/").content.decode()

    assert "3 ans" in body and "2 semaines / 2" in body and "bruts" in body
    assert client.get("/informer/formations/brouillon/").status_code == 404


def test_only_published_public_upcoming_events_are_listed(client):
    EventFactory(title="Forum visible")
    EventFactory(title="Forum brouillon", status="draft")
    EventFactory(title="Intervention privée", is_public=False, kind=EventKind.SCHOOL_INTERVENTION)
    EventFactory(
        title="Forum passé",
        start=timezone.now() - dt.timedelta(days=3),
        end=timezone.now() - dt.timedelta(days=3) + dt.timedelta(hours=2),
    )

    body = client.get("/informer/evenements/").content.decode()

    assert "Forum visible" in body
    assert "brouillon" not in body and "privée" not in body and "passé" not in body


def test_a_teacher_books_a_class_from_the_public_page(client, django_capture_on_commit_callbacks):
    event = EventFactory(capacity=60)
    school = SchoolFactory(name="Collège Lafayette")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(event.get_absolute_url(), booking_data(school), follow=True)

    booking = ClassBooking.objects.get()
    assert response.redirect_chain[-1][0] == booking.get_absolute_url()
    body = response.content.decode()
    assert "Réservation confirmée" in body and "La classe 3e B est inscrite" in body
    assert booking.teacher.email == "claire.dumas@college.example"
    assert mail.outbox and mail.outbox[0].to == ["claire.dumas@college.example"]


def test_a_full_event_puts_the_class_on_the_waiting_list_with_a_message(client):
    event = EventFactory(capacity=30)
    ClassBookingFactory(event=event, pupils=24, girls=12, boys=12)

    response = client.post(event.get_absolute_url(), booking_data(SchoolFactory()), follow=True)

    assert ClassBooking.objects.filter(status=ClassBooking.Status.WAITLISTED).count() == 1
    assert "liste d'attente" in response.content.decode()


def test_form_errors_appear_next_to_their_field_and_nothing_is_saved(client):
    event = EventFactory()

    response = client.post(
        event.get_absolute_url(),
        booking_data(SchoolFactory(), girls=0, boys=0, teacher_email="pas-un-courriel"),
    )

    assert response.status_code == 400
    form = response.context["booking_form"]
    assert "girls" in form.errors and "teacher_email" in form.errors
    assert 'id="id_teacher_email_error"' in response.content.decode()
    assert not ClassBooking.objects.exists()


def test_the_same_class_twice_the_same_day_is_refused_on_the_page(client):
    event = EventFactory()
    school = SchoolFactory()
    client.post(event.get_absolute_url(), booking_data(school))

    response = client.post(event.get_absolute_url(), booking_data(school, class_name="3ème B"))

    assert "déjà inscrite" in str(response.context["booking_form"].errors["class_name"])
    assert ClassBooking.objects.count() == 1


def test_a_school_missing_from_the_list_is_created_once(client):
    event = EventFactory()
    data = booking_data(
        SchoolFactory(), school="", school_name="Collège des Volcans", school_postcode="63000"
    )

    client.post(event.get_absolute_url(), data)
    client.post(event.get_absolute_url(), {**data, "class_name": "3e C"})

    assert ClassBooking.objects.filter(school__name="Collège des Volcans").count() == 2


def test_workshop_preferences_are_kept_in_rank_order(client):
    event = EventFactory()
    robots, additive = (
        WorkshopFactory(event=event, name="Robotique"),
        WorkshopFactory(event=event, name="Additive"),
    )

    client.post(
        event.get_absolute_url(),
        booking_data(SchoolFactory(), preference_1=additive.pk, preference_2=robots.pk),
    )

    booking = ClassBooking.objects.get()
    assert [p.workshop.name for p in booking.preferences.all()] == ["Additive", "Robotique"]


def test_the_cancellation_link_asks_first_then_frees_the_place(client):
    event = EventFactory(capacity=30)
    booking = ClassBookingFactory(event=event, pupils=24, girls=12, boys=12)
    waiting = ClassBookingFactory(
        event=event, pupils=20, girls=10, boys=10, status=ClassBooking.Status.WAITLISTED
    )
    url = f"{booking.get_absolute_url()}annuler/"

    assert client.get(url).status_code == 200
    client.post(url, {})
    booking.refresh_from_db()
    assert booking.status == ClassBooking.Status.CONFIRMED

    response = client.post(url, {"confirm": "on"}, follow=True)
    booking.refresh_from_db()
    waiting.refresh_from_db()
    assert booking.status == ClassBooking.Status.CANCELLED
    assert waiting.status == ClassBooking.Status.CONFIRMED
    assert "Réservation annulée" in response.content.decode()


def test_the_public_calendar_feed_lists_upcoming_public_events(client):
    EventFactory(title="Forum de printemps")

    response = client.get("/informer/evenements.ics")

    assert response["Content-Type"].startswith("text/calendar")
    assert b"SUMMARY:Forum de printemps" in response.content


def test_a_booking_can_be_added_to_a_calendar(client):
    booking = ClassBookingFactory()

    response = client.get(f"{booking.get_absolute_url()}?format=ics")

    assert b"BEGIN:VEVENT" in response.content and b"3e" in response.content


def test_an_event_card_without_a_venue_names_its_town_alone(client):
    EventFactory(title="Semaine de l'Industrie", venue="", city="Clermont-Ferrand")

    page = client.get("/informer/evenements/").content.decode()

    assert '<i class="bi bi-geo-alt" aria-hidden="true"></i> Clermont-Ferrand</div>' in page
