"""Schemathesis over the whole OpenAPI schema, in process: whatever a client sends that the schema
allows (and much that it does not), the API answers without a server error, with a status the
schema documents and a body that matches it (the usual error shape for every 4xx).

The examples are few and derandomised, so that a run is fast and reproducible; a small data set
(with the ids drawn into half of the generated paths and bodies) lets the detail endpoints answer
200 too. The solver and the simulator only ever see the tiny schedule and line made here, and
their tasks run on commit as in production.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections, transaction
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from hall32.api import api
from hall32.core.roles import Role
from hall32.core.schoolyear import SchoolYear
from hall32.core.tests.factories import OrganisationFactory, SchoolFactory, UserFactory
from hall32.industry.models import ScheduleRun
from hall32.industry.services import lines as line_services
from hall32.industry.services import scheduling as schedule_services
from hall32.industry.tests.factories import (
    BookingFactory,
    EquipmentFactory,
    LineFactory,
    ModuleFactory,
    ProjectFactory,
    next_monday_at,
)
from hall32.network.models import Introduction, MatchingRun
from hall32.network.tests.factories_matching import OfferFactory as MatchingOfferFactory
from hall32.network.tests.factories_matching import candidate as matching_candidate
from hall32.outreach.tests.factories import ClassBookingFactory, EventFactory
from hall32.training.services import admissions as admission_services
from hall32.training.tests.factories import CohortFactory, CourseFactory, EnrolmentFactory, framework
from hall32.wsgi import application

# With a session, every phase: the schema's boundaries and their negations ("coverage"), then a
# few generated examples. Without one most answers are 401, so a few examples suffice.
schema = schemathesis.openapi.from_wsgi(
    "/api/openapi.json", application, config=schemathesis.Config.from_dict({"seed": 32})
)
public_schema = schemathesis.openapi.from_wsgi(
    "/api/openapi.json",
    application,
    config=schemathesis.Config.from_dict({"seed": 32, "phases": {"coverage": {"enabled": False}}}),
)

CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
# API_EXAMPLES=200 make test PYTEST_ARGS=hall32/core/tests/test_api_schema.py searches harder.
EXAMPLES = int(os.environ.get("API_EXAMPLES", "8"))
BOUNDED = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)

# The ids of the data set, by parameter name, filled in by the `hub` fixture before any example
# is drawn; KNOWN_IN_PATH for the names that mean something else under some path.
KNOWN: dict[str, Any] = {}
KNOWN_IN_PATH: dict[str, dict[str, Any]] = {}


def _known_ids(path: str):
    def replace(values: Any) -> Any:
        if not isinstance(values, dict):
            return values
        known = {**KNOWN, **next((v for p, v in KNOWN_IN_PATH.items() if p in path), {})}
        return {**values, **{name: known[name] for name in values.keys() & known.keys()}}

    return replace


def before_generate_path_parameters(context, strategy):
    return st.one_of(strategy.map(_known_ids(context.operation.path)), strategy)


def before_generate_body(context, strategy):
    return st.one_of(strategy.map(_known_ids(context.operation.path)), strategy)


for loaded in (schema, public_schema):
    loaded.hook(before_generate_path_parameters)
    loaded.hook(before_generate_body)


@pytest.fixture(scope="module")
def in_process():
    """Serve the WSGI application inside the tests' transaction: as Django's test client does,
    keep the connection open between requests (it is closed at each request's end otherwise)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(scope="module")
def hub_once(django_db_setup, django_db_blocker, in_process) -> Iterator[dict[str, Any]]:
    """The data set, made once per module (and worker) inside a transaction rolled back at the
    end; each test runs in a savepoint within it, as with Django's setUpTestData."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield _make_hub()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def hub(hub_once, db) -> dict[str, Any]:
    return hub_once


def _make_hub() -> dict[str, Any]:
    """One of everything the API shows, small: a course and its cohort, a learner on a path, an
    application, an event with a class booked, machines with a booking, a project, a two-job
    schedule, a two-module line and its simulation; and the direction's session."""
    enrolment = EnrolmentFactory(cohort=CohortFactory(course=CourseFactory(), school_year=2025))
    framework(enrolment.cohort.course)
    course = enrolment.cohort.course
    applied = admission_services.application_submit(
        course=course,
        school_year=SchoolYear.of(timezone.localdate()).start_year + 1,
        guardian=None,
        motivation="Fabriquer des pièces.",
        applicant=admission_services.Applicant("Lina", "Morel", dt.date(2000, 5, 2), "lina@example.org", ""),
    )
    school = SchoolFactory()
    event = EventFactory(capacity=60)
    class_booking = ClassBookingFactory(event=event, school=school)
    printer = EquipmentFactory(qualification=None)
    mill = EquipmentFactory(qualification=None, runs_unattended=False)
    project = ProjectFactory(client=OrganisationFactory())
    run = schedule_services.schedule_create(
        run=ScheduleRun(name="Série", not_before=next_monday_at(8), time_limit=1), by=None
    )
    schedule_services.schedule_set_operations(
        run=run, rows=[("OF-1", printer, 30), ("OF-1", mill, 30), ("OF-2", mill, 15)]
    )
    line = LineFactory(horizon_hours=20, warmup_hours=1, replications=1, target_per_hour=4.0)
    ModuleFactory(line=line, position=0, p1=6.0, investment=1000)
    ModuleFactory(line=line, position=1, p1=10.0, investment=2000)
    simulation = line_services.simulation_start(line=line, by=None)
    # matching: a candidate, an offer, an introduction and a finished run
    match_course = CourseFactory(rncp_code="RNCP-API")
    match_person = matching_candidate(match_course)
    match_offer = MatchingOfferFactory(course=match_course, places=2)
    introduction = Introduction.objects.create(person=match_person, offer=match_offer)
    matching_run = MatchingRun.objects.create(status=MatchingRun.Status.DONE)
    KNOWN.clear()
    KNOWN.update(
        {
            "pk": school.pk,
            "school_id": school.pk,
            "event_id": event.pk,
            "token": str(class_booking.token),
            "course_id": course.pk,
            "learner_id": enrolment.person.pk,
            "equipment_id": printer.pk,
            "booking_id": BookingFactory(equipment=mill, start=next_monday_at(14)).pk,
            "project_id": project.pk,
            "run_id": run.pk,
            "line_id": line.pk,
            "matching_run_id": matching_run.pk,
            "introduction_id": introduction.pk,
            "person_id": match_person.pk,
            "offer_id": match_offer.pk,
        }
    )
    # contacts: an organisation with a contact, an interaction and a follow-up task
    from hall32.network.tests.factories_contacts import ContactRoleFactory, InteractionFactory, TaskFactory

    contact = ContactRoleFactory(organisation=project.client)
    follower = UserFactory(roles=[Role.COORDINATOR])
    KNOWN.update(
        {
            "organisation_id": project.client.pk,
            "contact_id": contact.pk,
            "person_id": contact.person.pk,
            "interaction_id": InteractionFactory(organisation=project.client, owner=follower).pk,
            "task_id": TaskFactory(organisation=project.client, owner=follower).pk,
        }
    )
    # contacts end
    KNOWN_IN_PATH.clear()
    KNOWN_IN_PATH["/applications/"] = {"token": str(applied.token)}
    KNOWN_IN_PATH["/simulations/"] = {"run_id": simulation.pk}
    return {"direction": _session(UserFactory(roles=[Role.DIRECTION])), "anonymous": {}}


def _session(user) -> dict[str, str]:
    client = Client()
    client.force_login(user)
    return {"sessionid": client.cookies["sessionid"].value}


def _call(case, capture, cookies: dict[str, str]) -> None:
    token = _get_new_csrf_string()
    with capture(execute=True):
        response = case.call(cookies={**cookies, "csrftoken": token}, headers={"X-CSRFToken": token})
    case.validate_response(response, checks=CHECKS)


# Each test takes a pytest parameter, which also gives each operation's test its own node id
# under pytest 9 (without one, schemathesis' items all share the test function's).
@schema.parametrize()
@pytest.mark.parametrize("persona", ["direction"])
@BOUNDED
def test_the_api_keeps_to_its_schema(case, persona, hub, django_capture_on_commit_callbacks):
    _call(case, django_capture_on_commit_callbacks, hub[persona])


@public_schema.parametrize()
@pytest.mark.parametrize("persona", ["anonymous"])
@settings(BOUNDED, max_examples=max(3, EXAMPLES // 3))
def test_the_api_keeps_to_its_schema_without_a_session(
    case, persona, hub, django_capture_on_commit_callbacks
):
    _call(case, django_capture_on_commit_callbacks, hub[persona])


def _named_definitions() -> dict[str, list[dict[str, Any]]]:
    """Every schema component the operations' models define, by name (each distinct definition)."""
    found: dict[str, list[dict[str, Any]]] = {}
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                models = [*operation.models, *operation.response_models.values()]
                for model in filter(None, models):
                    for name, definition in model.model_json_schema().get("$defs", {}).items():
                        if definition not in found.setdefault(name, []):
                            found[name].append(definition)
    return found


def test_no_two_schemas_or_choices_share_a_name_in_the_openapi_document():
    shared = {name: len(defs) for name, defs in _named_definitions().items() if len(defs) > 1}

    assert shared == {}


def test_a_schedule_s_status_is_documented_with_its_own_values(client, db):
    components = client.get("/api/openapi.json").json()["components"]["schemas"]

    status = components["ScheduleOut"]["properties"]["status"]["$ref"].rsplit("/", 1)[1]
    assert components[status]["enum"] == ["draft", "solved", "failed", "applied"]
