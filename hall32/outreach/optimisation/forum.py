"""The forum-day planner: a rotation of workshops for every class, with OR-Tools CP-SAT.

Plain Python, no ORM: services load a ForumProblem, call `solve`, and store the ForumPlan.

Rules (hard):
- a class attends exactly one workshop in each slot it is present for (arrival <= slot start,
  slot end <= departure) and none otherwise;
- no workshop twice for a class;
- the pupils in a workshop during a slot never exceed its capacity;
- an open workshop needs `min_apprentices` of its own apprentices in that slot, and an apprentice
  is in one place at a time (and only in slots they are available for).

Objective (maximised): the preference points of the workshops each class visits (a class's first
choice among k scores k, its last 1, others 0) plus `tension_weight` points per visit to a
tension trade, counted up to `tension_target` per class, which spreads the exposure to tension
trades evenly instead of piling it on a few classes.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model


@dataclass(frozen=True)
class Slot:
    id: int
    start: int  # minutes since midnight
    end: int
    label: str = ""


@dataclass(frozen=True)
class Workshop:
    id: int
    name: str
    capacity: int  # pupils per slot
    tension: bool = False
    apprentices: tuple[int, ...] = ()
    min_apprentices: int = 1


@dataclass(frozen=True)
class ClassGroup:
    id: int
    label: str
    pupils: int
    arrival: int  # minutes since midnight
    departure: int
    preferences: tuple[int, ...] = ()  # workshop ids, favourite first


@dataclass(frozen=True)
class Apprentice:
    id: int
    name: str
    available: frozenset[int] | None = None  # slot ids; None: the whole day


@dataclass
class ForumProblem:
    slots: list[Slot]
    workshops: list[Workshop]
    classes: list[ClassGroup]
    apprentices: list[Apprentice] = field(default_factory=list)
    tension_target: int = 2
    tension_weight: int = 3

    def present(self, group: ClassGroup) -> list[Slot]:
        return [s for s in self.slots if group.arrival <= s.start and s.end <= group.departure]

    def score(self, group: ClassGroup, workshop_id: int) -> int:
        if workshop_id not in group.preferences:
            return 0
        return len(group.preferences) - group.preferences.index(workshop_id)

    def apprentice(self, apprentice_id: int) -> Apprentice:
        return self._apprentices()[apprentice_id]

    def _apprentices(self) -> dict[int, Apprentice]:
        return {a.id: a for a in self.apprentices}

    def available(self, apprentice_id: int, slot_id: int) -> bool:
        found = self._apprentices().get(apprentice_id)
        return found is not None and (found.available is None or slot_id in found.available)


Progress = Callable[[float, int, float], None]  # (seconds, objective, bound) at each better plan
Assignment = dict[tuple[int, int], int]  # (class id, slot id) -> workshop id
Staffing = dict[tuple[int, int], list[int]]  # (workshop id, slot id) -> apprentice ids


@dataclass
class ForumPlan:
    status: str  # OPTIMAL, FEASIBLE, INFEASIBLE, UNKNOWN, MODEL_INVALID
    assignment: Assignment = field(default_factory=dict)
    staffing: Staffing = field(default_factory=dict)
    objective: int | None = None
    bound: float | None = None
    seconds: float = 0.0
    reasons: list[str] = field(default_factory=list)

    @property
    def proven_optimal(self) -> bool:
        return self.status == "OPTIMAL"

    @property
    def found(self) -> bool:
        return self.status in {"OPTIMAL", "FEASIBLE"}


@dataclass(frozen=True)
class Violation:
    code: str
    message: str
    class_id: int | None = None
    slot_id: int | None = None
    workshop_id: int | None = None


def objective_of(problem: ForumProblem, assignment: Assignment) -> int:
    """The objective value of an assignment (the same formula the solver maximises)."""
    tension = {w.id for w in problem.workshops if w.tension}
    total = 0
    for group in problem.classes:
        visited = [
            assignment[(group.id, s.id)] for s in problem.present(group) if (group.id, s.id) in assignment
        ]
        total += sum(problem.score(group, w) for w in visited)
        total += problem.tension_weight * min(problem.tension_target, sum(1 for w in visited if w in tension))
    return total


# --- Checking a plan (also used after manual edits) -------------------------------------------


def staff(problem: ForumProblem, assignment: Assignment) -> tuple[Staffing, list[Violation]]:
    """Find apprentices for every open workshop, slot by slot (bipartite matching)."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import maximum_bipartite_matching

    workshops = {w.id: w for w in problem.workshops}
    staffing: Staffing = {}
    violations: list[Violation] = []
    for slot in problem.slots:
        open_ids = sorted({w for (c, s), w in assignment.items() if s == slot.id})
        seats = [(w, k) for w in open_ids for k in range(workshops[w].min_apprentices)]
        people = sorted(
            {a for w in open_ids for a in workshops[w].apprentices if problem.available(a, slot.id)}
        )
        if not seats:
            continue
        index = {a: i for i, a in enumerate(people)}
        rows, cols = [], []
        for row, (w, _k) in enumerate(seats):
            for a in workshops[w].apprentices:
                if a in index:
                    rows.append(row)
                    cols.append(index[a])
        graph = csr_matrix(
            (np.ones(len(rows), dtype=np.int8), (rows, cols)),
            shape=(len(seats), max(1, len(people))),
        )
        match = maximum_bipartite_matching(graph, perm_type="column")
        for row, (w, _k) in enumerate(seats):
            column = match[row]
            if column < 0:
                violations.append(
                    Violation(
                        "staffing",
                        f"« {workshops[w].name} » n'a pas assez d'apprenti·e·s disponibles "
                        f"au créneau {slot.label or slot.id}.",
                        slot_id=slot.id,
                        workshop_id=w,
                    )
                )
            else:
                staffing.setdefault((w, slot.id), []).append(people[column])
    return staffing, violations


def check_plan(problem: ForumProblem, assignment: Assignment) -> list[Violation]:
    """Every broken rule of an assignment, each named (empty list: the plan holds)."""
    workshops = {w.id: w for w in problem.workshops}
    slots = {s.id: s for s in problem.slots}
    violations: list[Violation] = []
    for group in problem.classes:
        present = {s.id for s in problem.present(group)}
        seen: dict[int, int] = {}
        for slot_id in present:
            w = assignment.get((group.id, slot_id))
            if w is None:
                violations.append(
                    Violation(
                        "missing",
                        f"{group.label} n'a pas d'atelier au créneau {slots[slot_id].label or slot_id}.",
                        group.id,
                        slot_id,
                    )
                )
                continue
            if w not in workshops:
                violations.append(
                    Violation("unknown", f"Atelier inconnu pour {group.label}.", group.id, slot_id, w)
                )
                continue
            if w in seen:
                violations.append(
                    Violation(
                        "repeat",
                        f"{group.label} fait « {workshops[w].name} » deux fois.",
                        group.id,
                        slot_id,
                        w,
                    )
                )
            seen[w] = slot_id
        for (c, s), w in assignment.items():
            if c == group.id and s not in present:
                violations.append(
                    Violation(
                        "absent",
                        f"{group.label} n'est pas présente au créneau {slots[s].label if s in slots else s}.",
                        c,
                        s,
                        w,
                    )
                )
    sizes = {g.id: g.pupils for g in problem.classes}
    for slot in problem.slots:
        for w in problem.workshops:
            load = sum(sizes[c] for (c, s), ww in assignment.items() if s == slot.id and ww == w.id)
            if load > w.capacity:
                violations.append(
                    Violation(
                        "capacity",
                        f"« {w.name} » dépasse sa capacité au créneau "
                        f"{slot.label or slot.id} ({load} élèves pour {w.capacity} places).",
                        slot_id=slot.id,
                        workshop_id=w.id,
                    )
                )
    _staffing, staffing_violations = staff(problem, assignment)
    return violations + staffing_violations


# --- Why a problem has no plan -----------------------------------------------------------------


def diagnose(problem: ForumProblem) -> list[str]:
    """Plain-language reasons a forum day cannot be planned, found before any search."""
    reasons: list[str] = []
    workshops = problem.workshops
    if not problem.slots:
        reasons.append("Aucun créneau d'atelier n'est défini pour cette journée.")
    if not workshops:
        reasons.append("Aucun atelier n'est défini pour cette journée.")
    largest = max((w.capacity for w in workshops), default=0)
    for group in problem.classes:
        present = problem.present(group)
        if not present:
            reasons.append(f"{group.label} n'est présente sur aucun créneau complet (arrivée et départ).")
        if len(present) > len(workshops):
            reasons.append(
                f"{group.label} est présente sur {len(present)} créneaux mais il n'y a que "
                f"{len(workshops)} ateliers : elle referait un atelier."
            )
        if group.pupils > largest:
            reasons.append(
                f"{group.label} compte {group.pupils} élèves, plus que la capacité du plus grand "
                f"atelier ({largest})."
            )
    for slot in problem.slots:
        present = [g for g in problem.classes if slot in problem.present(g)]
        staffable = [
            w
            for w in workshops
            if sum(1 for a in w.apprentices if problem.available(a, slot.id)) >= w.min_apprentices
        ]
        demand = sum(g.pupils for g in present)
        supply = sum(w.capacity for w in staffable)
        if len(present) > 0 and demand > supply:
            short = [w.name for w in workshops if w not in staffable]
            detail = f" ; ateliers sans apprenti·e disponible : {', '.join(short)}" if short else ""
            reasons.append(
                f"Créneau {slot.label or slot.id} : {demand} élèves présents pour {supply} places "
                f"dans les ateliers qui peuvent ouvrir{detail}."
            )
    return reasons


# --- The solver ---------------------------------------------------------------------------------


class _Progress(cp_model.CpSolverSolutionCallback):
    def __init__(self, report: Callable[[float, int, float], None], started: float) -> None:
        super().__init__()
        self._report = report
        self._started = started

    def on_solution_callback(self) -> None:
        self._report(
            time.perf_counter() - self._started,
            int(self.ObjectiveValue()),
            self.BestObjectiveBound(),
        )


def _build(problem: ForumProblem, *, with_objective: bool = True, assumptions: bool = False):
    model = cp_model.CpModel()
    x: dict[tuple[int, int, int], cp_model.IntVar] = {}
    present = {g.id: problem.present(g) for g in problem.classes}
    for g in problem.classes:
        for s in present[g.id]:
            for w in problem.workshops:
                x[g.id, w.id, s.id] = model.NewBoolVar(f"x_{g.id}_{w.id}_{s.id}")
    groups: dict[str, cp_model.IntVar] = {}

    def guard(name: str) -> list:
        if not assumptions:
            return []
        literal = groups.get(name)
        if literal is None:
            literal = groups[name] = model.NewBoolVar(name)
        return [literal]

    for g in problem.classes:
        for s in present[g.id]:
            model.AddExactlyOne(x[g.id, w.id, s.id] for w in problem.workshops)
        for w in problem.workshops:
            terms = [x[g.id, w.id, s.id] for s in present[g.id]]
            if len(terms) > 1:
                model.AddAtMostOne(terms)
    active: dict[tuple[int, int], cp_model.IntVar] = {}
    y: dict[tuple[int, int, int], cp_model.IntVar] = {}
    for s in problem.slots:
        here = [g for g in problem.classes if s in present[g.id]]
        if not here:
            continue
        for w in problem.workshops:
            terms = [x[g.id, w.id, s.id] for g in here]
            model.Add(sum(g.pupils * x[g.id, w.id, s.id] for g in here) <= w.capacity).OnlyEnforceIf(
                guard(f"capacité|{w.id}|{s.id}")
            )
            a = active[w.id, s.id] = model.NewBoolVar(f"open_{w.id}_{s.id}")
            for term in terms:
                model.AddImplication(term, a)
            model.Add(a <= sum(terms))  # open only when some class comes
            staff_vars = []
            for apprentice in w.apprentices:
                if problem.available(apprentice, s.id):
                    v = y[apprentice, w.id, s.id] = model.NewBoolVar(f"y_{apprentice}_{w.id}_{s.id}")
                    model.AddImplication(v, a)
                    staff_vars.append(v)
            model.Add(sum(staff_vars) >= w.min_apprentices * a).OnlyEnforceIf(
                guard(f"encadrement|{w.id}|{s.id}")
            )
        for apprentice in {k[0] for k in y if k[2] == s.id}:
            terms = [v for (aa, _w, ss), v in y.items() if aa == apprentice and ss == s.id]
            if len(terms) > 1:
                model.AddAtMostOne(terms)
    if with_objective:
        tension = [w.id for w in problem.workshops if w.tension]
        objective = []
        for g in problem.classes:
            for w in problem.workshops:
                points = problem.score(g, w.id)
                if points:
                    objective += [points * x[g.id, w.id, s.id] for s in present[g.id]]
            visits = [x[g.id, w, s.id] for w in tension for s in present[g.id]]
            if visits and problem.tension_target > 0:
                u = model.NewIntVar(0, min(problem.tension_target, len(present[g.id])), f"u_{g.id}")
                model.Add(u <= sum(visits))
                objective.append(problem.tension_weight * u)
        model.Maximize(sum(objective))
    return model, x, y, groups


def _describe(problem: ForumProblem, name: str) -> str:
    kind, w_id, s_id = name.split("|")
    workshop = next(w for w in problem.workshops if w.id == int(w_id))
    slot = next(s for s in problem.slots if s.id == int(s_id))
    label = slot.label or slot.id
    if kind == "capacité":
        return f"« {workshop.name} » manque de places au créneau {label} (capacité {workshop.capacity})."
    return f"« {workshop.name} » manque d'apprenti·e·s au créneau {label}."


def solve(
    problem: ForumProblem,
    *,
    time_limit: float = 10.0,
    workers: int = 2,
    progress: Callable[[float, int, float], None] | None = None,
    seed: int = 32,
) -> ForumPlan:
    """The best rotation CP-SAT finds within `time_limit`, proven optimal when it says so."""
    started = time.perf_counter()
    reasons = diagnose(problem)
    if reasons:
        return ForumPlan(status="INFEASIBLE", reasons=reasons, seconds=time.perf_counter() - started)
    if not problem.classes:
        return ForumPlan(status="OPTIMAL", objective=0, bound=0, seconds=time.perf_counter() - started)
    model, x, y, _groups = _build(problem)
    _add_greedy_hint(model, problem, x)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    callback = _Progress(progress, started) if progress else None
    status = solver.Solve(model, callback)
    name = solver.StatusName(status)
    seconds = time.perf_counter() - started
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        assignment = {(g, s): w for (g, w, s), v in x.items() if solver.BooleanValue(v)}
        # The solver proved some staffing exists; report the minimal one, found the same way as
        # after a hand edit (the solver is free to put idle apprentices anywhere).
        staffing, _unstaffed = staff(problem, assignment)
        return ForumPlan(
            status=name,
            assignment=assignment,
            staffing=staffing,
            objective=int(solver.ObjectiveValue()),
            bound=solver.BestObjectiveBound(),
            seconds=seconds,
        )
    if status == cp_model.INFEASIBLE:
        return ForumPlan(status=name, seconds=seconds, reasons=explain(problem))
    return ForumPlan(
        status=name,
        seconds=seconds,
        reasons=[
            f"Aucun plan trouvé en {time_limit:.0f} s : augmentez la durée de calcul ou simplifiez la journée."
        ],
    )


def explain(problem: ForumProblem, time_limit: float = 10.0) -> list[str]:
    """Which capacities or staffing make the problem infeasible (an unsatisfiable core)."""
    model, _x, _y, groups = _build(problem, with_objective=False, assumptions=True)
    model.AddAssumptions(list(groups.values()))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = time_limit
    if solver.Solve(model) != cp_model.INFEASIBLE:
        return ["Les contraintes de la journée ne peuvent pas être satisfaites ensemble."]
    names = {v.Index(): n for n, v in groups.items()}
    core = [names[i] for i in solver.SufficientAssumptionsForInfeasibility() if i in names]
    described = [_describe(problem, n) for n in sorted(core)]
    return described or ["Chaque classe ne peut pas recevoir un atelier différent à chacun de ses créneaux."]


def _add_greedy_hint(model: cp_model.CpModel, problem: ForumProblem, x) -> None:
    plan = greedy(problem)
    if not plan.found:
        return
    for (g, w, s), var in x.items():
        model.AddHint(var, plan.assignment.get((g, s)) == w)


# --- The first-come baseline ------------------------------------------------------------------


def greedy(problem: ForumProblem) -> ForumPlan:
    """First come, first served: each class in booking order takes, slot by slot, its best-ranked
    workshop that still has room and an apprentice free. The baseline the planner is measured by."""
    started = time.perf_counter()
    load: dict[tuple[int, int], int] = {}
    busy: dict[int, set[int]] = {}  # slot -> apprentices already placed
    staffing: Staffing = {}
    assignment: Assignment = {}
    for group in problem.classes:
        visited: set[int] = set()
        for slot in problem.present(group):
            order = sorted(problem.workshops, key=lambda w: (-problem.score(group, w.id), w.id))
            placed = False
            for w in order:
                if w.id in visited or load.get((w.id, slot.id), 0) + group.pupils > w.capacity:
                    continue
                if (w.id, slot.id) not in staffing:
                    free = [
                        a
                        for a in w.apprentices
                        if problem.available(a, slot.id) and a not in busy.setdefault(slot.id, set())
                    ]
                    if len(free) < w.min_apprentices:
                        continue
                    staffing[(w.id, slot.id)] = free[: w.min_apprentices]
                    busy[slot.id].update(free[: w.min_apprentices])
                load[(w.id, slot.id)] = load.get((w.id, slot.id), 0) + group.pupils
                assignment[(group.id, slot.id)] = w.id
                visited.add(w.id)
                placed = True
                break
            if not placed:
                return ForumPlan(
                    status="INFEASIBLE",
                    seconds=time.perf_counter() - started,
                    reasons=[
                        f"Le premier arrivé, premier servi ne place pas {group.label} "
                        f"au créneau {slot.label or slot.id}."
                    ],
                )
    return ForumPlan(
        status="FEASIBLE",
        assignment=assignment,
        staffing=staffing,
        objective=objective_of(problem, assignment),
        seconds=time.perf_counter() - started,
    )
