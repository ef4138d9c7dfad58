"""The API's matching runs and introductions: the same services and rules as the pages, refusals
as 4xx JSON naming the field."""

import json

import pytest

from hall32.network.models import Introduction, MatchingRun
from hall32.network.tests.factories_matching import OfferFactory, candidate
from hall32.training.tests.factories import CourseFactory

pytestmark = pytest.mark.django_db


def _post(client, url, payload=None):
    return client.post(url, json.dumps(payload or {}, default=str), content_type="application/json")


@pytest.fixture
def pair():
    course = CourseFactory(rncp_code="RNCP3")
    return candidate(course, first_name="Ana"), OfferFactory(course=course)


def test_a_coordinator_starts_a_run_and_reads_both_assignments(
    pair, as_user, coordinator, django_capture_on_commit_callbacks
):
    client = as_user(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        started = _post(client, "/api/network/matching-runs")
    run = MatchingRun.objects.get()

    detail = client.get(f"/api/network/matching-runs/{run.pk}").json()
    listed = client.get("/api/network/matching-runs").json()

    assert started.status_code == 202
    assert detail["status"] == "done"
    assert detail["summary"]["optimal"]["placed"] == 1 and detail["summary"]["stable"]["blocking_pairs"] == 0
    assert detail["assignments"]["optimal"][0]["person_id"] == pair[0].pk
    assert listed["count"] == 1


def test_introductions_are_created_moved_and_listed(
    pair, as_user, coordinator, django_capture_on_commit_callbacks
):
    person, offer = pair
    client = as_user(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        created = _post(client, "/api/network/introductions", {"person_id": person.pk, "offer_id": offer.pk})
    introduction_id = created.json()["id"]

    refused = _post(
        client, f"/api/network/introductions/{introduction_id}/transition", {"status": "interview"}
    )
    with django_capture_on_commit_callbacks(execute=True):
        accepted = _post(
            client, f"/api/network/introductions/{introduction_id}/transition", {"status": "accepted"}
        )

    assert created.status_code == 201 and created.json()["status"] == "proposed"
    assert refused.status_code == 400 and "interview_at" in refused.json()["errors"]
    assert accepted.status_code == 200 and accepted.json()["contract_id"]
    assert client.get("/api/network/introductions?status=accepted").json()["count"] == 1


def test_a_second_proposal_of_the_same_pair_is_a_conflict(pair, as_user, coordinator):
    person, offer = pair
    Introduction.objects.create(person=person, offer=offer)

    answer = _post(
        as_user(coordinator), "/api/network/introductions", {"person_id": person.pk, "offer_id": offer.pk}
    )

    assert answer.status_code == 409 and "person" in answer.json()["errors"]


def test_the_matching_api_is_closed_to_trainers(as_user, trainer):
    client = as_user(trainer)

    assert client.get("/api/network/matching-runs").status_code == 403
    assert client.get("/api/network/introductions").status_code == 403
