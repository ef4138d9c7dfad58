"""The open-day guides' rota: apprentices to tour departures, fairly, with SciPy (HiGHS MILP).

Each departure needs one guide per group of visitors; an apprentice guides only departures they
are available for, at most once each, and at most `max_tours` in all. Lexicographic objective:
first cover as many guide places as possible, then keep the busiest and the least busy guide as
close as possible (fairness), then prefer the apprentices who asked for fewer tours to do fewer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp


@dataclass(frozen=True)
class TourDeparture:
    id: int
    label: str
    guides_needed: int


@dataclass(frozen=True)
class Guide:
    id: int
    name: str
    available: frozenset[int]  # departure ids
    max_tours: int


@dataclass
class RotaProblem:
    departures: list[TourDeparture]
    guides: list[Guide]


@dataclass
class RotaResult:
    assignment: dict[int, list[int]] = field(default_factory=dict)  # departure -> guides
    shortfall: dict[int, int] = field(default_factory=dict)  # departure -> guides missing
    loads: dict[int, int] = field(default_factory=dict)  # guide -> tours

    @property
    def complete(self) -> bool:
        return not any(self.shortfall.values())

    def messages(self, problem: RotaProblem) -> list[str]:
        labels = {d.id: d.label for d in problem.departures}
        return [
            f"Départ {labels[d]} : il manque {n} guide{'s' if n > 1 else ''}."
            for d, n in sorted(self.shortfall.items())
            if n
        ]


def solve(problem: RotaProblem) -> RotaResult:
    pairs = [(g.id, d.id) for g in problem.guides for d in problem.departures if d.id in g.available]
    n_pairs, n_dep = len(pairs), len(problem.departures)
    if not problem.departures:
        return RotaResult()
    # Variables: y (one per available pair), shortfall per departure, then Lmax and Lmin.
    n = n_pairs + n_dep + 2
    i_max, i_min = n_pairs + n_dep, n_pairs + n_dep + 1
    big = 10 * (len(problem.guides) + 1) * (sum(d.guides_needed for d in problem.departures) + 1)
    cost = np.zeros(n)
    cost[n_pairs : n_pairs + n_dep] = big * 10
    cost[i_max], cost[i_min] = big / 10, -big / 10
    max_of = {g.id: max(1, g.max_tours) for g in problem.guides}
    for k, (g, _d) in enumerate(pairs):
        cost[k] = 1.0 / max_of[g]  # tie-break: spread by each guide's stated limit
    rows, lower, upper = [], [], []
    for j, d in enumerate(problem.departures):  # guides + shortfall == needed
        row = np.zeros(n)
        for k, (_g, dd) in enumerate(pairs):
            if dd == d.id:
                row[k] = 1
        row[n_pairs + j] = 1
        rows.append(row)
        lower.append(d.guides_needed)
        upper.append(d.guides_needed)
    for g in problem.guides:  # load <= max_tours, Lmin <= load <= Lmax (for guides with a slot)
        row = np.zeros(n)
        for k, (gg, _d) in enumerate(pairs):
            if gg == g.id:
                row[k] = 1
        if not row.any():
            continue
        rows.append(row.copy())
        lower.append(0)
        upper.append(g.max_tours)
        high = row.copy()
        high[i_max] = -1
        rows.append(high)
        lower.append(-np.inf)
        upper.append(0)
        low = row.copy()
        low[i_min] = -1
        rows.append(low)
        lower.append(0)
        upper.append(np.inf)
    integrality = np.ones(n)
    bounds = Bounds(np.zeros(n), np.concatenate([np.ones(n_pairs), np.full(n_dep + 2, np.inf)]))
    result = milp(
        cost,
        constraints=LinearConstraint(np.array(rows), lower, upper),
        integrality=integrality,
        bounds=bounds,
    )
    if result.x is None:  # cannot happen: all-shortfall is always feasible
        raise RuntimeError(f"rota solver failed: {result.message}")
    values = np.round(result.x).astype(int)
    rota = RotaResult()
    for k, (g, d) in enumerate(pairs):
        if values[k]:
            rota.assignment.setdefault(d, []).append(g)
            rota.loads[g] = rota.loads.get(g, 0) + 1
    for j, d in enumerate(problem.departures):
        rota.shortfall[d.id] = int(values[n_pairs + j])
    return rota
