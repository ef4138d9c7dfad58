"""Line simulator against lines that have closed forms.

- an M/M/1 station (Poisson arrivals, exponential service, unlimited buffer);
- a 3-station tandem Jackson line (each station behaves as an independent M/M/1);
- a deterministic serial line fed below its bottleneck rate (no queue ever forms).

For each: simulated (mean of the replications, with its 95 % interval) against theoretical
throughput, WIP and lead time, and the relative errors; then events per second, with the speed of
a bare SimPy loop measured in the same run as the baseline. Last line:
    line_sim max_rel_err_pct=<x> events_per_s=<n>
"""

from __future__ import annotations

import argparse
import time

import simpy

from hall32.industry.simulation.line import Distribution, Line, Settings, Station, run


def exp(mean: float) -> Distribution:
    return Distribution("exponential", (mean,))


def fixed(value: float) -> Distribution:
    return Distribution("deterministic", (value,))


def cases() -> list[tuple[str, Line, dict[str, float]]]:
    out = []
    # M/M/1: lambda = 0.5 / min, mu = 1 / min.
    lam, mu = 0.5, 1.0
    rho = lam / mu
    out.append(
        (
            "mm1",
            Line((Station("M/M/1", exp(1 / mu)),), exp(1 / lam)),
            {
                "throughput": 60 * lam,
                "wip": rho / (1 - rho),
                "lead_time": 1 / (mu - lam),
                "queue": rho**2 / (1 - rho),
            },
        )
    )
    # Jackson tandem: each station an M/M/1 with the same arrival rate.
    means = [1.0, 1.2, 0.8]
    rhos = [lam * m for m in means]
    wip = sum(r / (1 - r) for r in rhos)
    out.append(
        (
            "jackson3",
            Line(tuple(Station(f"S{i + 1}", exp(m)) for i, m in enumerate(means)), exp(1 / lam)),
            {
                "throughput": 60 * lam,
                "wip": wip,
                "lead_time": wip / lam,
                "queue": rhos[1] ** 2 / (1 - rhos[1]),
            },
        )
    )
    # Deterministic serial line, one part every 1.5 min, stations of 1.0, 1.4 and 0.7 min.
    times, between = [1.0, 1.4, 0.7], 1.5
    out.append(
        (
            "deterministic3",
            Line(
                tuple(Station(f"D{i + 1}", fixed(t), buffer=2) for i, t in enumerate(times)), fixed(between)
            ),
            {"throughput": 60 / between, "wip": sum(times) / between, "lead_time": sum(times), "queue": 0.0},
        )
    )
    return out


def bare_simpy(events: int) -> float:
    """Events per second of SimPy itself: one process yielding timeouts."""
    env = simpy.Environment()

    def ticker():
        for _ in range(events):
            yield env.timeout(1)

    env.process(ticker())
    started = time.perf_counter()
    env.run()
    return events / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--horizon", type=float, default=400_000.0, help="minutes per replication")
    parser.add_argument("--replications", type=int, default=5)
    parser.add_argument("--seed", type=int, default=32)
    args = parser.parse_args()
    settings = Settings(
        horizon=args.horizon, warmup=args.horizon / 100, replications=args.replications, seed=args.seed
    )
    worst, events, seconds = 0.0, 0, 0.0
    for name, line, theory in cases():
        result = run(line, settings)
        simulated = {
            "throughput": result.throughput,
            "wip": result.wip,
            "lead_time": result.lead_time,
            "queue": result.stations[1 if len(result.stations) > 1 else 0].buffer_wip,
        }
        parts = []
        for key, value in simulated.items():
            expected = theory[key]
            error = abs(value.mean - expected) / expected * 100 if expected else abs(value.mean) * 100
            if key != "queue" or expected:  # an empty queue has no relative error; shown, not counted
                worst = max(worst, error)
            parts.append(
                f"{key}={value.mean:.4f}±{value.half_width:.4f} theory={expected:.4f} err_pct={error:.2f}"
            )
        events += result.events
        seconds += result.seconds
        print(
            f"{name:15} " + " ".join(parts) + f" events={result.events} seconds={result.seconds:.2f}",
            flush=True,
        )
    rate = events / seconds
    baseline = bare_simpy(1_000_000)
    print(f"bare_simpy events_per_s={baseline:.0f} line_sim_vs_bare={rate / baseline:.2f}")
    print(f"line_sim max_rel_err_pct={worst:.3f} events_per_s={rate:.0f}")


if __name__ == "__main__":
    main()
