"""The industry API: the same booking rules as the pages, one error shape."""

import json

import pytest

from hall32.core.roles import Role
from hall32.industry.models import Booking
from hall32.industry.tests.factories import (
    EquipmentFactory,
    GrantFactory,
    QualificationFactory,
    next_monday_at,
)

pytestmark = pytest.mark.django_db


def post(client, url, payload):
    return client.post(url, json.dumps(payload, default=str), content_type="application/json")


@pytest.fixture
def printer():
    return EquipmentFactory(
        name="Imprimante F370", qualification=QualificationFactory(name="Impression 3D polymère")
    )


def test_the_catalogue_is_public(client, printer):
    response = client.get("/api/industry/equipment")

    assert response.status_code == 200
    assert [m["name"] for m in response.json()["items"]] == ["Imprimante F370"]


def test_booking_through_the_api_follows_the_same_rules(client, make_user, printer):
    learner = make_user(Role.LEARNER)
    GrantFactory(person=learner.person, qualification=printer.qualification)
    stranger = make_user(Role.LEARNER)
    start = next_monday_at(9)
    slot = {"equipment_id": printer.pk, "start": start.isoformat(), "end": next_monday_at(11).isoformat()}

    client.force_login(learner)
    created = post(client, "/api/industry/bookings", slot | {"title": "Pièces"})
    again = post(client, "/api/industry/bookings", slot)
    malformed = post(client, "/api/industry/bookings", {"equipment_id": printer.pk, "start": "demain"})
    client.force_login(stranger)
    unqualified = post(
        client,
        "/api/industry/bookings",
        {**slot, "start": next_monday_at(13).isoformat(), "end": next_monday_at(14).isoformat()},
    )

    assert created.status_code == 201 and created.json()["reference"].startswith("R-")
    assert again.status_code == 409
    assert created.json()["reference"] in again.json()["detail"] and "start" in again.json()["errors"]
    assert malformed.status_code == 422 and {"start", "end"} <= set(malformed.json()["errors"])
    assert (
        unqualified.status_code == 403
        and "Impression 3D polymère" in unqualified.json()["errors"]["equipment"][0]
    )
    assert Booking.objects.count() == 1


def test_the_free_machines_endpoint_leaves_out_the_busy_ones(client, make_user, printer):
    other = EquipmentFactory(name="Banc de test", qualification=None)
    learner = make_user(Role.LEARNER)
    GrantFactory(person=learner.person, qualification=printer.qualification)
    client.force_login(learner)
    post(
        client,
        "/api/industry/bookings",
        {
            "equipment_id": printer.pk,
            "start": next_monday_at(9).isoformat(),
            "end": next_monday_at(11).isoformat(),
        },
    )

    response = client.get(
        "/api/industry/equipment/free",
        {"start": next_monday_at(10).isoformat(), "end": next_monday_at(12).isoformat()},
    )

    assert [m["name"] for m in response.json()] == [other.name]


def test_the_return_rate_endpoint_is_for_the_pole_s_staff(client, make_user, engineer):
    client.force_login(make_user(Role.CLIENT))
    assert client.get("/api/industry/clients/return").status_code == 403
    client.force_login(engineer)
    assert client.get("/api/industry/clients/return").json() == {
        "clients": 0,
        "returning": 0,
        "rate": None,
        "large_groups": 0,
        "by_size": {},
    }


@pytest.mark.parametrize(
    "query", ["?q=stratasys", "?q=fdm", "?q=F370", "?category=machining", "?q=machine&category=machining"]
)
def test_the_api_and_the_catalogue_page_find_the_same_machines(client, query):
    EquipmentFactory(name="Imprimante F370", manufacturer="Stratasys", capabilities="FDM, ABS")
    EquipmentFactory(name="Machine à découpe", category="machining", description="Fraiseuse trois axes")
    EquipmentFactory(name="Machine d'essai", model_name="Stratasys J55")

    page = client.get(f"/innover/equipements/{query}").context["listing"].page.object_list
    api = client.get(f"/api/industry/equipment{query}").json()["items"]

    assert sorted(m["id"] for m in api) == sorted(m.pk for m in page)
    assert api  # each query finds something, so that agreeing means something


def test_the_api_and_the_project_page_find_the_same_projects(client, engineer):
    from hall32.core.tests.factories import OrganisationFactory
    from hall32.industry.tests.factories import ProjectFactory

    ProjectFactory(title="Support capteur", client=OrganisationFactory(name="Michelin"))
    ProjectFactory(title="Gabarit", client=OrganisationFactory(name="Aubert"), description="capteur de force")
    ProjectFactory(title="Carter", client=OrganisationFactory(name="Limagrain"))
    client.force_login(engineer)

    page = client.get("/innover/projets/?q=capteur").context["listing"].page.object_list
    api = client.get("/api/industry/projects?q=capteur").json()["items"]

    assert sorted(p["id"] for p in api) == sorted(p.pk for p in page) and len(api) == 2
