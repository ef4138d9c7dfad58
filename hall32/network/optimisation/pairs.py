"""Admissible pairs of unplaced candidates and apprenticeship offers, and their scores.

Plain Python, no ORM. A pair (candidate, offer) is admissible when it passes every hard filter
(`admissible`): the same course, the offer starting between the candidate's availability and
`Rules.start_window_days` later, the same rhythm (or either side open), the age rule (a candidate
under `Rules.adult_age` on the offer's start date, or of unknown birth date, cannot take an
adults-only offer), the offer's requirements (a car, required skills), a commute within both the
candidate's `max_km` and `Rules.max_km`, and at least one place. Each admissible pair has a score
(`score`, weights in `Weights`). An offer takes at most `Offer.capacity` candidates: its places, or
fewer if its tutors cannot follow more. `admissible_pairs` computes every pair at once (numpy, a
k-d tree per course) with each side's preference positions; matching.py assigns them.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
from numpy.typing import ArrayLike
from scipy.spatial import cKDTree

EARTH_KM = 6371.0088
# Sorts after every real rank: an offer the candidate did not name.
UNRANKED = 1 << 30
NEUTRAL_RATING = 3


@dataclass(frozen=True)
class Candidate:
    id: int
    course: str  # RNCP code of the course the candidate is admitted to
    available_from: dt.date
    trade: str = ""  # ROME code of the trade sought; "" for any
    birth_date: dt.date | None = None
    rhythm: str = ""  # alternation rhythm, "" for any
    lat: float | None = None
    lon: float | None = None
    has_car: bool = False
    max_km: float = 30.0
    skills: frozenset[str] = frozenset()
    preferences: tuple[int, ...] = ()  # offer ids, favourite first


@dataclass(frozen=True)
class Offer:
    id: int
    company_id: int
    course: str
    start: dt.date
    places: int
    trade: str = ""
    tutor_capacity: int | None = None  # apprentices the tutors can follow; None: no limit
    rhythm: str = ""
    lat: float | None = None
    lon: float | None = None
    adults_only: bool = False
    needs_car: bool = False
    required_skills: frozenset[str] = frozenset()
    skills: frozenset[str] = frozenset()  # wanted, not required: they raise the score
    ratings: Mapping[int, int] = field(
        default_factory=dict, hash=False
    )  # candidate id -> 1..5, after meeting

    @property
    def capacity(self) -> int:
        limit = self.places if self.tutor_capacity is None else min(self.places, self.tutor_capacity)
        return max(0, limit)


@dataclass(frozen=True)
class Rules:
    """The hard filters' limits."""

    max_km: float = 60.0  # no commute beyond this, whatever the candidate accepts
    start_window_days: int = 92  # the offer starts at most this long after the candidate is free
    adult_age: int = 18


@dataclass(frozen=True)
class Weights:
    """The score of an admissible pair, in points. With these defaults it lies between 2 and 25: it
    stays positive, so leaving a candidate unplaced never raises the total."""

    base: float = 12.0  # every admissible pair
    trade: float = 2.0  # the offer's trade is the one the candidate seeks
    skills: float = 3.0  # times the share of the offer's wanted skills the candidate has
    distance: float = 4.0  # lost per Rules.max_km of commute, for a candidate with a car
    no_car: float = 1.5  # the distance penalty is multiplied by this without a car
    unknown_km: float = 30.0  # the commute assumed when either side has no coordinates
    rank: float = 4.0  # the candidate's first choice; the r-th of k named gets (k - r + 1) / k of it
    rating: float = 4.0  # a company's 5 adds this, its 1 removes it, 3 or no rating is neutral


RULES = Rules()
WEIGHTS = Weights()


@dataclass
class Result:
    algorithm: str
    assignments: dict[int, int]  # candidate id -> offer id
    total_score: float
    placed: int
    blocking_pairs: list[tuple[int, int]]  # (candidate id, offer id)
    seconds: float  # scoring included when the pairs were not given
    reason: str | None = None  # "no_candidates", "no_places", "no_admissible_pair" when empty


def haversine_km(lat1: ArrayLike, lon1: ArrayLike, lat2: ArrayLike, lon2: ArrayLike) -> Any:
    """Great-circle distance; floats or numpy arrays."""
    phi1, phi2 = np.radians(lat1), np.radians(lat2)
    half_dphi = (phi2 - phi1) / 2
    half_dlambda = np.radians(np.asarray(lon2) - np.asarray(lon1)) / 2
    a = np.sin(half_dphi) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin(half_dlambda) ** 2
    return 2 * EARTH_KM * np.arcsin(np.sqrt(np.minimum(a, 1.0)))


def distance_km(candidate: Candidate, offer: Offer) -> float | None:
    if candidate.lat is None or candidate.lon is None or offer.lat is None or offer.lon is None:
        return None
    return float(haversine_km(candidate.lat, candidate.lon, offer.lat, offer.lon))


def _adult_from(birth_date: dt.date, age: int) -> dt.date:
    try:
        return birth_date.replace(year=birth_date.year + age)
    except ValueError:  # born on 29 February: of age on 1 March
        return dt.date(birth_date.year + age, 3, 1)


def admissible(candidate: Candidate, offer: Offer, *, rules: Rules = RULES) -> bool:
    """Every hard filter (see the module's docstring)."""
    if offer.capacity <= 0 or candidate.course != offer.course:
        return False
    window = dt.timedelta(days=rules.start_window_days)
    if not candidate.available_from <= offer.start <= candidate.available_from + window:
        return False
    if candidate.rhythm and offer.rhythm and candidate.rhythm != offer.rhythm:
        return False
    if offer.adults_only and (
        candidate.birth_date is None or _adult_from(candidate.birth_date, rules.adult_age) > offer.start
    ):
        return False
    if offer.needs_car and not candidate.has_car:
        return False
    if not offer.required_skills <= candidate.skills:
        return False
    km = distance_km(candidate, offer)
    return km is None or km <= min(candidate.max_km, rules.max_km)


def score(candidate: Candidate, offer: Offer, *, rules: Rules = RULES, weights: Weights = WEIGHTS) -> float:
    """The compatibility of an admissible pair (see Weights)."""
    trade = 1.0 if candidate.trade and candidate.trade == offer.trade else 0.0
    overlap = len(candidate.skills & offer.skills) / len(offer.skills) if offer.skills else 0.0
    km = distance_km(candidate, offer)
    km = weights.unknown_km if km is None else km
    mobility = 1.0 if candidate.has_car else weights.no_car
    if offer.id in candidate.preferences:
        k = len(candidate.preferences)
        rank = (k - candidate.preferences.index(offer.id)) / k
    else:
        rank = 0.0
    rating = offer.ratings.get(candidate.id, NEUTRAL_RATING)
    return (
        weights.base
        + weights.trade * trade
        + weights.skills * overlap
        - weights.distance * (km / rules.max_km) * mobility
        + weights.rank * rank
        + weights.rating * ((rating - NEUTRAL_RATING) / 2)
    )


@dataclass(frozen=True)
class Preferences:
    by_candidate: np.ndarray  # pair indices, by candidate then from its favourite down
    candidate_start: np.ndarray  # candidate i's pairs are by_candidate[start[i]:start[i + 1]]
    candidate_position: np.ndarray  # per pair: where the offer stands in the candidate's order
    offer_position: np.ndarray  # per pair: where the candidate stands in the offer's order


@dataclass(frozen=True)
class Pairs:
    """The admissible pairs, as indices into the candidates and offers, sorted by (candidate,
    offer), with their scores."""

    candidates: Sequence[Candidate]
    offers: Sequence[Offer]
    candidate: np.ndarray
    offer: np.ndarray
    score: np.ndarray
    rank: np.ndarray  # the offer's place in the candidate's list, UNRANKED if not named
    rating: np.ndarray  # the company's rating of the candidate, NEUTRAL_RATING if none
    capacity: np.ndarray  # per offer
    seconds: float

    def __len__(self) -> int:
        return len(self.candidate)

    @cached_property
    def preferences(self) -> Preferences:
        n, m = len(self.candidates), len(self.offers)
        offer_ids = np.array([o.id for o in self.offers], dtype=np.int64)
        candidate_ids = np.array([c.id for c in self.candidates], dtype=np.int64)
        by_candidate = np.lexsort((offer_ids[self.offer], -self.score, self.rank, self.candidate))
        candidate_start = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(self.candidate, minlength=n), out=candidate_start[1:])
        candidate_position = np.empty(len(self), dtype=np.int64)
        candidate_position[by_candidate] = (
            np.arange(len(self)) - candidate_start[self.candidate[by_candidate]]
        )
        by_offer = np.lexsort((candidate_ids[self.candidate], -self.score, -self.rating, self.offer))
        offer_start = np.zeros(m + 1, dtype=np.int64)
        np.cumsum(np.bincount(self.offer, minlength=m), out=offer_start[1:])
        offer_position = np.empty(len(self), dtype=np.int64)
        offer_position[by_offer] = np.arange(len(self)) - offer_start[self.offer[by_offer]]
        return Preferences(by_candidate, candidate_start, candidate_position, offer_position)

    def index(self, candidate: np.ndarray, offer: np.ndarray) -> np.ndarray:
        """The pair indices of (candidate, offer) index pairs; -1 where not admissible."""
        m = max(len(self.offers), 1)
        keys = self.candidate * m + self.offer  # sorted, as the pairs are
        wanted = np.asarray(candidate, dtype=np.int64) * m + np.asarray(offer, dtype=np.int64)
        found = np.searchsorted(keys, wanted)
        found = np.minimum(found, max(len(keys) - 1, 0))
        hit = (keys[found] == wanted) if len(keys) else np.zeros(len(wanted), dtype=bool)
        return np.where(hit, found, -1)


def _unit_vectors(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    phi, lam = np.radians(lat), np.radians(lon)
    return np.column_stack((np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)))


def _codes(values: Sequence[str], table: dict[str, int]) -> np.ndarray:
    """Strings as integers, "" as 0, the same string the same code on both sides."""
    return np.array([table.setdefault(v, len(table)) if v else 0 for v in values], dtype=np.int64)


def _masks(sets: Sequence[frozenset[str]], table: dict[str, int], words: int) -> np.ndarray:
    masks = np.zeros((len(sets), words), dtype=np.uint64)
    for row, skills in enumerate(sets):
        for skill in skills:
            bit = table[skill]
            masks[row, bit >> 6] |= np.uint64(1) << np.uint64(bit & 63)
    return masks


def _coordinates(items: Sequence[Candidate] | Sequence[Offer]) -> tuple[np.ndarray, np.ndarray]:
    lat = np.array([x.lat if x.lat is not None and x.lon is not None else np.nan for x in items], dtype=float)
    lon = np.array([x.lon if x.lat is not None and x.lon is not None else np.nan for x in items], dtype=float)
    return lat, lon


def _nearby(
    candidate_index: np.ndarray,
    offer_index: np.ndarray,
    c_lat: np.ndarray,
    c_lon: np.ndarray,
    o_lat: np.ndarray,
    o_lon: np.ndarray,
    max_km: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Candidate and offer indices of one course that may be within max_km: both sides with
    coordinates through a k-d tree of unit vectors, and every pair where a side has none."""
    c_known = ~np.isnan(c_lat[candidate_index])
    o_known = ~np.isnan(o_lat[offer_index])
    with_c, without_c = candidate_index[c_known], candidate_index[~c_known]
    with_o, without_o = offer_index[o_known], offer_index[~o_known]
    parts_c, parts_o = [], []
    if len(with_c) and len(with_o):
        # The chord of the cap, a hair wider: the exact haversine filter comes after.
        chord = 2 * np.sin(max_km / (2 * EARTH_KM)) * (1 + 1e-9)
        tree_c = cKDTree(_unit_vectors(c_lat[with_c], c_lon[with_c]))
        tree_o = cKDTree(_unit_vectors(o_lat[with_o], o_lon[with_o]))
        close = tree_c.sparse_distance_matrix(tree_o, chord, output_type="ndarray")
        parts_c.append(with_c[close["i"]])
        parts_o.append(with_o[close["j"]])
    for side_c, side_o in ((with_c, without_o), (without_c, with_o), (without_c, without_o)):
        if len(side_c) and len(side_o):
            parts_c.append(np.repeat(side_c, len(side_o)))
            parts_o.append(np.tile(side_o, len(side_c)))
    if not parts_c:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    return np.concatenate(parts_c).astype(np.int64), np.concatenate(parts_o).astype(np.int64)


def admissible_pairs(
    candidates: Sequence[Candidate],
    offers: Sequence[Offer],
    *,
    rules: Rules = RULES,
    weights: Weights = WEIGHTS,
) -> Pairs:
    """Every admissible pair and its score, vectorised: the same answers as `admissible` and
    `score`, pair by pair, for 20,000 candidates in about a second."""
    started = time.perf_counter()
    m = len(offers)
    capacity = np.array([o.capacity for o in offers], dtype=np.int64)
    c_lat, c_lon = _coordinates(candidates)
    o_lat, o_lon = _coordinates(offers)

    by_course: dict[str, list[int]] = {}
    for j, o in enumerate(offers):
        if o.capacity > 0:
            by_course.setdefault(o.course, []).append(j)
    candidates_by_course: dict[str, list[int]] = {}
    for i, c in enumerate(candidates):
        if c.course in by_course:
            candidates_by_course.setdefault(c.course, []).append(i)
    parts = [
        _nearby(np.array(ci), np.array(by_course[course]), c_lat, c_lon, o_lat, o_lon, rules.max_km)
        for course, ci in candidates_by_course.items()
    ]
    ci = np.concatenate([p[0] for p in parts]) if parts else np.empty(0, dtype=np.int64)
    oj = np.concatenate([p[1] for p in parts]) if parts else np.empty(0, dtype=np.int64)

    available = np.array([c.available_from.toordinal() for c in candidates], dtype=np.int64)
    start = np.array([o.start.toordinal() for o in offers], dtype=np.int64)
    rhythms: dict[str, int] = {"": 0}
    c_rhythm = _codes([c.rhythm for c in candidates], rhythms)
    o_rhythm = _codes([o.rhythm for o in offers], rhythms)
    adult_from = np.array(
        [
            UNRANKED if c.birth_date is None else _adult_from(c.birth_date, rules.adult_age).toordinal()
            for c in candidates
        ],
        dtype=np.int64,
    )
    adults_only = np.array([o.adults_only for o in offers], dtype=bool)
    needs_car = np.array([o.needs_car for o in offers], dtype=bool)
    has_car = np.array([c.has_car for c in candidates], dtype=bool)
    c_max = np.array([c.max_km for c in candidates], dtype=float)
    skill_table: dict[str, int] = {}
    for skills in [c.skills for c in candidates] + [o.skills | o.required_skills for o in offers]:
        for skill in skills:
            skill_table.setdefault(skill, len(skill_table))
    words = max(1, (len(skill_table) + 63) // 64)
    c_skills = _masks([c.skills for c in candidates], skill_table, words)
    o_required = _masks([o.required_skills for o in offers], skill_table, words)
    o_wanted = _masks([o.skills for o in offers], skill_table, words)

    keep = (start[oj] >= available[ci]) & (start[oj] <= available[ci] + rules.start_window_days)
    keep &= (c_rhythm[ci] == 0) | (o_rhythm[oj] == 0) | (c_rhythm[ci] == o_rhythm[oj])
    keep &= ~adults_only[oj] | (adult_from[ci] <= start[oj])
    keep &= ~needs_car[oj] | has_car[ci]
    keep &= ((o_required[oj] & ~c_skills[ci]) == 0).all(axis=1)
    km = haversine_km(c_lat[ci], c_lon[ci], o_lat[oj], o_lon[oj])
    known = ~np.isnan(km)
    keep &= ~known | (np.where(known, km, 0.0) <= np.minimum(c_max[ci], rules.max_km))
    ci, oj, km = ci[keep], oj[keep], km[keep]
    order = np.lexsort((oj, ci))
    ci, oj, km = ci[order], oj[order], km[order]

    trades: dict[str, int] = {"": 0}
    c_trade = _codes([c.trade for c in candidates], trades)
    o_trade = _codes([o.trade for o in offers], trades)
    trade = ((c_trade[ci] != 0) & (c_trade[ci] == o_trade[oj])).astype(float)
    wanted = np.bitwise_count(o_wanted[oj]).sum(axis=1)
    shared = np.bitwise_count(o_wanted[oj] & c_skills[ci]).sum(axis=1)
    overlap = np.where(wanted > 0, shared / np.maximum(wanted, 1), 0.0)
    km = np.where(np.isnan(km), weights.unknown_km, km)
    mobility = np.where(has_car[ci], 1.0, weights.no_car)

    offer_at = {o.id: j for j, o in enumerate(offers)}
    ranked_keys, ranked_values, ranked_lengths = [], [], []
    for i, c in enumerate(candidates):
        for r, offer_id in enumerate(c.preferences):
            if offer_id in offer_at:
                ranked_keys.append(i * m + offer_at[offer_id])
                ranked_values.append(r)
                ranked_lengths.append(len(c.preferences))
    rank = _lookup(ci * m + oj, ranked_keys, ranked_values, UNRANKED)
    lengths = _lookup(ci * m + oj, ranked_keys, ranked_lengths, 1)
    rank_share = np.where(rank == UNRANKED, 0.0, (lengths - rank) / lengths)
    candidate_at = {c.id: i for i, c in enumerate(candidates)}
    rated_keys, rated_values = [], []
    for j, o in enumerate(offers):
        for candidate_id, mark in o.ratings.items():
            if candidate_id in candidate_at:
                rated_keys.append(candidate_at[candidate_id] * m + j)
                rated_values.append(mark)
    rating = _lookup(ci * m + oj, rated_keys, rated_values, NEUTRAL_RATING)

    total = (
        weights.base
        + weights.trade * trade
        + weights.skills * overlap
        - weights.distance * (km / rules.max_km) * mobility
        + weights.rank * rank_share
        + weights.rating * ((rating - NEUTRAL_RATING) / 2)
    )
    return Pairs(
        candidates=candidates,
        offers=offers,
        candidate=ci,
        offer=oj,
        score=total.astype(float),
        rank=rank,
        rating=rating,
        capacity=capacity,
        seconds=time.perf_counter() - started,
    )


def _lookup(wanted: np.ndarray, keys: list[int], values: list[int], default: int) -> np.ndarray:
    if not keys:
        return np.full(len(wanted), default, dtype=np.int64)
    key_array = np.array(keys, dtype=np.int64)
    value_array = np.array(values, dtype=np.int64)
    order = np.argsort(key_array, kind="stable")
    key_array, value_array = key_array[order], value_array[order]
    found = np.minimum(np.searchsorted(key_array, wanted), len(key_array) - 1)
    return np.where(key_array[found] == wanted, value_array[found], default)
