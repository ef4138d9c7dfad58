import pytest

from hall32.core.roles import Role
from hall32.core.tests.factories import OrganisationFactory, SchoolFactory


def test_the_openapi_schema_lists_the_core_endpoints(client, db):
    schema = client.get("/api/openapi.json").json()

    assert "/api/core/me" in schema["paths"]
    assert "/api/core/organisations" in schema["paths"]


def test_the_api_needs_a_session(client, db):
    response = client.get("/api/core/me")

    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


def test_me_gives_the_roles(as_user, make_user):
    response = as_user(make_user(Role.TRAINER, username="nadia")).get("/api/core/me")

    assert response.json()["roles"] == ["trainer"]


def test_the_directory_api_filters_like_the_page(as_user, make_user):
    OrganisationFactory(name="Forges du Sancy")
    SchoolFactory(name="Collège Lafayette")

    response = as_user(make_user(Role.COORDINATOR)).get("/api/core/organisations?kind=school")

    assert response.status_code == 200
    assert [o["name"] for o in response.json()["items"]] == ["Collège Lafayette"]


def test_a_malformed_request_gets_422_naming_the_field(as_user, make_user):
    response = as_user(make_user(Role.COORDINATOR)).get("/api/core/organisations?kind=spaceship")

    assert response.status_code == 422
    body = response.json()
    assert "kind" in body["errors"]
    assert body["code"] == "invalid"


@pytest.mark.parametrize("role", [Role.LEARNER, Role.CLIENT, Role.TEACHER])
def test_outside_roles_cannot_read_the_directory(as_user, make_user, role):
    response = as_user(make_user(role)).get("/api/core/organisations")

    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


def test_the_directory_endpoint_keeps_a_bounded_number_of_queries(
    as_user, make_user, django_assert_max_num_queries
):
    for _ in range(30):
        OrganisationFactory()
    client = as_user(make_user(Role.COORDINATOR))

    with django_assert_max_num_queries(8):
        client.get("/api/core/organisations")
