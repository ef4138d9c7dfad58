"""The forum-day planner, without a database: its rules, its optimum (checked by brute force),
its diagnosis of impossible days, and the greedy baseline."""

import itertools
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hall32.outreach.optimisation.forum import (
    Apprentice,
    ClassGroup,
    ForumProblem,
    Slot,
    Workshop,
    check_plan,
    greedy,
    objective_of,
    solve,
)
from hall32.outreach.optimisation.instances import forum_instance


def small_problem(seed: int, n_classes: int = 3, n_workshops: int = 4, n_slots: int = 3) -> ForumProblem:
    rng = random.Random(seed)
    slots = [Slot(s + 1, 540 + 50 * s, 580 + 50 * s, f"S{s + 1}") for s in range(n_slots)]
    workshops = [
        Workshop(
            w + 1,
            f"W{w + 1}",
            rng.choice([30, 50, 60]),
            tension=w % 2 == 0,
            apprentices=(w + 1, (w + 1) % n_workshops + 1),
            min_apprentices=1,
        )
        for w in range(n_workshops)
    ]
    classes = []
    for c in range(n_classes):
        first = rng.randint(0, 1)
        last = rng.randint(first + 1, n_slots - 1)
        prefs = tuple(rng.sample(range(1, n_workshops + 1), 3))
        classes.append(
            ClassGroup(c + 1, f"C{c + 1}", rng.randint(18, 28), slots[first].start, slots[last].end, prefs)
        )
    apprentices = [
        Apprentice(a, f"A{a}", None if a % 3 else frozenset({1, 2})) for a in range(1, n_workshops + 1)
    ]
    return ForumProblem(slots, workshops, classes, apprentices)


def brute_force(problem: ForumProblem) -> int | None:
    """The best objective over every assignment that passes check_plan (None if none does)."""
    per_class = []
    for group in problem.classes:
        present = problem.present(group)
        options = []
        for combo in itertools.permutations([w.id for w in problem.workshops], len(present)):
            options.append({(group.id, s.id): w for s, w in zip(present, combo, strict=True)})
        per_class.append(options)
    best = None
    for choice in itertools.product(*per_class):
        assignment = {}
        for part in choice:
            assignment.update(part)
        if not check_plan(problem, assignment):
            value = objective_of(problem, assignment)
            best = value if best is None or value > best else best
    return best


@pytest.mark.parametrize("seed", range(8))
def test_the_solver_finds_the_brute_force_optimum_on_small_days(seed):
    problem = small_problem(seed)

    plan = solve(problem, time_limit=10, workers=1)
    expected = brute_force(problem)

    if expected is None:
        assert plan.status == "INFEASIBLE"
    else:
        assert plan.status == "OPTIMAL"
        assert plan.objective == expected
        assert check_plan(problem, plan.assignment) == []


@pytest.mark.parametrize("n_classes", [20, 40])
def test_plans_respect_every_rule(n_classes):
    problem = forum_instance(n_classes)

    plan = solve(problem, time_limit=20)

    assert plan.found
    assert check_plan(problem, plan.assignment) == []
    for group in problem.classes:
        present = {s.id for s in problem.present(group)}
        visited = [w for (c, s), w in plan.assignment.items() if c == group.id]
        assert {s for (c, s) in plan.assignment if c == group.id} == present  # one workshop per slot present
        assert len(visited) == len(set(visited))  # never twice the same workshop
    for slot in problem.slots:  # apprentices in one place at a time
        placed = [a for (w, s), people in plan.staffing.items() if s == slot.id for a in people]
        assert len(placed) == len(set(placed))
        for (w, s), people in plan.staffing.items():
            workshop = next(x for x in problem.workshops if x.id == w)
            assert set(people) <= set(workshop.apprentices)
            assert all(problem.available(a, s) for a in people)


def test_the_plan_beats_or_equals_first_come_first_served():
    problem = forum_instance(40)

    plan, baseline = solve(problem, time_limit=20), greedy(problem)

    assert baseline.found and plan.found
    assert plan.objective >= baseline.objective
    assert check_plan(problem, baseline.assignment) == []


def test_tension_trades_are_spread_across_classes():
    slots = [Slot(i, 540 + 60 * i, 580 + 60 * i) for i in range(3)]
    workshops = [
        Workshop(1, "Robotique", 100, False, (1,)),
        Workshop(2, "Additive", 100, False, (2,)),
        Workshop(3, "Usinage", 100, True, (3,)),
        Workshop(4, "Maintenance", 100, True, (4,)),
    ]
    classes = [ClassGroup(c, f"C{c}", 25, 500, 800, (1, 2)) for c in range(1, 4)]
    problem = ForumProblem(
        slots,
        workshops,
        classes,
        [Apprentice(a, f"A{a}") for a in range(1, 5)],
        tension_target=1,
        tension_weight=5,
    )

    plan = solve(problem)

    for group in classes:
        visited = {plan.assignment[(group.id, s.id)] for s in slots}
        assert visited & {3, 4}, f"{group.label} sees no tension trade"
        assert {1, 2} <= visited  # and still gets both its choices


def test_an_apprentice_runs_one_workshop_at_a_time():
    slots = [Slot(1, 540, 580, "9h")]
    workshops = [Workshop(1, "Robotique", 30, False, (7,)), Workshop(2, "Usinage", 30, False, (7,))]
    classes = [ClassGroup(1, "3e A", 25, 500, 600), ClassGroup(2, "3e B", 25, 500, 600)]
    problem = ForumProblem(slots, workshops, classes, [Apprentice(7, "Léa")])

    plan = solve(problem)

    assert plan.status == "INFEASIBLE"
    assert any("Robotique" in r or "Usinage" in r for r in plan.reasons)


def test_an_impossible_day_says_which_slot_is_short():
    slots = [Slot(1, 540, 580, "9h00"), Slot(2, 590, 630, "9h50")]
    workshops = [Workshop(1, "Robotique", 30, False, (1,)), Workshop(2, "Usinage", 30, True, (2,))]
    classes = [ClassGroup(c, f"3e {c}", 25, 500, 700) for c in range(1, 4)]
    problem = ForumProblem(slots, workshops, classes, [Apprentice(1, "A"), Apprentice(2, "B")])

    plan = solve(problem)

    assert plan.status == "INFEASIBLE"
    assert any("Créneau 9h00" in r and "75 élèves" in r and "60 places" in r for r in plan.reasons)


def test_an_absent_apprentice_makes_the_day_impossible_and_is_named():
    slots = [Slot(1, 540, 580, "9h00"), Slot(2, 590, 630, "9h50")]
    workshops = [Workshop(1, "Robotique", 30, False, (1,)), Workshop(2, "Usinage", 30, True, (2,))]
    classes = [ClassGroup(1, "3e A", 25, 500, 700), ClassGroup(2, "3e B", 25, 500, 700)]
    problem = ForumProblem(
        slots, workshops, classes, [Apprentice(1, "Léa"), Apprentice(2, "Tom", frozenset({1}))]
    )

    plan = solve(problem)

    assert plan.status == "INFEASIBLE"
    assert any("Usinage" in r and "9h50" in r for r in plan.reasons)


def test_a_class_present_longer_than_there_are_workshops_is_reported():
    slots = [Slot(i, 540 + 50 * i, 580 + 50 * i, f"S{i}") for i in range(3)]
    workshops = [Workshop(1, "Robotique", 30, False, (1,)), Workshop(2, "Usinage", 30, False, (2,))]
    problem = ForumProblem(
        slots,
        workshops,
        [ClassGroup(1, "3e A", 20, 500, 800)],
        [Apprentice(1, "A"), Apprentice(2, "B")],
    )

    plan = solve(problem)

    assert plan.status == "INFEASIBLE"
    assert "referait un atelier" in plan.reasons[0]


def test_check_plan_names_each_broken_rule():
    problem = small_problem(1)
    plan = solve(problem)
    group = problem.classes[0]
    slots = [s.id for s in problem.present(group)]
    broken = dict(plan.assignment)
    broken[(group.id, slots[1])] = broken[(group.id, slots[0])]

    codes = {v.code for v in check_plan(problem, broken)}

    assert "repeat" in codes


@settings(max_examples=15, deadline=None)
@given(st.integers(min_value=0, max_value=10_000))
def test_any_plan_found_holds_and_its_objective_is_what_it_says(seed):
    problem = small_problem(seed, n_classes=4)

    plan = solve(problem, time_limit=5, workers=1)

    if plan.found:
        assert check_plan(problem, plan.assignment) == []
        assert plan.objective == objective_of(problem, plan.assignment)
    else:
        assert plan.reasons
