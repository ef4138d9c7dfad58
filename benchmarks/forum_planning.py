"""Forum-day planning: CP-SAT against a first-come, first-served allocation on the same days.

Forum days of 20, 40 and 80 classes (fixed seed; 8 workshops, 6 slots with a break, classes
arriving and leaving by bus, each ranking 4 workshops, tension trades the least asked for).
Prints, per size, the solve time, status, objective, the greedy objective and their ratio.
"""

import argparse
import time

from hall32.outreach.optimisation.forum import check_plan, greedy, solve
from hall32.outreach.optimisation.instances import forum_instance


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    last = ""
    for size in (20, 40, 80):
        problem = forum_instance(size, seed=32)
        started = time.perf_counter()
        baseline = greedy(problem)
        greedy_seconds = time.perf_counter() - started
        plan = solve(problem, time_limit=args.time_limit, workers=args.workers)
        valid = plan.found and not check_plan(problem, plan.assignment)
        ratio = plan.objective / baseline.objective if plan.found and baseline.found else float("nan")
        print(
            f"classes={size:3d} status={plan.status:<10} seconds={plan.seconds:6.2f} objective={plan.objective} "
            f"bound={plan.bound:.0f} greedy={baseline.objective} greedy_seconds={greedy_seconds:.3f} "
            f"vs_greedy={ratio:.3f} valid={valid}"
        )
        last = f"forum_planning classes={size} status={plan.status} seconds={plan.seconds:.2f} vs_greedy={ratio:.3f}"
    print(last)


if __name__ == "__main__":
    main()
