"""Matching runs: the job computes the optimal and the stable assignments over the admitted
learners without a contract and the open offers, stores them with their scores and blocking
pairs, says so when there is no candidate or no place, and the coordinator adjusts by hand."""

import datetime as dt

import pytest
from django.urls import reverse

from hall32.core.models import Job
from hall32.core.roles import Role
from hall32.network.errors import NetworkError
from hall32.network.models import Introduction, MatchingAssignment, MatchingRun, Offer
from hall32.network.services import matching as services
from hall32.network.tests.factories_matching import OfferFactory, candidate, rating, wish
from hall32.training.tests.factories import CourseFactory

pytestmark = pytest.mark.django_db

OPTIMAL, STABLE, MANUAL = (
    MatchingAssignment.Algorithm.OPTIMAL,
    MatchingAssignment.Algorithm.STABLE,
    MatchingAssignment.Algorithm.MANUAL,
)


def _run(django_capture_on_commit_callbacks, by=None) -> MatchingRun:
    with django_capture_on_commit_callbacks(execute=True):
        run = services.matching_run_start(by=by)
    run.refresh_from_db()
    return run


@pytest.fixture
def world():
    """Two candidates, two one-place offers: Ana prefers A, which prefers Bruno; Bruno prefers A
    too. The optimal and the stable assignments both place the two."""
    course = CourseFactory(rncp_code="RNCP1")
    ana = candidate(course, first_name="Ana", last_name="Aubert")
    bruno = candidate(course, first_name="Bruno", last_name="Blanc")
    a = OfferFactory(course=course, title="Offre A")
    b = OfferFactory(course=course, title="Offre B", postcode="63100")
    wish(ana, a, 1)
    wish(ana, b, 2)
    wish(bruno, a, 1)
    rating(a, bruno, 5)
    return {"course": course, "ana": ana, "bruno": bruno, "a": a, "b": b}


def test_a_run_stores_both_assignments_with_their_scores_and_blocking_pairs(
    world, coordinator, django_capture_on_commit_callbacks
):
    run = _run(django_capture_on_commit_callbacks, by=coordinator)

    assert run.status == MatchingRun.Status.DONE
    assert run.candidates_count == 2 and run.places_count == 2
    for algorithm in (OPTIMAL, STABLE):
        rows = run.assignments.filter(algorithm=algorithm)
        assert rows.count() == 2
        assert run.summary[algorithm]["placed"] == 2
        assert run.summary[algorithm]["total_score"] == pytest.approx(sum(r.score for r in rows), abs=0.01)
    assert run.summary[STABLE]["blocking_pairs"] == 0
    assert "greedy" in run.summary
    # The stable assignment gives A to Bruno, whom A rates best.
    assert run.assignments.get(algorithm=STABLE, person=world["bruno"]).offer == world["a"]
    assert Job.objects.get(pk=run.job_id).status == Job.Status.SUCCEEDED


def test_a_run_with_no_candidate_says_so(django_capture_on_commit_callbacks):
    OfferFactory()

    run = _run(django_capture_on_commit_callbacks)

    assert run.status == MatchingRun.Status.FAILED
    assert run.reason == "no_candidates"
    assert "Aucun·e candidat·e" in run.message
    assert not run.assignments.exists()


def test_a_run_with_no_place_says_so(django_capture_on_commit_callbacks):
    course = CourseFactory()
    candidate(course)
    OfferFactory(course=course, status=Offer.Status.FILLED)

    run = _run(django_capture_on_commit_callbacks)

    assert run.reason == "no_places"
    assert "Aucune place" in run.message


def test_accepted_introductions_take_places_from_the_offer(world, django_capture_on_commit_callbacks):
    other = candidate(world["course"], first_name="Chloé")
    Introduction.objects.create(person=other, offer=world["b"], status=Introduction.Status.ACCEPTED)

    run = _run(django_capture_on_commit_callbacks)

    assert run.places_count == 1
    assert not run.assignments.filter(offer=world["b"]).exists()


def test_a_candidate_without_any_admissible_offer_is_told_which_filter_ruled_them_out(
    world, django_capture_on_commit_callbacks
):
    far = candidate(world["course"], first_name="Dan", postcode="75001", max_km=30)

    run = _run(django_capture_on_commit_callbacks)

    assert "Trop loin" in run.summary["reasons"][str(far.pk)]
    assert not run.assignments.filter(person=far).exists()


def test_computing_a_run_twice_changes_nothing(world, django_capture_on_commit_callbacks):
    run = _run(django_capture_on_commit_callbacks)
    count = run.assignments.count()

    services.matching_run_compute(job_id=run.job_id)

    assert run.assignments.count() == count


def test_adjusting_copies_an_assignment_then_moves_are_checked(world, django_capture_on_commit_callbacks):
    run = _run(django_capture_on_commit_callbacks)
    services.matching_adjust_start(run=run, algorithm=STABLE, by=None)
    assert run.assignments.filter(algorithm=MANUAL).count() == 2

    # Offer A has one place, held by Bruno: Ana cannot be moved there.
    with pytest.raises(NetworkError, match="Plus de place"):
        services.matching_adjust_move(run=run, person=world["ana"], offer=world["a"], by=None)
    services.matching_adjust_move(run=run, person=world["bruno"], offer=None, by=None)
    services.matching_adjust_move(run=run, person=world["ana"], offer=world["a"], by=None)

    run.refresh_from_db()
    manual = run.summary[MANUAL]
    assert manual["placed"] == 1
    assert manual["blocking_pairs"] >= 1  # Bruno and offer B now both have room for each other
    assert run.assignments.get(algorithm=MANUAL, person=world["ana"]).offer == world["a"]


def test_a_move_that_breaks_a_hard_filter_is_refused_naming_the_rule(
    world, django_capture_on_commit_callbacks
):
    adults = OfferFactory(course=world["course"], title="Nuit", adults_only=True)
    minor = candidate(
        world["course"], first_name="Eli", birth_date=dt.date.today().replace(year=dt.date.today().year - 16)
    )
    run = _run(django_capture_on_commit_callbacks)
    services.matching_adjust_start(run=run, algorithm=OPTIMAL, by=None)

    with pytest.raises(NetworkError, match="mineur·e et l'offre est réservée aux majeurs"):
        services.matching_adjust_move(run=run, person=minor, offer=adults, by=None)


def test_the_run_page_shows_both_assignments_side_by_side(
    world, as_user, coordinator, django_capture_on_commit_callbacks
):
    run = _run(django_capture_on_commit_callbacks)

    page = as_user(coordinator).get(reverse("network:matching_run", args=[run.pk]))

    text = page.content.decode()
    assert page.status_code == 200
    assert "Score total maximal" in text and "Stable (acceptation différée)" in text
    assert 'data-testid="blocking-stable">0<' in text
    assert "Proposer une mise en relation" in text


def test_starting_from_the_page_runs_and_shows_the_run(
    world, as_user, coordinator, django_capture_on_commit_callbacks
):
    client = as_user(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(reverse("network:matching_start"))

    run = MatchingRun.objects.get()
    assert answer.status_code == 302 and answer["Location"] == run.get_absolute_url()
    assert client.get(reverse("network:matching_home")).status_code == 200


@pytest.mark.parametrize(
    "role", [Role.TRAINER, Role.LEARNER, Role.COMPANY_TUTOR, Role.OUTREACH_OFFICER, Role.CLIENT]
)
def test_only_the_coordinator_and_the_direction_reach_matching(role, make_user, as_user):
    client = as_user(make_user(role))

    assert client.get(reverse("network:matching_home")).status_code == 403
    assert client.post(reverse("network:matching_start")).status_code == 403
    assert client.get(reverse("network:introduction_list")).status_code == 403


def test_the_home_page_lists_the_waiting_candidates_and_the_open_places(world, as_user, direction):
    page = as_user(direction).get(reverse("network:matching_home"))

    text = page.content.decode()
    assert "Ana Aubert" in text and "Offre A" in text
    assert 'data-testid="places-count">2<' in text


def test_the_page_adjusts_by_hand_and_says_why_a_move_is_refused(
    world, as_user, coordinator, django_capture_on_commit_callbacks
):
    run = _run(django_capture_on_commit_callbacks)
    client = as_user(coordinator)
    client.post(reverse("network:matching_adjust", args=[run.pk]), {"algorithm": STABLE})

    answer = client.post(
        reverse("network:matching_move", args=[run.pk]),
        {"person": world["ana"].pk, "offer": world["a"].pk},
        follow=True,
    )

    text = answer.content.decode()
    assert "Changement refusé : Plus de place" in text
    assert "Ajusté à la main" in text and "Vérifier et déplacer" in text
    assert run.assignments.get(algorithm=MANUAL, person=world["ana"]).offer == world["b"]


def test_the_run_page_keeps_its_query_count(
    world, as_user, coordinator, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    for n in range(6):
        candidate(world["course"], first_name=f"Extra{n}")
    run = _run(django_capture_on_commit_callbacks)
    client = as_user(coordinator)

    with django_assert_max_num_queries(20):
        client.get(reverse("network:matching_run", args=[run.pk]))
