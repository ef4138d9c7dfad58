"""Bad input, a broken body, the database away: the API answers a 4xx (or 503) with its usual
JSON error {"detail", "code", "errors"}, never a server error or an HTML page."""

import json
from unittest import mock
from urllib.parse import urlencode

import pytest
from django.db import OperationalError, connections
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client

from hall32.core.roles import Role
from hall32.industry.models import LineConfiguration
from hall32.industry.tests.factories import EquipmentFactory, next_monday_at
from hall32.outreach.tests.factories import EventFactory
from hall32.web.apikit import FIRST_ACCEPTED_YEAR, LAST_ACCEPTED_YEAR

pytestmark = pytest.mark.django_db


def error_of(response, status):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"detail", "code", "errors"} and body["detail"]
    return body


@pytest.fixture
def api(make_user):
    """A signed-in client that checks CSRF as a browser's requests are checked, and shows the
    answer Django gives a server error (instead of raising it into the test)."""
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.force_login(make_user(Role.DIRECTION))
    token = _get_new_csrf_string()
    client.cookies["csrftoken"] = token
    client.defaults["HTTP_X_CSRFTOKEN"] = token
    return client


@pytest.mark.parametrize(
    "year", ["19594", "-3", "0", str(FIRST_ACCEPTED_YEAR - 1), str(LAST_ACCEPTED_YEAR + 1)]
)
def test_a_year_out_of_range_on_the_reach_statistics_is_refused_naming_it(api, year):
    body = error_of(api.get(f"/api/outreach/reach?year={year}"), 422)

    assert list(body["errors"]) == ["year"]


def test_a_year_within_range_still_gives_the_statistics(api):
    response = api.get(f"/api/outreach/reach?year={FIRST_ACCEPTED_YEAR}")

    assert response.status_code == 200 and response.json()[0]["school_year"].startswith(
        str(FIRST_ACCEPTED_YEAR)
    )


def test_a_year_out_of_range_on_the_cohorts_is_refused_naming_it(api):
    body = error_of(api.get("/api/training/cohorts?school_year=-2019"), 422)

    assert list(body["errors"]) == ["school_year"]


@pytest.mark.parametrize(
    "start",
    [
        "2026-01-05T10:00:00+23:59",  # no such offset: PostgreSQL refused it
        "2026-01-05T10:00:00-15:00",
        "0001-01-01T00:00:00+01:00",  # before year 1 in UTC
        "9999-12-31T23:00:00-05:00",  # after year 9999 in UTC
        "19594-01-01T10:00:00",
    ],
)
def test_an_impossible_moment_on_the_free_machine_search_is_refused_naming_it(api, start):
    query = urlencode({"start": start, "end": "9999-12-31T23:59:00"})

    body = error_of(api.get(f"/api/industry/equipment/free?{query}"), 422)

    assert "start" in body["errors"]


def test_real_offsets_still_find_the_free_machines(api):
    machine = EquipmentFactory()
    start = next_monday_at(9)
    query = urlencode({"start": start.isoformat(), "end": start.replace(hour=11).astimezone().isoformat()})

    response = api.get(f"/api/industry/equipment/free?{query}")

    assert response.status_code == 200 and [m["id"] for m in response.json()] == [machine.pk]


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize("method", ["post", "put"])
def test_a_multipart_body_without_boundary_is_a_400_json_error(api, settings, debug, method):
    settings.DEBUG = debug
    url = "/api/industry/bookings" if method == "post" else "/api/industry/bookings/1"

    response = getattr(api, method)(url, "start=demain", content_type="multipart/form-data")

    assert error_of(response, 400)["code"] == "malformed"


def test_a_body_that_is_not_json_is_a_400_json_error(api):
    response = api.post("/api/industry/bookings", "{pas du json", content_type="application/json")

    assert error_of(response, 400)["code"] == "malformed"


def test_a_missing_csrf_token_is_a_403_json_error(api):
    del api.defaults["HTTP_X_CSRFTOKEN"]

    response = api.post("/api/industry/bookings", "{}", content_type="application/json")

    assert error_of(response, 403)["code"] == "csrf_failed"


def _database_down():
    return mock.patch.object(
        type(connections["default"]), "ensure_connection", side_effect=OperationalError("down")
    )


def test_with_the_database_down_a_signed_in_request_gets_a_json_503(api):
    with _database_down():
        response = api.get("/api/core/me")

    assert error_of(response, 503)["code"] == "unavailable"
    assert response["Retry-After"]


def test_with_the_database_down_a_signed_in_request_gets_a_json_503_under_debug_too(api, settings):
    settings.DEBUG = True  # `make run`: Django's debug page would answer an error in a middleware

    with _database_down():
        response = api.get("/api/core/me")

    assert error_of(response, 503)["code"] == "unavailable"


def test_with_the_database_down_a_public_endpoint_gets_a_json_503(client):
    EventFactory()
    client.raise_request_exception = False

    with _database_down():
        response = client.get("/api/outreach/events")

    assert error_of(response, 503)["code"] == "unavailable"


def test_with_the_database_down_the_pages_keep_their_html_error_page(client, make_user):
    client.force_login(make_user(Role.DIRECTION))
    client.raise_request_exception = False

    with _database_down():
        response = client.get("/")

    assert response.status_code == 500 and response["Content-Type"].startswith("text/html")


def test_a_bug_behind_the_api_still_answers_json(api):
    with mock.patch("hall32.core.api.selectors.organisation_list", side_effect=RuntimeError("bug")):
        response = api.get("/api/core/organisations")

    assert error_of(response, 500)["code"] == "server_error"


def test_a_page_number_past_what_the_database_can_skip_is_refused(api):
    body = error_of(api.get(f"/api/core/organisations?page={10**33}"), 422)

    assert list(body["errors"]) == ["page"]


def test_a_nul_character_is_refused_naming_the_field(api):
    in_query = api.get("/api/industry/equipment?q=%00")
    in_body = api.post(
        "/api/industry/lines",
        _line(stations=[{"name": "A\x00", "process": {"kind": "exponential", "mean": 6}}]),
        content_type="application/json",
    )

    assert list(error_of(in_query, 422)["errors"]) == ["q"]
    assert list(error_of(in_body, 422)["errors"]) == ["stations.0.name"]
    assert not LineConfiguration.objects.exists()


def _line(**overrides):
    payload = {
        "name": "Ligne API",
        "horizon_hours": 200,
        "warmup_hours": 10,
        "replications": 2,
        "stations": [{"name": "Impression", "process": {"kind": "deterministic", "value": 6}}],
    }
    return json.dumps(payload | overrides)


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"horizon_hours": 100_000}, "horizon_hours"),
        ({"replications": 500}, "replications"),
        ({"seed": 2**40}, "seed"),
        (
            {"stations": [{"process": {"kind": "deterministic", "value": 6}, "capacity": 40_000}]},
            "stations.0.capacity",
        ),
        (
            {"stations": [{"process": {"kind": "deterministic", "value": 6}, "routes": ["exit"]}]},
            "stations.0.routes.0.probability",
        ),
        ({"stations": [{"process": "deterministic"}]}, "stations.0.process.kind"),
    ],
)
def test_a_line_the_simulator_could_not_take_is_refused_naming_the_field(api, overrides, field):
    response = api.post("/api/industry/lines", _line(**overrides), content_type="application/json")

    assert field in error_of(response, 422)["errors"]
    assert not LineConfiguration.objects.exists()


def test_the_schema_documents_the_bounds_of_the_simulation(client):
    line = client.get("/api/openapi.json").json()["components"]["schemas"]["LineIn"]["properties"]

    assert line["horizon_hours"]["maximum"] == 24 * 365
    assert line["replications"]["maximum"] == 50
    assert line["stations"]["maxItems"] == 20


def test_the_errors_speak_english_to_an_english_client(api):
    query = urlencode({"start": "0001-01-01T00:00:00+01:00", "end": "2026-01-05T10:00:00"})

    body = error_of(api.get(f"/api/industry/equipment/free?{query}", HTTP_ACCEPT_LANGUAGE="en"), 422)

    assert body["errors"]["start"] == [
        f"Date out of range: between {FIRST_ACCEPTED_YEAR} and {LAST_ACCEPTED_YEAR}."
    ]
