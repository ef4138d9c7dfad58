"""The job-shop scheduler, without a database."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hall32.industry.optimisation.jobshop import (
    JobShop,
    Operation,
    best_dispatch,
    check_schedule,
    makespan_of,
    read_instance,
    solve,
    solve_plain,
)

FT06 = (Path(__file__).parent / "data" / "ft06.txt").read_text()


def test_the_scheduler_reaches_the_optimum_55_on_ft06_with_a_valid_schedule():
    problem = read_instance(FT06)
    result = solve(problem, time_limit=20)
    assert result.status == "OPTIMAL"
    assert result.makespan == 55
    assert check_schedule(problem, result.starts) == []
    assert makespan_of(problem, result.starts) == 55


def test_the_plain_baseline_also_solves_ft06():
    result = solve_plain(read_instance(FT06), time_limit=20)
    assert result.makespan == 55


def test_the_checker_catches_an_overlap_and_a_broken_route():
    problem = JobShop([[Operation(0, 3), Operation(1, 2)], [Operation(0, 2)]])
    assert check_schedule(problem, [[0, 3], [3]]) == []
    assert any("overlaps" in e for e in check_schedule(problem, [[0, 3], [1]]))
    assert any("before op 0 ends" in e for e in check_schedule(problem, [[0, 2], [3]]))


def test_fixed_windows_are_kept_free():
    problem = JobShop([[Operation(0, 4)], [Operation(0, 3)]], fixed={0: [(2, 10)]})
    result = solve(problem, time_limit=5)
    assert check_schedule(problem, result.starts) == []
    assert result.makespan == 17  # 0-2 is too short for either; 10-14 and 14-17


def test_a_problem_that_cannot_fit_its_horizon_limit_is_reported_infeasible():
    problem = JobShop([[Operation(0, 5), Operation(1, 5)]], horizon_limit=8)
    result = solve(problem, time_limit=5)
    assert not result.found
    assert result.status == "INFEASIBLE"


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.lists(st.tuples(st.integers(0, 3), st.integers(1, 9)), min_size=1, max_size=4),
        min_size=1,
        max_size=5,
    )
)
def test_dispatching_rules_and_cp_sat_always_give_valid_schedules(jobs):
    problem = JobShop([[Operation(m, d) for m, d in job] for job in jobs])
    heuristic = best_dispatch(problem)
    assert check_schedule(problem, heuristic) == []
    result = solve(problem, time_limit=2, workers=1)
    assert check_schedule(problem, result.starts) == []
    assert problem.lower_bound <= result.makespan <= makespan_of(problem, heuristic)


@pytest.mark.parametrize("rule", ["mwkr", "mor", "spt", "lpt", "fifo"])
def test_each_dispatching_rule_respects_fixed_windows(rule):
    from hall32.industry.optimisation.jobshop import dispatch

    problem = JobShop(
        [[Operation(0, 3), Operation(1, 2)], [Operation(1, 4), Operation(0, 1)]],
        fixed={0: [(1, 6)], 1: [(0, 2)]},
    )
    assert check_schedule(problem, dispatch(problem, rule)) == []
