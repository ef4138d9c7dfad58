"""The Pôle Industrie in the admin: every record listed and searchable; the catalogue edited
through its services; bookings, projects, quotes, schedules and lines read-only (their writes go
through services that the admin's plain save would skip)."""

import pytest
from django.contrib import admin
from django.urls import reverse

from hall32.core.roles import Role
from hall32.industry.models import Booking, Equipment
from hall32.industry.tests.factories import (
    BookingFactory,
    EquipmentFactory,
    GrantFactory,
    LineFactory,
    ModuleFactory,
    ProjectFactory,
    QualificationFactory,
)

pytestmark = pytest.mark.django_db

READ_ONLY = [
    "qualificationgrant",
    "booking",
    "project",
    "quote",
    "schedulerun",
    "lineconfiguration",
    "simulationrun",
]


def test_every_industry_model_but_the_feed_tokens_is_in_the_admin():
    registered = {m._meta.model_name for m in admin.site._registry if m._meta.app_label == "industry"}
    assert registered == {"equipment", "qualification", *READ_ONLY}


@pytest.mark.parametrize("model", ["equipment", "qualification", *READ_ONLY])
def test_direction_lists_and_searches_each_record(client, direction, model):
    booking = BookingFactory()
    GrantFactory()
    ModuleFactory(line=LineFactory(project=ProjectFactory()))
    client.force_login(direction)

    response = client.get(reverse(f"admin:industry_{model}_changelist"), {"q": booking.equipment.code})

    assert response.status_code == 200


@pytest.mark.parametrize("model", READ_ONLY)
def test_records_written_by_the_services_cannot_be_added_changed_or_deleted_here(client, direction, model):
    client.force_login(direction)

    assert client.get(reverse(f"admin:industry_{model}_add")).status_code == 403


def test_a_booking_opens_read_only_and_a_post_changes_nothing(client, direction):
    booking = BookingFactory(title="Essai")
    client.force_login(direction)
    url = reverse("admin:industry_booking_change", args=[booking.pk])

    page = client.get(url)
    client.post(url, {"title": "Autre", "equipment": booking.equipment_id})

    assert page.status_code == 200
    assert b'name="title"' not in page.content
    booking.refresh_from_db()
    assert booking.title == "Essai"
    assert (
        client.post(reverse("admin:industry_booking_delete", args=[booking.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert Booking.objects.filter(pk=booking.pk).exists()


def test_a_machine_is_edited_through_its_service_and_its_model_rules_hold(client, direction):
    machine = EquipmentFactory(code="fdm-1", name="Imprimante")
    client.force_login(direction)
    url = reverse("admin:industry_equipment_change", args=[machine.pk])
    data = {
        "code": "fdm-1",
        "name": "Imprimante FDM",
        "category": Equipment.Category.ADDITIVE_POLYMER,
        "hourly_rate": "45.00",
        "runs_unattended": "on",
        "is_active": "on",
        "maintenance_plans-TOTAL_FORMS": "0",
        "maintenance_plans-INITIAL_FORMS": "0",
    }

    response = client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    machine.refresh_from_db()
    assert machine.name == "Imprimante FDM"
    assert client.get(reverse("admin:industry_equipment_delete", args=[machine.pk])).status_code == 403


def test_the_coordination_sees_bookings_but_not_the_client_projects(client, make_user):
    BookingFactory()
    ProjectFactory()
    client.force_login(make_user(Role.COORDINATOR))

    assert client.get(reverse("admin:industry_booking_changelist")).status_code == 200
    assert client.get(reverse("admin:industry_project_changelist")).status_code == 403


def test_the_qualification_list_takes_a_bounded_number_of_queries(
    client, direction, django_assert_max_num_queries
):
    for _ in range(5):
        GrantFactory(qualification=QualificationFactory())
    client.force_login(direction)

    with django_assert_max_num_queries(12):
        assert client.get(reverse("admin:industry_qualificationgrant_changelist")).status_code == 200
