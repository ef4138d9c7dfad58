"""The matching engine, without a database: its hard filters, its scores, the optimum (checked by
brute force), places respected, the stability of deferred acceptance, and empty inputs."""

import datetime as dt
import itertools
import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hall32.network.optimisation.matching import (
    assess,
    assignment_problems,
    blocking_pairs,
    deferred_acceptance,
    greedy,
    optimal,
)
from hall32.network.optimisation.pairs import (
    UNRANKED,
    Candidate,
    Offer,
    Result,
    admissible,
    admissible_pairs,
    distance_km,
    score,
)

SEPT = dt.date(2027, 9, 1)
CLERMONT = (45.78, 3.08)
ALGORITHMS = [optimal, greedy, deferred_acceptance]


def candidate(**changes) -> Candidate:
    values = {
        "id": 1,
        "course": "RNCP1",
        "available_from": SEPT,
        "birth_date": dt.date(2000, 1, 1),
        "lat": CLERMONT[0],
        "lon": CLERMONT[1],
        "has_car": True,
        "max_km": 40.0,
    }
    return Candidate(**(values | changes))


def offer(**changes) -> Offer:
    values = {
        "id": 10,
        "company_id": 100,
        "course": "RNCP1",
        "start": SEPT + dt.timedelta(days=10),
        "places": 1,
        "lat": CLERMONT[0],
        "lon": CLERMONT[1] + 0.1,
    }
    return Offer(**(values | changes))


def north_of_clermont(km: float) -> tuple[float, float]:
    return CLERMONT[0] + km / 111.195, CLERMONT[1]


def small_market(seed: int, n_candidates: int = 6, n_offers: int = 4) -> tuple[list[Candidate], list[Offer]]:
    """Few courses, places and skills, some missing coordinates: filters bite and places run out."""
    rng = random.Random(seed)

    def place() -> tuple[float | None, float | None]:
        if rng.random() < 0.15:
            return None, None
        return CLERMONT[0] + rng.uniform(-0.3, 0.3), CLERMONT[1] + rng.uniform(-0.4, 0.4)

    skills = ["soudure", "cao", "tournage", "caces"]
    offers = []
    for j in range(n_offers):
        lat, lon = place()
        offers.append(
            Offer(
                id=100 + j,
                company_id=rng.randint(1, 3),
                course=rng.choice(["A", "A", "B"]),
                trade=rng.choice(["", "T1", "T2"]),
                start=SEPT + dt.timedelta(days=rng.randint(0, 100)),
                places=rng.randint(0, 3),
                tutor_capacity=rng.choice([None, None, 1, 2]),
                rhythm=rng.choice(["", "", "1s/3s", "2s/2s"]),
                lat=lat,
                lon=lon,
                adults_only=rng.random() < 0.2,
                needs_car=rng.random() < 0.2,
                required_skills=frozenset(rng.sample(skills, 1)) if rng.random() < 0.2 else frozenset(),
                skills=frozenset(rng.sample(skills, rng.randint(0, 2))),
            )
        )
    candidates = []
    for i in range(n_candidates):
        lat, lon = place()
        has_car = rng.random() < 0.5
        candidates.append(
            Candidate(
                id=1 + i,
                course=rng.choice(["A", "A", "B"]),
                trade=rng.choice(["", "T1", "T2"]),
                available_from=SEPT + dt.timedelta(days=rng.randint(-20, 20)),
                birth_date=None
                if rng.random() < 0.1
                else SEPT - dt.timedelta(days=rng.randint(15 * 365, 22 * 365)),
                rhythm=rng.choice(["", "", "1s/3s", "2s/2s"]),
                lat=lat,
                lon=lon,
                has_car=has_car,
                max_km=rng.uniform(20, 70),
                skills=frozenset(rng.sample(skills, rng.randint(0, 3))),
                preferences=tuple(
                    rng.sample([o.id for o in offers] + [999], rng.randint(0, min(3, n_offers + 1)))
                ),
            )
        )
    offers = [
        Offer(
            **{
                **o.__dict__,
                "ratings": {c.id: rng.randint(1, 5) for c in candidates if rng.random() < 0.3},
            }
        )
        for o in offers
    ]
    return candidates, offers


def assert_places_respected(result: Result, candidates: list[Candidate], offers: list[Offer]) -> None:
    by_id = {o.id: o for o in offers}
    people = {c.id: c for c in candidates}
    taken = Counter(result.assignments.values())
    assert all(taken[o.id] <= o.capacity for o in offers), taken
    assert all(admissible(people[c], by_id[o]) for c, o in result.assignments.items())
    assert result.placed == len(result.assignments)


# The hard filters


def test_a_candidate_and_an_offer_of_the_same_course_nearby_are_admissible():
    assert admissible(candidate(), offer())


def test_a_candidate_of_another_course_is_not_admissible():
    assert not admissible(candidate(course="RNCP2"), offer())


def test_a_minor_cannot_take_an_adults_only_offer_but_an_adult_can():
    seventeen = SEPT - dt.timedelta(days=17 * 365)
    assert admissible(candidate(birth_date=seventeen), offer())
    assert not admissible(candidate(birth_date=seventeen), offer(adults_only=True))
    assert admissible(candidate(birth_date=dt.date(2000, 1, 1)), offer(adults_only=True))


def test_a_candidate_of_age_on_the_start_date_may_take_an_adults_only_offer():
    start = SEPT + dt.timedelta(days=10)
    eighteenth = start.replace(year=start.year - 18)
    assert admissible(candidate(birth_date=eighteenth), offer(adults_only=True, start=start))
    day_after = eighteenth + dt.timedelta(days=1)
    assert not admissible(candidate(birth_date=day_after), offer(adults_only=True, start=start))


def test_an_unknown_birth_date_cannot_take_an_adults_only_offer():
    assert not admissible(candidate(birth_date=None), offer(adults_only=True))
    assert admissible(candidate(birth_date=None), offer())


def test_an_offer_beyond_the_candidates_maximum_distance_is_not_admissible():
    lat, lon = north_of_clermont(30)
    assert admissible(candidate(max_km=35), offer(lat=lat, lon=lon))
    assert not admissible(candidate(max_km=25), offer(lat=lat, lon=lon))


def test_no_offer_beyond_the_global_cap_whatever_the_candidate_accepts():
    lat, lon = north_of_clermont(65)
    assert not admissible(candidate(max_km=200), offer(lat=lat, lon=lon))


def test_an_unknown_location_does_not_rule_an_offer_out():
    assert admissible(candidate(lat=None, lon=None), offer())
    assert distance_km(candidate(lat=None, lon=None), offer()) is None


def test_an_offer_starting_before_the_candidate_is_free_or_too_late_is_not_admissible():
    assert not admissible(candidate(available_from=SEPT), offer(start=SEPT - dt.timedelta(days=1)))
    assert admissible(candidate(available_from=SEPT), offer(start=SEPT))
    assert admissible(candidate(available_from=SEPT), offer(start=SEPT + dt.timedelta(days=92)))
    assert not admissible(candidate(available_from=SEPT), offer(start=SEPT + dt.timedelta(days=93)))


def test_a_different_rhythm_is_not_admissible_unless_a_side_is_open():
    assert not admissible(candidate(rhythm="1s/3s"), offer(rhythm="2s/2s"))
    assert admissible(candidate(rhythm="1s/3s"), offer(rhythm="1s/3s"))
    assert admissible(candidate(rhythm=""), offer(rhythm="2s/2s"))


def test_an_offer_needing_a_car_or_a_skill_refuses_a_candidate_without():
    assert not admissible(candidate(has_car=False), offer(needs_car=True))
    assert admissible(candidate(has_car=True), offer(needs_car=True))
    assert not admissible(candidate(skills=frozenset({"cao"})), offer(required_skills=frozenset({"caces"})))
    assert admissible(
        candidate(skills=frozenset({"caces", "cao"})), offer(required_skills=frozenset({"caces"}))
    )


def test_an_offer_without_a_place_or_a_free_tutor_is_not_admissible():
    assert not admissible(candidate(), offer(places=0))
    assert not admissible(candidate(), offer(places=3, tutor_capacity=0))
    assert offer(places=3, tutor_capacity=2).capacity == 2


# The score


def test_the_score_rewards_the_trade_skills_proximity_rank_and_rating():
    plain = score(candidate(), offer())
    assert score(candidate(trade="H2903"), offer(trade="H2903")) > plain
    assert score(candidate(skills=frozenset({"cao"})), offer(skills=frozenset({"cao"}))) > plain
    lat, lon = north_of_clermont(30)
    assert score(candidate(), offer(lat=lat, lon=lon)) < plain
    assert score(candidate(has_car=False), offer(lat=lat, lon=lon)) < score(
        candidate(), offer(lat=lat, lon=lon)
    )
    assert (
        score(candidate(preferences=(10,)), offer()) > score(candidate(preferences=(11, 10)), offer()) > plain
    )
    assert score(candidate(), offer(ratings={1: 5})) > plain > score(candidate(), offer(ratings={1: 1}))


@settings(max_examples=50, deadline=None)
@given(st.integers(0, 10**6))
def test_the_vectorised_pairs_are_the_admissible_pairs_with_their_scores(seed):
    candidates, offers = small_market(seed, n_candidates=8, n_offers=6)
    pairs = admissible_pairs(candidates, offers)
    expected = {
        (i, j): score(c, o)
        for i, c in enumerate(candidates)
        for j, o in enumerate(offers)
        if admissible(c, o)
    }
    got = dict(
        zip(
            zip(pairs.candidate.tolist(), pairs.offer.tolist(), strict=True),
            pairs.score.tolist(),
            strict=True,
        )
    )
    assert got.keys() == expected.keys()
    assert all(got[k] == pytest.approx(expected[k], abs=1e-9) for k in expected)


# The assignments


def brute_force_best(candidates: list[Candidate], offers: list[Offer]) -> float:
    choices = [[None] + [o for o in offers if admissible(c, o)] for c in candidates]
    best = 0.0
    for pick in itertools.product(*choices):
        taken = Counter(o.id for o in pick if o is not None)
        if any(taken[o.id] > o.capacity for o in offers):
            continue
        best = max(best, sum(score(c, o) for c, o in zip(candidates, pick, strict=True) if o is not None))
    return best


@pytest.mark.parametrize("seed", range(40))
def test_the_optimal_assignment_matches_brute_force(seed):
    rng = random.Random(seed)
    candidates, offers = small_market(seed, n_candidates=rng.randint(1, 6), n_offers=rng.randint(1, 4))
    result = optimal(candidates, offers)
    if result.reason is None:
        assert_places_respected(result, candidates, offers)
    assert result.total_score == pytest.approx(brute_force_best(candidates, offers), abs=1e-4)


def test_the_optimal_assignment_gives_up_the_best_pair_when_two_good_ones_are_worth_more():
    # Both candidates like offer 10 best; only the first can also go to 11.
    near = north_of_clermont(1)
    far = north_of_clermont(20)
    candidates = [
        candidate(id=1, lat=near[0], lon=near[1]),
        candidate(id=2, lat=near[0], lon=near[1], max_km=5),
    ]
    offers = [offer(id=10, lat=near[0], lon=near[1]), offer(id=11, lat=far[0], lon=far[1])]
    assert optimal(candidates, offers).assignments == {1: 11, 2: 10}
    assert greedy(candidates, offers).placed == 1


@settings(max_examples=50, deadline=None)
@given(st.integers(0, 10**6))
def test_every_algorithm_respects_places_and_optimal_beats_greedy(seed):
    candidates, offers = small_market(seed, n_candidates=12, n_offers=5)
    results = {f.__name__: f(candidates, offers) for f in ALGORITHMS}
    for result in results.values():
        if result.reason is None:
            assert_places_respected(result, candidates, offers)
    assert results["optimal"].total_score >= results["greedy"].total_score - 1e-4
    assert results["optimal"].total_score >= results["deferred_acceptance"].total_score - 1e-4


def test_an_offer_takes_no_more_candidates_than_its_tutors_can_follow():
    candidates = [candidate(id=i) for i in range(1, 5)]
    offers = [offer(places=3, tutor_capacity=2)]
    for algorithm in ALGORITHMS:
        assert algorithm(candidates, offers).placed == 2


def naive_blocking(candidates, offers, assignments, pairs) -> set[tuple[int, int]]:
    """The definition, pair by pair."""
    scores = {
        (candidates[i].id, offers[j].id): s
        for i, j, s in zip(pairs.candidate.tolist(), pairs.offer.tolist(), pairs.score.tolist(), strict=True)
    }

    def candidate_key(c, offer_id):
        rank = c.preferences.index(offer_id) if offer_id in c.preferences else UNRANKED
        return (rank, -scores[c.id, offer_id], offer_id)

    def offer_key(o, c):
        return (-o.ratings.get(c.id, 3), -scores[c.id, o.id], c.id)

    held = {o.id: [c for c in candidates if assignments.get(c.id) == o.id] for o in offers}
    found = set()
    for c in candidates:
        for o in offers:
            if (c.id, o.id) not in scores:
                continue
            current = assignments.get(c.id)
            if current is not None and candidate_key(c, o.id) >= candidate_key(c, current):
                continue
            if len(held[o.id]) < o.capacity or any(offer_key(o, c) < offer_key(o, h) for h in held[o.id]):
                found.add((c.id, o.id))
    return found


@settings(max_examples=50, deadline=None)
@given(st.integers(0, 10**6))
def test_deferred_acceptance_leaves_no_blocking_pair(seed):
    candidates, offers = small_market(seed, n_candidates=12, n_offers=5)
    result = deferred_acceptance(candidates, offers)
    pairs = admissible_pairs(candidates, offers)
    assert result.blocking_pairs == []
    assert naive_blocking(candidates, offers, result.assignments, pairs) == set()


@settings(max_examples=50, deadline=None)
@given(st.integers(0, 10**6))
def test_the_blocking_pairs_found_are_those_of_the_definition(seed):
    candidates, offers = small_market(seed, n_candidates=12, n_offers=5)
    pairs = admissible_pairs(candidates, offers)
    for algorithm in (optimal, greedy):
        result = algorithm(candidates, offers, pairs=pairs)
        expected = naive_blocking(candidates, offers, result.assignments, pairs)
        assert set(result.blocking_pairs) == expected
        assert set(blocking_pairs(result.assignments, pairs=pairs)) == expected


def test_an_unplaced_candidate_and_an_offer_with_a_free_place_block():
    candidates = [candidate(id=1), candidate(id=2)]
    offers = [offer(id=10, places=2)]
    pairs = admissible_pairs(candidates, offers)
    assert blocking_pairs({1: 10}, pairs=pairs) == [(2, 10)]
    assert blocking_pairs({1: 10, 2: 10}, pairs=pairs) == []


def test_deferred_acceptance_follows_the_candidates_ranking_and_the_companys_rating():
    # Both rank offer 11 first though 10 scores higher; offer 11 has one place and rated candidate 2 higher.
    candidates = [candidate(id=1, preferences=(11, 10)), candidate(id=2, preferences=(11,))]
    offers = [offer(id=10), offer(id=11, lon=CLERMONT[1] + 0.3, ratings={1: 2, 2: 4})]
    assert deferred_acceptance(candidates, offers).assignments == {2: 11, 1: 10}


def test_an_inadmissible_assignment_has_no_blocking_pairs_to_count():
    candidates = [candidate(id=1, course="RNCP2")]
    offers = [offer(id=10)]
    pairs = admissible_pairs(candidates, offers)
    with pytest.raises(ValueError):
        blocking_pairs({1: 10}, pairs=pairs)


# A coordinator's adjustments


def test_an_adjusted_assignment_is_rechecked_against_the_hard_constraints():
    candidates = [candidate(id=1), candidate(id=2), candidate(id=3, course="RNCP2")]
    offers = [offer(id=10, places=1)]
    assert assignment_problems({1: 10}, candidates, offers) == []
    assert assignment_problems({1: 10, 2: 10}, candidates, offers) == [
        (1, "over_capacity"),
        (2, "over_capacity"),
    ]
    assert assignment_problems({3: 10, 4: 10, 1: 11}, candidates, offers) == [
        (3, "not_admissible"),
        (4, "unknown_candidate"),
        (1, "unknown_offer"),
    ]


def test_an_adjusted_assignment_is_assessed_like_the_computed_ones():
    candidates, offers = small_market(7, n_candidates=12, n_offers=5)
    pairs = admissible_pairs(candidates, offers)
    computed = optimal(candidates, offers, pairs=pairs)
    moved = dict(list(computed.assignments.items())[1:])
    manual = assess(moved, pairs=pairs)
    assert (manual.algorithm, manual.placed) == ("manual", computed.placed - 1)
    assert manual.total_score < computed.total_score
    assert set(manual.blocking_pairs) == naive_blocking(candidates, offers, moved, pairs)


# Empty inputs


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_a_matching_without_candidates_or_places_says_so(algorithm):
    assert algorithm([], [offer()]).reason == "no_candidates"
    assert algorithm([candidate()], []).reason == "no_places"
    assert (
        algorithm([candidate()], [offer(places=0), offer(id=11, places=2, tutor_capacity=0)]).reason
        == "no_places"
    )
    result = algorithm([candidate(course="RNCP2")], [offer()])
    assert (result.reason, result.assignments, result.placed, result.total_score) == (
        "no_admissible_pair",
        {},
        0,
        0.0,
    )
    assert algorithm([candidate()], [offer()]).reason is None
