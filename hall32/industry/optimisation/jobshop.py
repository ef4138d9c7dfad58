"""Job-shop scheduling with OR-Tools CP-SAT (plain Python, no ORM).

A job is a sequence of operations, each on one machine for a fixed duration; machines do one
operation at a time and may be blocked by fixed windows (existing bookings, maintenance, closed
hours). The schedule minimises the makespan.

`solve_plain` is the textbook CP-SAT model (interval variables, no-overlap, precedences) with
default parameters: the benchmark's baseline. `solve` is what the Pôle Industrie uses: the same
model with the instance's lower bound on the makespan and CP-SAT's stronger disjunctive reasoning
switched on (measured in benchmarks/jssp.py). Warm starts from dispatching rules were measured
too and made CP-SAT worse, so the rules only serve as a fallback when no schedule is found in time.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model


@dataclass(frozen=True)
class Operation:
    machine: int
    duration: int


@dataclass
class JobShop:
    jobs: list[list[Operation]]
    fixed: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # machine -> [start, end) blocked
    release: list[int] | None = None  # earliest start of each job
    horizon_limit: int | None = None  # nothing may end later (the booking window), if set

    @property
    def machines(self) -> list[int]:
        return sorted({op.machine for job in self.jobs for op in job} | set(self.fixed))

    def job_release(self, j: int) -> int:
        return self.release[j] if self.release else 0

    @property
    def lower_bound(self) -> int:
        """Max of the longest job (from its release) and the busiest machine (ignoring fixed windows)."""
        longest = max(
            (self.job_release(j) + sum(op.duration for op in job) for j, job in enumerate(self.jobs)),
            default=0,
        )
        loads: dict[int, int] = {}
        for job in self.jobs:
            for op in job:
                loads[op.machine] = loads.get(op.machine, 0) + op.duration
        return max([longest, *loads.values()], default=0)

    @property
    def horizon(self) -> int:
        blocked = sum(e - s for windows in self.fixed.values() for s, e in windows)
        latest_fixed = max((e for windows in self.fixed.values() for _s, e in windows), default=0)
        work = sum(op.duration for job in self.jobs for op in job)
        horizon = (
            max(latest_fixed, max((self.job_release(j) for j in range(len(self.jobs))), default=0))
            + work
            + blocked
        )
        return min(horizon, self.horizon_limit) if self.horizon_limit is not None else horizon


Starts = list[list[int]]  # starts[j][k]: start of the k-th operation of job j


@dataclass
class Schedule:
    status: str
    makespan: int | None = None
    starts: Starts | None = None
    bound: float | None = None
    seconds: float = 0.0
    message: str = ""

    @property
    def found(self) -> bool:
        return self.starts is not None


def read_instance(text: str) -> JobShop:
    """The classic format: 'n_jobs n_machines', then per job the (machine, duration) pairs."""
    lines = [line.split() for line in text.strip().splitlines() if line.strip()]
    n_jobs, n_machines = int(lines[0][0]), int(lines[0][1])
    jobs = []
    for row in lines[1 : 1 + n_jobs]:
        values = list(map(int, row))
        jobs.append([Operation(values[i], values[i + 1]) for i in range(0, 2 * n_machines, 2)])
    return JobShop(jobs)


def makespan_of(problem: JobShop, starts: Starts) -> int:
    return max((starts[j][-1] + job[-1].duration for j, job in enumerate(problem.jobs) if job), default=0)


def check_schedule(problem: JobShop, starts: Starts) -> list[str]:
    """Every way a schedule is wrong (empty list: it is valid). Checked independently of the solver."""
    errors = []
    per_machine: dict[int, list[tuple[int, int, str]]] = {}
    for j, job in enumerate(problem.jobs):
        if len(starts[j]) != len(job):
            errors.append(f"job {j}: {len(starts[j])} starts for {len(job)} operations")
            continue
        for k, op in enumerate(job):
            start = starts[j][k]
            if start < problem.job_release(j):
                errors.append(f"job {j} op {k} starts at {start}, before its release")
            if k and start < starts[j][k - 1] + job[k - 1].duration:
                errors.append(f"job {j} op {k} starts before op {k - 1} ends")
            per_machine.setdefault(op.machine, []).append((start, start + op.duration, f"job {j} op {k}"))
    for machine, windows in problem.fixed.items():
        per_machine.setdefault(machine, []).extend((s, e, "fixed") for s, e in windows)
    for machine, intervals in per_machine.items():
        intervals.sort()
        for (s1, e1, a), (s2, _e2, b) in zip(intervals, intervals[1:], strict=False):
            if s2 < e1:
                errors.append(f"machine {machine}: {a} [{s1},{e1}) overlaps {b} from {s2}")
    return errors


# --- Dispatching rules (Giffler-Thompson active schedules) ----------------------------------------


def _earliest_free(blocked: list[tuple[int, int]], start: int, duration: int) -> int:
    """The first start >= start at which [start, start + duration) avoids every blocked window."""
    moved = True
    while moved:
        moved = False
        for s, e in blocked:
            if start < e and s < start + duration:
                start, moved = e, True
    return start


def dispatch(problem: JobShop, rule: str = "mwkr") -> Starts:
    """An active schedule built operation by operation; among the operations that could start
    before the earliest possible completion on the critical machine, `rule` picks one:
    mwkr (most work remaining), mor (most operations remaining), spt (shortest processing time),
    lpt (longest), fifo (earliest ready)."""
    jobs = problem.jobs
    next_op = [0] * len(jobs)
    job_ready = [problem.job_release(j) for j in range(len(jobs))]
    remaining = [sum(op.duration for op in job) for job in jobs]
    blocked = {m: sorted(w) for m, w in problem.fixed.items()}
    starts: Starts = [[0] * len(job) for job in jobs]
    todo = sum(len(job) for job in jobs)
    while todo:
        candidates = []
        for j, job in enumerate(jobs):
            k = next_op[j]
            if k < len(job):
                op = job[k]
                start = _earliest_free(blocked.setdefault(op.machine, []), job_ready[j], op.duration)
                candidates.append((start + op.duration, start, j, op))
        completion, _start, _j, critical = min(candidates, key=lambda c: (c[0], c[1]))
        conflict = [c for c in candidates if c[3].machine == critical.machine and c[1] < completion]

        def priority(c: tuple[int, int, int, Operation]) -> tuple:
            _end, start, j, op = c
            return {
                "mwkr": (-remaining[j], start),
                "mor": (-(len(jobs[j]) - next_op[j]), start),
                "spt": (op.duration, start),
                "lpt": (-op.duration, start),
                "fifo": (start, -remaining[j]),
            }[rule]

        _end, start, j, op = min(conflict, key=priority)
        starts[j][next_op[j]] = start
        blocked[op.machine].append((start, start + op.duration))
        blocked[op.machine].sort()
        job_ready[j] = start + op.duration
        remaining[j] -= op.duration
        next_op[j] += 1
        todo -= 1
    return starts


def best_dispatch(problem: JobShop) -> Starts:
    rules = ["mwkr", "mor", "spt", "lpt", "fifo"]
    return min((dispatch(problem, rule) for rule in rules), key=lambda s: makespan_of(problem, s))


# --- CP-SAT --------------------------------------------------------------------------------------


class _Progress(cp_model.CpSolverSolutionCallback):
    def __init__(self, report: Callable[[float, int, float], None], started: float) -> None:
        super().__init__()
        self._report, self._started = report, started

    def on_solution_callback(self) -> None:
        self._report(
            time.perf_counter() - self._started, int(self.ObjectiveValue()), self.BestObjectiveBound()
        )


def _model(problem: JobShop, *, with_bound: bool) -> tuple[cp_model.CpModel, list[list[cp_model.IntVar]]]:
    """Interval variables, one no-overlap per machine (fixed windows included), precedences."""
    model = cp_model.CpModel()
    horizon = problem.horizon
    starts, intervals_per_machine, last_ends = [], {}, []
    for j, job in enumerate(problem.jobs):
        row, previous_end = [], None
        for k, op in enumerate(job):
            start = model.NewIntVar(0, horizon - op.duration, f"s{j}_{k}")
            interval = model.NewFixedSizeIntervalVar(start, op.duration, f"i{j}_{k}")
            intervals_per_machine.setdefault(op.machine, []).append(interval)
            if previous_end is not None:
                model.Add(start >= previous_end)
            elif problem.job_release(j):
                model.Add(start >= problem.job_release(j))
            previous_end = start + op.duration
            row.append(start)
        starts.append(row)
        if job:
            last_ends.append(previous_end)
    for machine, windows in problem.fixed.items():
        for s, e in windows:
            if e > s:
                interval = model.NewFixedSizeIntervalVar(s, e - s, f"f{machine}_{s}")
                intervals_per_machine.setdefault(machine, []).append(interval)
    for intervals in intervals_per_machine.values():
        model.AddNoOverlap(intervals)
    makespan = model.NewIntVar(problem.lower_bound if with_bound else 0, horizon, "makespan")
    for end in last_ends:
        model.Add(makespan >= end)
    model.Minimize(makespan)
    return model, starts


def _run(
    problem: JobShop,
    *,
    tuned: bool,
    time_limit: float,
    workers: int,
    seed: int,
    progress: Callable[[float, int, float], None] | None,
) -> Schedule:
    started = time.perf_counter()
    if not any(problem.jobs):
        return Schedule("OPTIMAL", 0, [[] for _ in problem.jobs], 0, 0.0)
    model, starts = _model(problem, with_bound=tuned)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    if tuned:
        # Stronger reasoning in the no-overlap constraints: edge-finding with precedences learnt
        # during the search. On 15x15 to 20x20 instances it halves the gap left after a minute.
        solver.parameters.use_strong_propagation_in_disjunctive = True
        solver.parameters.use_dynamic_precedence_in_disjunctive = True
    callback = _Progress(progress, started) if progress else None
    status = solver.Solve(model, callback)
    seconds = time.perf_counter() - started
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        values = [[solver.Value(v) for v in row] for row in starts]
        return Schedule(
            solver.StatusName(status),
            makespan_of(problem, values),
            values,
            solver.BestObjectiveBound(),
            seconds,
        )
    if status == cp_model.INFEASIBLE or status == cp_model.MODEL_INVALID:
        return Schedule("INFEASIBLE", seconds=seconds, message="infeasible")
    if tuned:  # time ran out before CP-SAT found a schedule: fall back on the dispatching rules
        fallback = best_dispatch(problem)
        return Schedule(
            "FEASIBLE",
            makespan_of(problem, fallback),
            fallback,
            problem.lower_bound,
            time.perf_counter() - started,
            "dispatching rule",
        )
    return Schedule("UNKNOWN", seconds=seconds, message="no schedule found in the time allowed")


def solve_plain(problem: JobShop, *, time_limit: float = 60.0, workers: int = 2, seed: int = 0) -> Schedule:
    """The benchmark's baseline: interval variables and no-overlap, default parameters, nothing else."""
    return _run(problem, tuned=False, time_limit=time_limit, workers=workers, seed=seed, progress=None)


def solve(
    problem: JobShop,
    *,
    time_limit: float = 60.0,
    workers: int = 2,
    seed: int = 0,
    progress: Callable[[float, int, float], None] | None = None,
) -> Schedule:
    """The scheduler: the same model with the instance's lower bound on the makespan and stronger
    no-overlap propagation; if the time runs out before any schedule is found (very large
    problems), the best of the dispatching rules is returned and says so in `message`."""
    return _run(problem, tuned=True, time_limit=time_limit, workers=workers, seed=seed, progress=progress)
