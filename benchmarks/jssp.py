"""Job-shop scheduling: the Pôle Industrie scheduler on the classic instances.

Reads the instances of ../shared/benchmarks/jssp (format and best-known makespans in its README),
solves each with a time limit, checks every schedule with its own checker (not the solver's), and
prints per instance the makespan, the best known value and the gap.

Standard set (default): ft06, ft10, ft20, la01-la20, abz5-6, orb01-10. Last line:
    jssp instances=<n> mean_gap_pct=<x> max_gap_pct=<y>
With --hard: la21-la40 and ta11-ta30, each solved by the scheduler and, with the same time and
cores, by a plain CP-SAT model (interval variables and no-overlap, default parameters). Last line:
    jssp tier=hard mean_gap_pct=<x> baseline_mean_gap_pct=<y>
"""

from __future__ import annotations

import argparse
import csv
import functools
import sys
from pathlib import Path

from hall32.industry.optimisation.jobshop import JobShop, read_instance, solve, solve_plain

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "benchmarks" / "jssp"
STANDARD = (
    ["ft06", "ft10", "ft20"]
    + [f"la{i:02d}" for i in range(1, 21)]
    + ["abz5", "abz6"]
    + [f"orb{i:02d}" for i in range(1, 11)]
)
HARD = [f"la{i:02d}" for i in range(21, 41)] + [f"ta{i:02d}" for i in range(11, 31)]


def violations(text: str, starts: list[list[int]]) -> list[str]:
    """Checks a schedule against the instance file itself: route order, one operation at a time
    per machine, every operation present with its processing time, no negative start."""
    rows = [list(map(int, line.split())) for line in text.strip().splitlines() if line.strip()]
    n_jobs, n_machines = rows[0]
    problems, per_machine = [], {}
    if len(starts) != n_jobs:
        return [f"{len(starts)} jobs scheduled, {n_jobs} expected"]
    for j in range(n_jobs):
        route = rows[1 + j]
        if len(starts[j]) != n_machines:
            problems.append(f"job {j}: {len(starts[j])} operations scheduled, {n_machines} expected")
            continue
        previous_end = 0
        for k in range(n_machines):
            machine, duration, start = route[2 * k], route[2 * k + 1], starts[j][k]
            if start < previous_end:
                problems.append(f"job {j} operation {k} starts at {start} before {previous_end}")
            previous_end = start + duration
            per_machine.setdefault(machine, []).append((start, start + duration, j))
    for machine, spans in per_machine.items():
        spans.sort()
        for (s1, e1, j1), (s2, _e2, j2) in zip(spans, spans[1:], strict=False):
            if s2 < e1:
                problems.append(f"machine {machine}: job {j1} [{s1}, {e1}) overlaps job {j2} from {s2}")
    return problems


def makespan(text: str, starts: list[list[int]]) -> int:
    rows = [list(map(int, line.split())) for line in text.strip().splitlines() if line.strip()]
    return max(starts[j][-1] + rows[1 + j][-1] for j in range(rows[0][0]))


def references(data: Path) -> tuple[dict[str, tuple[int, bool]], dict[str, int]]:
    with (data / "optima.csv").open() as handle:
        best = {
            r["name"]: (int(r["best_known_makespan"]), r["proven_optimal"] == "yes")
            for r in csv.DictReader(handle)
        }
    lower = {}
    bounds = data / "open_bounds.csv"
    if bounds.exists():
        with bounds.open() as handle:
            for r in csv.DictReader(handle):
                lower[r["name"]] = int(r["lower_bound"])
    return best, lower


def measure(
    name: str,
    text: str,
    problem: JobShop,
    solver,
    *,
    time_limit: float,
    workers: int,
    best: tuple[int, bool],
    lower: int | None,
) -> tuple[float, str]:
    result = solver(problem, time_limit=time_limit, workers=workers)
    if not result.found:
        return float("inf"), f"status={result.status} no schedule"
    wrong = violations(text, result.starts)
    value = makespan(text, result.starts)
    if wrong:
        raise SystemExit(f"{name}: INVALID schedule: {wrong[0]} ({len(wrong)} problems)")
    known, proven = best
    if (proven and value < known) or (lower is not None and value < lower):
        raise SystemExit(f"{name}: makespan {value} below the proven bound {lower or known}: a checker bug")
    gap = 100.0 * (value - known) / known
    return gap, f"makespan={value} status={result.status} seconds={result.seconds:.1f} gap_pct={gap:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("time_limit", nargs="?", type=float, default=60.0, help="seconds per instance (60)")
    parser.add_argument("--hard", action="store_true", help="la21-la40 and ta11-ta30 against the plain model")
    parser.add_argument("--workers", type=int, default=2, help="CP-SAT workers for both solvers (2)")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--only", nargs="*", help="a subset of instance names")
    args = parser.parse_args()
    if not (args.data / "optima.csv").exists():
        sys.exit(f"{args.data}: no optima.csv; pass --data with the folder of the JSSP instances")
    best, lower = references(args.data)
    names = args.only or (HARD if args.hard else STANDARD)
    ours, baseline = [], []
    for name in names:
        text = (args.data / f"{name}.txt").read_text()
        problem = read_instance(text)
        size = f"{len(problem.jobs)}x{len(problem.machines)}"
        run = functools.partial(
            measure,
            name,
            text,
            problem,
            time_limit=args.time_limit,
            workers=args.workers,
            best=best[name],
            lower=lower.get(name),
        )
        gap, line = run(solve)
        ours.append(gap)
        row = f"{name:6} {size:6} best_known={best[name][0]} {line}"
        if args.hard:
            base_gap, base_line = run(solve_plain)
            baseline.append(base_gap)
            row += f" | baseline {base_line}"
        print(row, flush=True)
    mean = sum(ours) / len(ours)
    if args.hard:
        print(
            f"jssp tier=hard mean_gap_pct={mean:.3f} baseline_mean_gap_pct={sum(baseline) / len(baseline):.3f}"
        )
    else:
        print(f"jssp instances={len(ours)} mean_gap_pct={mean:.3f} max_gap_pct={max(ours):.3f}")


if __name__ == "__main__":
    main()
