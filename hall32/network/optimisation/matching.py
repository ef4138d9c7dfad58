"""Assigning unplaced candidates to apprenticeship offers: optimal, greedy, deferred acceptance.

Plain Python, no ORM: the service loads Candidates and Offers, calls `optimal`, `greedy` or
`deferred_acceptance` on their admissible pairs (pairs.py), words a Result's `reason` in French and
stores the assignments.

Preferences are strict orders. A candidate ranks the offers it named, in its order, then its other
admissible offers by score. An offer ranks candidates by the company's rating after meeting them
(unrated counts as the middle mark, 3), then by score. Ties go to the smaller id.

A blocking pair is an admissible pair (c, o) where c prefers o to what it got (or got nothing) and
o has a free place or prefers c to the worst candidate it holds. Candidate-proposing deferred
acceptance (as Affelnet) leaves none; the optimal assignment trades some stability for score.
"""

from __future__ import annotations

import heapq
import time
from collections.abc import Mapping, Sequence

import numpy as np
from ortools.graph.python import min_cost_flow

from hall32.network.optimisation.pairs import (
    RULES,
    UNRANKED,
    WEIGHTS,
    Candidate,
    Offer,
    Pairs,
    Result,
    Rules,
    Weights,
    admissible,
    admissible_pairs,
)

# Min-cost flow wants integer costs: scores are kept to the micro-point, far below any weight.
COST_SCALE = 1_000_000


def _empty_reason(candidates: Sequence[Candidate], offers: Sequence[Offer], pairs: Pairs) -> str | None:
    if not candidates:
        return "no_candidates"
    if not any(o.capacity > 0 for o in offers):
        return "no_places"
    if not len(pairs):
        return "no_admissible_pair"
    return None


def _result(algorithm: str, pairs: Pairs, chosen: np.ndarray, started: float) -> Result:
    chosen = np.asarray(chosen, dtype=np.int64)
    assignments = {
        pairs.candidates[i].id: pairs.offers[j].id
        for i, j in zip(pairs.candidate[chosen].tolist(), pairs.offer[chosen].tolist(), strict=True)
    }
    return Result(
        algorithm=algorithm,
        assignments=assignments,
        total_score=float(pairs.score[chosen].sum()),
        placed=len(assignments),
        blocking_pairs=_blocking(pairs, chosen),
        seconds=time.perf_counter() - started,
    )


def _prepare(
    algorithm: str,
    candidates: Sequence[Candidate],
    offers: Sequence[Offer],
    rules: Rules,
    weights: Weights,
    pairs: Pairs | None,
) -> tuple[Pairs, Result | None]:
    if pairs is None:
        pairs = admissible_pairs(candidates, offers, rules=rules, weights=weights)
    reason = _empty_reason(candidates, offers, pairs)
    if reason is None:
        return pairs, None
    return pairs, Result(algorithm, {}, 0.0, 0, [], 0.0, reason=reason)


def optimal(
    candidates: Sequence[Candidate],
    offers: Sequence[Offer],
    *,
    rules: Rules = RULES,
    weights: Weights = WEIGHTS,
    pairs: Pairs | None = None,
) -> Result:
    """The maximum total score with places respected, as a min-cost flow: one unit from each
    candidate, to an offer (cost: minus the score) or straight to the sink (unplaced, cost 0), each
    offer passing at most its capacity on to the sink."""
    started = time.perf_counter()
    pairs, empty = _prepare("optimal", candidates, offers, rules, weights, pairs)
    if empty is not None:
        return empty
    n, m, size = len(candidates), len(offers), len(pairs)
    sink = n + m
    flow = min_cost_flow.SimpleMinCostFlow()
    tails = np.concatenate((pairs.candidate, np.arange(n), n + np.arange(m)))
    heads = np.concatenate((n + pairs.offer, np.full(n, sink), np.full(m, sink)))
    capacities = np.concatenate((np.ones(size + n, dtype=np.int64), pairs.capacity))
    costs = np.concatenate((-np.rint(pairs.score * COST_SCALE), np.zeros(n + m))).astype(np.int64)
    flow.add_arcs_with_capacity_and_unit_cost(tails, heads, capacities, costs)
    flow.set_nodes_supplies(np.arange(n + 1), np.concatenate((np.ones(n), [0])).astype(np.int64))
    flow.set_node_supply(sink, -n)
    status = flow.solve()
    if status != flow.OPTIMAL:  # cannot happen: every candidate may stay unplaced
        raise RuntimeError(f"min-cost flow ended with status {status}")
    chosen = np.flatnonzero(flow.flows(np.arange(size)) > 0)
    return _result("optimal", pairs, chosen, started)


def greedy(
    candidates: Sequence[Candidate],
    offers: Sequence[Offer],
    *,
    rules: Rules = RULES,
    weights: Weights = WEIGHTS,
    pairs: Pairs | None = None,
) -> Result:
    """Best pair first (ties: smaller candidate, then offer index): the baseline."""
    started = time.perf_counter()
    pairs, empty = _prepare("greedy", candidates, offers, rules, weights, pairs)
    if empty is not None:
        return empty
    order = np.lexsort((pairs.offer, pairs.candidate, -pairs.score)).tolist()
    candidate, offer = pairs.candidate.tolist(), pairs.offer.tolist()
    free = pairs.capacity.tolist()
    placed = bytearray(len(candidates))
    places_left, unplaced = sum(free), len(candidates)
    chosen = []
    for p in order:
        c, o = candidate[p], offer[p]
        if placed[c] or not free[o]:
            continue
        placed[c] = 1
        free[o] -= 1
        chosen.append(p)
        places_left -= 1
        unplaced -= 1
        if not places_left or not unplaced:
            break
    return _result("greedy", pairs, np.array(chosen, dtype=np.int64), started)


def deferred_acceptance(
    candidates: Sequence[Candidate],
    offers: Sequence[Offer],
    *,
    rules: Rules = RULES,
    weights: Weights = WEIGHTS,
    pairs: Pairs | None = None,
) -> Result:
    """Candidate-proposing deferred acceptance: each free candidate proposes to its next offer;
    an offer holds up to its capacity of the best candidates proposed so far and releases the
    worst when a better one comes. Stable: no blocking pair."""
    started = time.perf_counter()
    pairs, empty = _prepare("deferred_acceptance", candidates, offers, rules, weights, pairs)
    if empty is not None:
        return empty
    prefs = pairs.preferences
    by_candidate = prefs.by_candidate.tolist()
    ends = prefs.candidate_start[1:].tolist()
    following = prefs.candidate_start[:-1].tolist()
    standing = prefs.offer_position.tolist()
    candidate, offer = pairs.candidate.tolist(), pairs.offer.tolist()
    capacity = pairs.capacity.tolist()
    # Per offer a heap of (-its position for the offer, pair): the worst held candidate on top.
    held: list[list[tuple[int, int]]] = [[] for _ in offers]
    free = list(range(len(candidates) - 1, -1, -1))
    while free:
        c = free.pop()
        while following[c] < ends[c]:
            p = by_candidate[following[c]]
            following[c] += 1
            heap = held[offer[p]]
            if len(heap) < capacity[offer[p]]:
                heapq.heappush(heap, (-standing[p], p))
                break
            if -heap[0][0] > standing[p]:
                _, released = heapq.heapreplace(heap, (-standing[p], p))
                free.append(candidate[released])
                break
    chosen = np.array(sorted(p for heap in held for _, p in heap), dtype=np.int64)
    return _result("deferred_acceptance", pairs, chosen, started)


def _blocking(pairs: Pairs, chosen: np.ndarray) -> list[tuple[int, int]]:
    n, m = len(pairs.candidates), len(pairs.offers)
    prefs = pairs.preferences
    current = np.full(n, UNRANKED, dtype=np.int64)
    current[pairs.candidate[chosen]] = prefs.candidate_position[chosen]
    worst = np.full(m, -1, dtype=np.int64)
    np.maximum.at(worst, pairs.offer[chosen], prefs.offer_position[chosen])
    held = np.bincount(pairs.offer[chosen], minlength=m)
    has_room = held < pairs.capacity
    blocking = (prefs.candidate_position < current[pairs.candidate]) & (
        has_room[pairs.offer] | (prefs.offer_position < worst[pairs.offer])
    )
    ids_c = [c.id for c in pairs.candidates]
    ids_o = [o.id for o in pairs.offers]
    found = np.flatnonzero(blocking)
    return [
        (ids_c[i], ids_o[j])
        for i, j in zip(pairs.candidate[found].tolist(), pairs.offer[found].tolist(), strict=True)
    ]


def blocking_pairs(assignments: Mapping[int, int], *, pairs: Pairs) -> list[tuple[int, int]]:
    """The blocking pairs of any assignment (a coordinator's adjusted one too), vectorised.
    Raises ValueError on an inadmissible assignment: check it first."""
    return assess(assignments, pairs=pairs).blocking_pairs


def assignment_problems(
    assignments: Mapping[int, int],
    candidates: Sequence[Candidate],
    offers: Sequence[Offer],
    *,
    rules: Rules = RULES,
) -> list[tuple[int, str]]:
    """The hard constraints re-checked on an assignment adjusted by hand: (candidate id, code) with
    code "unknown_candidate", "unknown_offer", "not_admissible" or "over_capacity" (every candidate
    of an offer holding more than its capacity). Empty when the assignment may stand."""
    people = {c.id: c for c in candidates}
    by_id = {o.id: o for o in offers}
    problems: list[tuple[int, str]] = []
    taken: dict[int, list[int]] = {}
    for candidate_id, offer_id in assignments.items():
        if candidate_id not in people:
            problems.append((candidate_id, "unknown_candidate"))
        elif offer_id not in by_id:
            problems.append((candidate_id, "unknown_offer"))
        elif not admissible(people[candidate_id], by_id[offer_id], rules=rules):
            problems.append((candidate_id, "not_admissible"))
        else:
            taken.setdefault(offer_id, []).append(candidate_id)
    for offer_id, held in taken.items():
        if len(held) > by_id[offer_id].capacity:
            problems.extend((candidate_id, "over_capacity") for candidate_id in held)
    return problems


def assess(assignments: Mapping[int, int], *, pairs: Pairs, algorithm: str = "manual") -> Result:
    """Total, number placed and blocking pairs of an assignment that passed `assignment_problems`
    (the coordinator's, beside the computed ones)."""
    started = time.perf_counter()
    candidate_at = {c.id: i for i, c in enumerate(pairs.candidates)}
    offer_at = {o.id: j for j, o in enumerate(pairs.offers)}
    items = list(assignments.items())
    ci = np.array([candidate_at[c] for c, _ in items], dtype=np.int64)
    oj = np.array([offer_at[o] for _, o in items], dtype=np.int64)
    chosen = pairs.index(ci, oj)
    if (chosen < 0).any():
        raise ValueError("an assignment is not an admissible pair")
    return _result(algorithm, pairs, chosen, started)
