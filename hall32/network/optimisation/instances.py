"""Random but plausible matching instances from a seed, for the benchmark and the tests: candidates
and offers spread within 150 km of Clermont-Ferrand, offers with several places each."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import random

import numpy as np

from hall32.network.optimisation.pairs import Candidate, Offer, admissible_pairs

CENTRE = (45.78, 3.08)  # Clermont-Ferrand
RADIUS_KM = 150.0
COURSES = ["RNCP35001", "RNCP35002", "RNCP35003", "RNCP35004", "RNCP35005", "RNCP35006"]
TRADES = ["H2903", "H2909", "I1304", "I1310", "H1203", "H2502", "H2913", "I1604"]
RHYTHMS = ["", "", "1s/3s", "2s/2s", "3j/2j"]
SKILLS = [f"skill{k:02d}" for k in range(24)]
SEPTEMBER = dt.date(2027, 9, 1)


def _place(rng: random.Random) -> tuple[float, float]:
    distance = RADIUS_KM * math.sqrt(rng.random())
    bearing = rng.uniform(0, 2 * math.pi)
    lat = CENTRE[0] + distance * math.cos(bearing) / 111.2
    lon = CENTRE[1] + distance * math.sin(bearing) / (111.2 * math.cos(math.radians(CENTRE[0])))
    return lat, lon


def market(
    n_candidates: int, *, seed: int = 32, places_ratio: float = 0.8
) -> tuple[list[Candidate], list[Offer]]:
    """`n_candidates` candidates and offers of 1 to 5 places (3 on average) adding up to about
    `places_ratio` of them. Candidates rank up to 5 of their admissible offers; each company rates
    a few of its admissible candidates."""
    rng = random.Random(f"matching:{seed}:{n_candidates}")
    candidates = []
    for i in range(n_candidates):
        lat, lon = _place(rng)
        has_car = rng.random() < 0.55
        age_days = rng.randint(15 * 365, 26 * 365)
        candidates.append(
            Candidate(
                id=i + 1,
                course=rng.choice(COURSES),
                trade=rng.choice(TRADES),
                available_from=SEPTEMBER + dt.timedelta(days=rng.randint(-30, 30)),
                birth_date=SEPTEMBER - dt.timedelta(days=age_days),
                rhythm=rng.choice(RHYTHMS),
                lat=lat,
                lon=lon,
                has_car=has_car,
                max_km=rng.uniform(30, 60) if has_car else rng.uniform(10, 30),
                skills=frozenset(rng.sample(SKILLS, rng.randint(0, 5))),
            )
        )
    offers: list[Offer] = []
    places_total = 0
    while places_total < places_ratio * n_candidates:
        lat, lon = _place(rng)
        places = rng.randint(1, 5)
        places_total += places
        offers.append(
            Offer(
                id=len(offers) + 1,
                company_id=rng.randint(1, max(1, n_candidates // 6)),
                course=rng.choice(COURSES),
                trade=rng.choice(TRADES),
                start=SEPTEMBER + dt.timedelta(days=rng.randint(0, 75)),
                places=places,
                tutor_capacity=rng.randint(1, 5) if rng.random() < 0.3 else None,
                rhythm=rng.choice(RHYTHMS),
                lat=lat,
                lon=lon,
                adults_only=rng.random() < 0.15,
                needs_car=rng.random() < 0.2,
                required_skills=frozenset(rng.sample(SKILLS, 1)) if rng.random() < 0.2 else frozenset(),
                skills=frozenset(rng.sample(SKILLS, rng.randint(0, 3))),
            )
        )
    pairs = admissible_pairs(candidates, offers)
    starts = np.searchsorted(pairs.candidate, np.arange(n_candidates + 1))
    offer_ids = [offers[j].id for j in pairs.offer.tolist()]
    ratings: dict[int, dict[int, int]] = {}
    for i, candidate in enumerate(candidates):
        reachable = offer_ids[starts[i] : starts[i + 1]]
        ranked = tuple(rng.sample(reachable, min(len(reachable), rng.randint(0, 5))))
        candidates[i] = dataclasses.replace(candidate, preferences=ranked)
        for offer_id in ranked[:2]:
            if rng.random() < 0.5:  # met the company, which gave a mark
                ratings.setdefault(offer_id, {})[candidate.id] = rng.randint(1, 5)
    offers = [dataclasses.replace(o, ratings=ratings.get(o.id, {})) for o in offers]
    return candidates, offers
