"""Discrete-event simulation of a modular production line with SimPy (plain Python, no ORM).

A line is a list of stations (modules): each has a processing-time distribution, a number of
parallel units, an input buffer of limited or unlimited size, failures and repairs, and a setup
every `batch` parts. After a station, a part goes to the next one, or is routed by probabilities
(a small network: a branch, a rework loop), or leaves. A unit that has finished a part holds it
while the next buffer is full (blocking after service). Parts arrive by a distribution, or the
first station is never starved (saturated line).

Times are in minutes. `simulate` runs one replication; `run` runs several with independent seeds
and gives each figure with a 95 % confidence interval; `improve` finds the cheapest set of extra
units that reaches a target throughput.
"""

from __future__ import annotations

import itertools
import math
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from statistics import fmean, stdev

import numpy as np
import simpy
from scipy import stats

DISTRIBUTIONS: dict[str, tuple[str, ...]] = {
    "deterministic": ("value",),
    "exponential": ("mean",),
    "uniform": ("low", "high"),
    "triangular": ("low", "mode", "high"),
    "normal": ("mean", "sd"),
    "lognormal": ("mean", "sd"),
}


@dataclass(frozen=True)
class Distribution:
    kind: str
    params: tuple[float, ...]

    @property
    def mean(self) -> float:
        p = self.params
        if self.kind == "uniform":
            return (p[0] + p[1]) / 2
        if self.kind == "triangular":
            return (p[0] + p[1] + p[2]) / 3
        return p[0]  # deterministic value, or the mean of the others

    def sampler(self, rng: random.Random) -> Callable[[], float]:
        p = self.params
        if self.kind == "deterministic":
            value = p[0]
            return lambda: value
        if self.kind == "exponential":
            rate, draw = 1.0 / p[0], rng.expovariate
            return lambda: draw(rate)
        if self.kind == "uniform":
            low, high, uniform = p[0], p[1], rng.uniform
            return lambda: uniform(low, high)
        if self.kind == "triangular":
            low, mode, high, triangular = p[0], p[1], p[2], rng.triangular
            return lambda: triangular(low, high, mode)
        if self.kind == "normal":  # truncated at zero: a time is never negative
            mean, sd, gauss = p[0], p[1], rng.gauss
            return lambda: max(0.0, gauss(mean, sd))
        if self.kind == "lognormal":  # parameterised by its own mean and standard deviation
            sigma2 = math.log(1 + (p[1] / p[0]) ** 2)
            mu, sigma, lognorm = math.log(p[0]) - sigma2 / 2, math.sqrt(sigma2), rng.lognormvariate
            return lambda: lognorm(mu, sigma)
        raise ValueError(f"unknown distribution {self.kind!r}")


@dataclass(frozen=True)
class Station:
    name: str
    process: Distribution  # minutes per part
    capacity: int = 1  # parallel units
    buffer: int | None = None  # places in front of the station; None: unlimited
    mtbf: float | None = None  # mean minutes of processing between failures; None: never fails
    mttr: float | None = None  # mean minutes to repair (exponential)
    setup: float = 0.0  # minutes of setup before every `batch` parts
    batch: int = 1
    investment: float | None = None  # cost of one more unit (€); None: cannot be added
    routes: tuple[tuple[int | None, float], ...] = ()  # (next station or None = exit, probability)

    @property
    def minutes_per_part(self) -> float:
        """Mean time a unit spends on a part, failures and setups included."""
        repair = (self.mttr or 0.0) / self.mtbf if self.mtbf else 0.0
        return self.process.mean * (1 + repair) + self.setup / max(1, self.batch)


@dataclass(frozen=True)
class Line:
    stations: tuple[Station, ...]
    arrival: Distribution | None = None  # minutes between arrivals; None: saturated line

    def with_capacity(self, extra: dict[int, int]) -> Line:
        stations = tuple(
            Station(**{**s.__dict__, "capacity": s.capacity + extra.get(i, 0)})
            for i, s in enumerate(self.stations)
        )
        return Line(stations, self.arrival)

    def next_of(self, index: int) -> tuple[tuple[int | None, float], ...]:
        station = self.stations[index]
        if station.routes:
            return station.routes
        return ((index + 1 if index + 1 < len(self.stations) else None, 1.0),)

    def visits(self) -> np.ndarray:
        """Mean number of visits of a part to each station (traffic equations: v = e + vP)."""
        n = len(self.stations)
        routing = np.zeros((n, n))
        for i in range(n):
            for target, probability in self.next_of(i):
                if target is not None:
                    routing[i, target] += probability
        entry = np.zeros(n)
        entry[0] = 1.0
        return np.linalg.solve(np.eye(n) - routing.T, entry)

    def capacity_per_hour(self) -> list[float]:
        """The most parts per hour each station could let through, were it never starved or blocked."""
        visits = self.visits()
        return [
            60.0 * s.capacity / (v * s.minutes_per_part) if v > 1e-12 else math.inf
            for s, v in zip(self.stations, visits, strict=True)
        ]

    def throughput_bound(self) -> float:
        bound = min(self.capacity_per_hour())
        if self.arrival is not None:
            bound = min(bound, 60.0 / self.arrival.mean)
        return bound


# --- Validation ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """What is wrong with a field, as a code and the values its message needs: the service that
    calls the simulator words it, in the user's language."""

    code: str
    params: dict[str, object] = field(default_factory=dict)


class LineError(ValueError):
    """A line description that cannot be simulated; `errors` maps each field path to its problems."""

    def __init__(self, errors: dict[str, list[Problem]]) -> None:
        super().__init__("; ".join(f"{k}: {', '.join(p.code for p in v)}" for k, v in errors.items()))
        self.errors = errors


def _number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, str):
        try:
            number = float(value.replace(",", ".").strip())
        except ValueError:
            return None
        return number if math.isfinite(number) else None
    return None


def parse_distribution(data: object, path: str, errors: dict[str, list[Problem]]) -> Distribution | None:
    if not isinstance(data, dict):
        errors.setdefault(path, []).append(Problem("required"))
        return None
    kind = str(data.get("kind", "")).strip()
    if kind not in DISTRIBUTIONS:
        errors.setdefault(f"{path}.kind", []).append(
            Problem("unknown", {"kind": kind, "choices": ", ".join(DISTRIBUTIONS)})
        )
        return None
    values = []
    for name in DISTRIBUTIONS[kind]:
        value = _number(data.get(name))
        if value is None:
            errors.setdefault(f"{path}.{name}", []).append(Problem("number"))
        elif value < 0:
            errors.setdefault(f"{path}.{name}", []).append(Problem("negative"))
        elif value == 0 and name in {"mean", "high"} and kind != "normal":
            errors.setdefault(f"{path}.{name}", []).append(Problem("positive"))
        values.append(value)
    if any(v is None or v < 0 for v in values):
        return None
    if kind == "uniform" and not values[0] < values[1]:
        errors.setdefault(f"{path}.high", []).append(Problem("order"))
        return None
    if kind == "triangular" and not (values[0] <= values[1] <= values[2] and values[0] < values[2]):
        errors.setdefault(f"{path}.mode", []).append(Problem("order"))
        return None
    if kind in {"normal", "lognormal"} and values[0] <= 0:
        errors.setdefault(f"{path}.mean", []).append(Problem("positive"))
        return None
    return Distribution(kind, tuple(v for v in values if v is not None))


def parse_line(data: dict) -> Line:
    """Build a Line from JSON-like data, or raise LineError naming every bad field
    (`stations.2.process.kind`, `stations.0.buffer`, `arrival.mean`…)."""
    errors: dict[str, list[Problem]] = {}
    raw_stations = data.get("stations") or []
    if not isinstance(raw_stations, list) or not raw_stations:
        raise LineError({"stations": [Problem("stations")]})
    n = len(raw_stations)
    arrival = None
    if data.get("arrival") not in (None, "", {}):
        arrival = parse_distribution(data["arrival"], "arrival", errors)
        if arrival is not None and arrival.mean <= 0:
            errors.setdefault("arrival", []).append(Problem("positive"))

    def integer(raw: dict, key: str, path: str, minimum: int, default: int | None) -> int | None:
        value = raw.get(key)
        if value in (None, ""):
            return default
        number = _number(value)
        if number is None or number != int(number) or number < minimum:
            errors.setdefault(f"{path}.{key}", []).append(Problem("integer", {"min": minimum}))
            return default
        return int(number)

    def duration(raw: dict, key: str, path: str, *, strictly: bool = False) -> float | None:
        value = raw.get(key)
        if value in (None, ""):
            return None
        number = _number(value)
        if number is None:
            errors.setdefault(f"{path}.{key}", []).append(Problem("number"))
        elif number < 0:
            errors.setdefault(f"{path}.{key}", []).append(Problem("negative"))
        elif strictly and number == 0:
            errors.setdefault(f"{path}.{key}", []).append(Problem("positive"))
        else:
            return number
        return None

    stations = []
    for index, raw in enumerate(raw_stations):
        path = f"stations.{index}"
        if not isinstance(raw, dict):
            errors.setdefault(path, []).append(Problem("required"))
            continue
        process = parse_distribution(raw.get("process"), f"{path}.process", errors)
        mtbf = duration(raw, "mtbf", path, strictly=True)
        mttr = duration(raw, "mttr", path, strictly=True)
        if mtbf is not None and mttr is None and f"{path}.mttr" not in errors:
            errors.setdefault(f"{path}.mttr", []).append(Problem("mttr"))
        routes = []
        for r, route in enumerate(raw.get("routes") or []):
            target = route.get("to")
            probability = _number(route.get("probability"))
            if target not in (None, "", "exit") and not (
                isinstance(target, int) and not isinstance(target, bool) and 0 <= target < n
            ):
                errors.setdefault(f"{path}.routes.{r}.to", []).append(
                    Problem("route_target", {"target": target})
                )
                continue
            if probability is None or probability < 0:
                errors.setdefault(f"{path}.routes.{r}.probability", []).append(Problem("number"))
                continue
            routes.append((None if target in (None, "", "exit") else int(target), probability))
        total = sum(p for _t, p in routes)
        if routes and abs(total - 1.0) > 1e-6:
            errors.setdefault(f"{path}.routes", []).append(
                Problem("routes_sum", {"sum": round(100 * total, 1)})
            )
        investment = duration(raw, "investment", path)
        capacity = integer(raw, "capacity", path, 1, 1) or 1
        buffer = integer(raw, "buffer", path, 1, None)
        setup = duration(raw, "setup", path) or 0.0
        batch = integer(raw, "batch", path, 1, 1) or 1
        if process is not None:
            stations.append(
                Station(
                    name=str(raw.get("name") or f"Station {index + 1}"),
                    process=process,
                    capacity=capacity,
                    buffer=buffer,
                    mtbf=mtbf,
                    mttr=mttr if mtbf else None,
                    setup=setup,
                    batch=batch,
                    investment=investment,
                    routes=tuple(routes),
                )
            )
    if errors:
        raise LineError(errors)
    line = Line(tuple(stations), arrival)
    try:
        visits = line.visits()
    except np.linalg.LinAlgError:
        raise LineError({"stations": [Problem("never_leaves")]}) from None
    if not np.all(np.isfinite(visits)) or np.any(visits < -1e-9) or visits.sum() > 1e6:
        raise LineError({"stations": [Problem("never_leaves")]})
    for index, v in enumerate(visits):
        if v < 1e-12:
            errors.setdefault(f"stations.{index}", []).append(Problem("unreachable"))
    if errors:
        raise LineError(errors)
    return line


# --- One replication -----------------------------------------------------------------------------


@dataclass
class Replication:
    """The figures of one run, measured after the warm-up."""

    throughput: float  # parts per hour
    lead_time: float  # minutes from entering to leaving
    wip: float  # mean number of parts in the line
    buffer_wip: list[float]  # mean number of parts waiting in front of each station
    processing: list[float]  # share of a unit's time spent on parts, per station
    setup: list[float]
    failed: list[float]
    blocked: list[float]  # holding a finished part because the next buffer is full
    starved: list[float]  # waiting for a part
    parts: int
    events: int


def simulate(line: Line, *, horizon: float, warmup: float, seed: int) -> Replication:
    """One replication over `horizon` minutes; figures count from `warmup` on."""
    env = simpy.Environment()
    rng = random.Random(seed)
    n = len(line.stations)
    stores = [
        simpy.Store(env, capacity=s.buffer if s.buffer is not None else math.inf) for s in line.stations
    ]
    busy, setup_t, failed_t, blocked_t = [0.0] * n, [0.0] * n, [0.0] * n, [0.0] * n
    level_area, level_at, level = [0.0] * n, [warmup] * n, [0] * n
    totals = {"done": 0, "lead": 0.0, "wip_area": 0.0, "wip_at": warmup, "wip": 0}

    def observed(start: float, end: float) -> float:
        return end - (start if start > warmup else warmup) if end > warmup else 0.0

    def level_changed(i: int) -> None:
        t = env._now
        if t > warmup:
            level_area[i] += level[i] * (t - level_at[i])
            level_at[i] = t
        level[i] = len(stores[i].items)

    def wip_changed(delta: int) -> None:
        t = env._now
        if t > warmup:
            totals["wip_area"] += totals["wip"] * (t - totals["wip_at"])
            totals["wip_at"] = t
        totals["wip"] += delta

    def chooser(i: int) -> Callable[[], int | None]:
        routes = line.next_of(i)
        if len(routes) == 1:
            target = routes[0][0]
            return lambda: target
        targets = [t for t, _p in routes]
        cumulative = list(itertools.accumulate(p for _t, p in routes))
        draw = rng.random

        def choose() -> int | None:
            u = draw() * cumulative[-1]
            for target, bound in zip(targets, cumulative, strict=True):
                if u < bound:
                    return target
            return targets[-1]

        return choose

    def unit(i: int) -> Iterator[simpy.Event]:
        station = line.stations[i]
        sample = station.process.sampler(rng)
        choose = chooser(i)
        timeout, get = env.timeout, stores[i].get
        feeds_itself = line.arrival is None and i == 0
        mtbf, mttr = station.mtbf, station.mttr or 0.0
        ttf = rng.expovariate(1.0 / mtbf) if mtbf else math.inf
        setup, batch, count = station.setup, station.batch, 0
        while True:
            if feeds_itself:  # a saturated line: raw material is always there
                part = env._now
                wip_changed(1)
            else:
                part = yield get()
                level_changed(i)
            if setup and count % batch == 0:
                start = env._now
                yield timeout(setup)
                setup_t[i] += observed(start, env._now)
            count += 1
            remaining = sample()
            while remaining > 0:
                start = env._now
                if ttf > remaining:
                    yield timeout(remaining)
                    busy[i] += observed(start, env._now)
                    ttf -= remaining
                    remaining = 0.0
                else:  # fails during this part, is repaired, then finishes it
                    yield timeout(ttf)
                    busy[i] += observed(start, env._now)
                    remaining -= ttf
                    start = env._now
                    yield timeout(rng.expovariate(1.0 / mttr) if mttr else 0.0)
                    failed_t[i] += observed(start, env._now)
                    ttf = rng.expovariate(1.0 / mtbf)
            target = choose()
            if target is None:
                t = env._now
                if t >= warmup:
                    totals["done"] += 1
                    totals["lead"] += t - part
                wip_changed(-1)
            else:
                start = env._now
                yield stores[target].put(part)
                blocked_t[i] += observed(start, env._now)
                level_changed(target)

    def source() -> Iterator[simpy.Event]:
        between = line.arrival.sampler(rng)
        timeout, put = env.timeout, stores[0].put
        while True:
            yield timeout(between())
            wip_changed(1)
            yield put(env._now)
            level_changed(0)

    for i, station in enumerate(line.stations):
        for _ in range(station.capacity):
            env.process(unit(i))
    if line.arrival is not None:
        env.process(source())
    env.run(until=horizon)
    for i in range(n):
        level_changed(i)
    wip_changed(0)
    span = horizon - warmup
    time_of = [s.capacity * span for s in line.stations]
    share = lambda values: [v / t for v, t in zip(values, time_of, strict=True)]  # noqa: E731
    processing, setups, failures, blocking = share(busy), share(setup_t), share(failed_t), share(blocked_t)
    done = totals["done"]
    return Replication(
        throughput=60.0 * done / span,
        lead_time=totals["lead"] / done if done else math.nan,
        wip=totals["wip_area"] / span,
        buffer_wip=[a / span for a in level_area],
        processing=processing,
        setup=setups,
        failed=failures,
        blocked=blocking,
        starved=[
            max(0.0, 1 - p - s - f - b)
            for p, s, f, b in zip(processing, setups, failures, blocking, strict=True)
        ],
        parts=done,
        events=next(env._eid),  # SimPy numbers every scheduled event: this is how many there were
    )


# --- Replications and confidence intervals ---------------------------------------------------------


@dataclass(frozen=True)
class Estimate:
    mean: float
    half_width: float  # of the 95 % confidence interval (0 with a single replication)

    @property
    def low(self) -> float:
        return self.mean - self.half_width

    @property
    def high(self) -> float:
        return self.mean + self.half_width


def estimate(values: list[float]) -> Estimate:
    values = [v for v in values if not math.isnan(v)]
    if not values:
        return Estimate(math.nan, math.nan)
    if len(values) == 1:
        return Estimate(values[0], 0.0)
    half = float(stats.t.ppf(0.975, len(values) - 1)) * stdev(values) / math.sqrt(len(values))
    return Estimate(fmean(values), half)


@dataclass
class StationFigures:
    name: str
    processing: Estimate
    setup: Estimate
    failed: Estimate
    blocked: Estimate
    starved: Estimate
    buffer_wip: Estimate
    capacity_per_hour: float

    @property
    def active(self) -> float:
        """Share of time the station works (processing, setting up or under repair)."""
        return self.processing.mean + self.setup.mean + self.failed.mean


@dataclass
class Result:
    throughput: Estimate  # parts per hour
    lead_time: Estimate  # minutes
    wip: Estimate
    stations: list[StationFigures]
    replications: int
    events: int
    seconds: float
    bound: float  # parts per hour no simulation could exceed

    @property
    def bottleneck(self) -> int:
        """The station busiest in its own right (the active-period method)."""
        return max(range(len(self.stations)), key=lambda i: self.stations[i].active)

    @property
    def events_per_second(self) -> float:
        return self.events / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict:
        def e(x: Estimate) -> dict:
            return {"mean": _clean(x.mean), "half_width": _clean(x.half_width)}

        return {
            "throughput": e(self.throughput),
            "lead_time": e(self.lead_time),
            "wip": e(self.wip),
            "bottleneck": self.bottleneck,
            "replications": self.replications,
            "events": self.events,
            "seconds": round(self.seconds, 3),
            "bound": _clean(self.bound),
            "stations": [
                {
                    "name": s.name,
                    "processing": e(s.processing),
                    "setup": e(s.setup),
                    "failed": e(s.failed),
                    "blocked": e(s.blocked),
                    "starved": e(s.starved),
                    "buffer_wip": e(s.buffer_wip),
                    "capacity_per_hour": _clean(s.capacity_per_hour),
                }
                for s in self.stations
            ],
        }


def _clean(value: float) -> float | None:
    return None if value is None or not math.isfinite(value) else round(value, 6)


@dataclass(frozen=True)
class Settings:
    horizon: float = 60 * 24 * 20  # minutes simulated per replication
    warmup: float = 60 * 24  # minutes discarded at the start
    replications: int = 5
    seed: int = 1


def run(line: Line, settings: Settings, *, progress: Callable[[int, int], None] | None = None) -> Result:
    started = time.perf_counter()
    runs = []
    for r in range(settings.replications):
        runs.append(
            simulate(line, horizon=settings.horizon, warmup=settings.warmup, seed=settings.seed + 7919 * r)
        )
        if progress:
            progress(r + 1, settings.replications)
    capacities = line.capacity_per_hour()
    stations = [
        StationFigures(
            name=s.name,
            processing=estimate([x.processing[i] for x in runs]),
            setup=estimate([x.setup[i] for x in runs]),
            failed=estimate([x.failed[i] for x in runs]),
            blocked=estimate([x.blocked[i] for x in runs]),
            starved=estimate([x.starved[i] for x in runs]),
            buffer_wip=estimate([x.buffer_wip[i] for x in runs]),
            capacity_per_hour=capacities[i],
        )
        for i, s in enumerate(line.stations)
    ]
    return Result(
        throughput=estimate([x.throughput for x in runs]),
        lead_time=estimate([x.lead_time for x in runs]),
        wip=estimate([x.wip for x in runs]),
        stations=stations,
        replications=len(runs),
        events=sum(x.events for x in runs),
        seconds=time.perf_counter() - started,
        bound=line.throughput_bound(),
    )


# --- What to add to reach a target ---------------------------------------------------------------


@dataclass
class Option:
    added: dict[int, int]  # station -> extra units
    cost: float
    bound: float  # throughput no simulation of this option could exceed
    throughput: Estimate | None = None  # None: not simulated (bound below the target, or not reached)

    def reaches(self, target: float) -> bool:
        return self.throughput is not None and self.throughput.mean >= target


@dataclass
class Improvement:
    target: float
    best: Option | None  # the cheapest option that reaches the target; None if none does
    options: list[Option]  # every option looked at, cheapest first
    simulated: int
    seconds: float


def improve(
    line: Line,
    *,
    target: float,
    settings: Settings,
    max_added: int = 3,
    max_simulated: int = 40,
    progress: Callable[[int, int], None] | None = None,
) -> Improvement:
    """The cheapest set of extra units (at most `max_added`, only on stations with an investment
    cost) whose simulated mean throughput reaches `target` parts per hour. Options are tried in
    order of cost; those whose capacity bound is already below the target are ruled out without
    simulating. Every option is simulated with the same seeds, so their differences are the
    changes', not chance's."""
    started = time.perf_counter()
    expandable = [i for i, s in enumerate(line.stations) if s.investment is not None]
    options: list[Option] = []
    for count in range(max_added + 1):
        for combo in itertools.combinations_with_replacement(expandable, count):
            added: dict[int, int] = {}
            for i in combo:
                added[i] = added.get(i, 0) + 1
            cost = sum((line.stations[i].investment or 0.0) * k for i, k in added.items())
            bound = line.with_capacity(added).throughput_bound()
            options.append(Option(added, cost, bound))
    options.sort(key=lambda o: (o.cost, sum(o.added.values())))
    candidates = [o for o in options if o.bound >= target]
    best, simulated = None, 0
    planned = min(len(candidates), max_simulated)
    for option in candidates:
        if simulated >= max_simulated:
            break
        option.throughput = run(line.with_capacity(option.added), settings).throughput
        simulated += 1
        if progress:
            progress(simulated, planned)
        if option.reaches(target):
            best = option
            break
    return Improvement(target, best, options, simulated, time.perf_counter() - started)
