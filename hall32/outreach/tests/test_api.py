"""The outreach API: events, booking, cancellation; 422 naming the field; 409 on conflicts."""

import pytest

from hall32.core.models import Organisation, Person
from hall32.core.roles import Role
from hall32.core.tests.factories import SchoolFactory
from hall32.outreach.models import ClassBooking
from hall32.outreach.tests.factories import ClassBookingFactory, EventFactory

pytestmark = pytest.mark.django_db


def payload(school, **overrides):
    data = {
        "school_id": school.pk,
        "teacher": {
            "first_name": "Claire",
            "last_name": "Dumas",
            "email": "claire@college.example",
        },
        "class_name": "3e B",
        "level": "3e",
        "girls": 12,
        "boys": 13,
    }
    data.update(overrides)
    return data


def test_the_schema_documents_the_outreach_endpoints(client):
    paths = client.get("/api/openapi.json").json()["paths"]

    assert "/api/outreach/events" in paths
    assert "/api/outreach/events/{event_id}/bookings" in paths
    assert "/api/outreach/bookings/{token}/cancel" in paths


def test_public_events_are_listed_with_free_places(client, django_assert_max_num_queries):
    event = EventFactory(capacity=60)
    ClassBookingFactory(event=event, pupils=24, girls=12, boys=12)
    EventFactory(status="draft")

    with django_assert_max_num_queries(8):
        items = client.get("/api/outreach/events").json()["items"]

    assert [(e["id"], e["free_places"]) for e in items] == [(event.pk, 36)]


def test_booking_through_the_api(client):
    event = EventFactory(capacity=60)

    response = client.post(
        f"/api/outreach/events/{event.pk}/bookings",
        payload(SchoolFactory()),
        content_type="application/json",
    )

    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "confirmed" and body["waiting_position"] is None
    assert ClassBooking.objects.get().pupils == 25


def test_a_malformed_booking_gets_422_naming_the_fields(client):
    event = EventFactory()

    response = client.post(
        f"/api/outreach/events/{event.pk}/bookings",
        payload(
            SchoolFactory(),
            girls=-1,
            teacher={"first_name": "C", "last_name": "D", "email": "nope"},
        ),
        content_type="application/json",
    )

    assert response.status_code == 422
    errors = response.json()["errors"]
    assert "girls" in errors and "teacher.email" in errors
    assert not ClassBooking.objects.exists()


def test_a_duplicate_class_gets_409_with_the_field(client):
    event = EventFactory()
    school = SchoolFactory()
    client.post(
        f"/api/outreach/events/{event.pk}/bookings",
        payload(school),
        content_type="application/json",
    )

    response = client.post(
        f"/api/outreach/events/{event.pk}/bookings",
        payload(school),
        content_type="application/json",
    )

    assert response.status_code == 409
    assert "class_name" in response.json()["errors"]


def test_a_full_event_answers_with_the_waiting_position(client):
    event = EventFactory(capacity=20)
    ClassBookingFactory(event=event, pupils=20, girls=10, boys=10)

    response = client.post(
        f"/api/outreach/events/{event.pk}/bookings",
        payload(SchoolFactory()),
        content_type="application/json",
    )

    assert response.json()["status"] == "waitlisted" and response.json()["waiting_position"] == 1


def test_a_refused_booking_leaves_no_new_school_or_teacher_behind(client):
    event = EventFactory(registration_open=False)

    response = client.post(
        f"/api/outreach/events/{event.pk}/bookings",
        payload(
            SchoolFactory(),
            school_id=None,
            school_name="Collège Jean Macé",
            school_postcode="69008",
            teacher={"first_name": "Yann", "last_name": "Le Goff", "email": "yann@college.example"},
        ),
        content_type="application/json",
    )

    assert response.status_code == 400
    assert not Organisation.objects.filter(name="Collège Jean Macé").exists()
    assert not Person.objects.filter(email="yann@college.example").exists()


def test_cancelling_through_the_api(client):
    booking = ClassBookingFactory()

    response = client.post(f"/api/outreach/bookings/{booking.token}/cancel")

    assert response.json()["status"] == "cancelled"
    again = client.post(f"/api/outreach/bookings/{booking.token}/cancel")
    assert again.status_code == 400 and "déjà annulée" in again.json()["detail"]


def test_reach_needs_a_staff_session(client, as_user, make_user):
    assert client.get("/api/outreach/reach").status_code == 401
    assert as_user(make_user(Role.TEACHER)).get("/api/outreach/reach").status_code == 403
    assert as_user(make_user(Role.DIRECTION)).get("/api/outreach/reach?year=2022").status_code == 200


@pytest.mark.parametrize("query", ["?q=clermont", "?q=forum", "?kind=open_day", "?q=hall&kind=forum"])
def test_the_api_and_the_public_agenda_find_the_same_events(client, query):
    EventFactory(title="Forum des métiers", city="Clermont-Ferrand", venue="Hall 32")
    EventFactory(title="Portes ouvertes", kind="open_day", city="Riom", venue="Hall 32")
    EventFactory(title="Salon de l'apprentissage", kind="fair", city="Clermont-Ferrand", venue="Polydome")

    page = client.get(f"/informer/evenements/{query}").context["listing"].page.object_list
    api = client.get(f"/api/outreach/events{query}").json()["items"]

    assert sorted(e["id"] for e in api) == sorted(e.pk for e in page) and api
