"""Matching candidates with apprenticeship offers: the optimal assignment against greedy and
deferred acceptance on the same instances.

Random instances with a fixed seed (hall32/network/optimisation/instances.py): 200, 2,000 and a
regional 20,000 candidates within 150 km of Clermont-Ferrand, against offers of 1 to 5 places
(places for about 80% of the candidates), admissible pairs limited to 60 km. Per size and per
assignment: seconds (scoring and blocking pairs included: each computes its pairs afresh), total
score, number placed, blocking pairs; greedy (best pair first) is the baseline. Last lines:
    matching n=2000 seconds=<s> vs_greedy=<ratio>
    matching n=20000 seconds=<s> vs_greedy=<ratio> stable_blocking=<n>
(seconds: the optimal assignment's; stable_blocking: deferred acceptance's blocking pairs).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hall32.network.optimisation.instances import market
from hall32.network.optimisation.matching import deferred_acceptance, greedy, optimal
from hall32.network.optimisation.pairs import admissible_pairs


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seed", type=int, default=32)
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 2000, 20000])
    args = parser.parse_args()
    last: dict[int, str] = {}
    for size in args.sizes:
        candidates, offers = market(size, seed=args.seed)
        pairs = admissible_pairs(candidates, offers)
        places = sum(o.capacity for o in offers)
        print(
            f"candidates={size:5d} offers={len(offers):5d} places={places:5d} pairs={len(pairs):7d} "
            f"scoring_seconds={pairs.seconds:.2f}"
        )
        results = {f.__name__: f(candidates, offers) for f in (optimal, greedy, deferred_acceptance)}
        for name, result in results.items():
            print(
                f"  {name:<20} seconds={result.seconds:6.2f} total={result.total_score:10.1f} "
                f"placed={result.placed:5d} blocking={len(result.blocking_pairs)}"
            )
        best, baseline = results["optimal"], results["greedy"]
        ratio = best.total_score / baseline.total_score if baseline.total_score else float("nan")
        last[size] = f"matching n={size} seconds={best.seconds:.2f} vs_greedy={ratio:.3f}"
        if size == max(args.sizes):
            last[size] += f" stable_blocking={len(results['deferred_acceptance'].blocking_pairs)}"
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"load average {load} on {os.cpu_count()} CPUs")
    for size in args.sizes[-2:]:
        print(last[size])


if __name__ == "__main__":
    main()
