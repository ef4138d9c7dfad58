"""The line simulator, without a database: closed forms, validation, the investment search."""

import math

import pytest

from hall32.industry.simulation.line import (
    Distribution,
    Line,
    LineError,
    Problem,
    Settings,
    Station,
    improve,
    parse_line,
    run,
    simulate,
)


def exp(mean):
    return Distribution("exponential", (mean,))


def fixed(value):
    return Distribution("deterministic", (value,))


def test_an_mm1_station_matches_its_closed_form_with_a_fixed_seed():
    # lambda = 0.5/min, mu = 1/min: rho = 0.5, L = 1, W = 2 min, Lq = 0.5, 30 parts per hour.
    line = Line((Station("M/M/1", exp(1.0)),), exp(2.0))
    result = run(line, Settings(horizon=150_000, warmup=1_500, replications=4, seed=11))
    assert result.throughput.mean == pytest.approx(30.0, rel=0.02)
    assert result.wip.mean == pytest.approx(1.0, rel=0.04)
    assert result.lead_time.mean == pytest.approx(2.0, rel=0.04)
    assert result.stations[0].buffer_wip.mean == pytest.approx(0.5, rel=0.06)
    assert result.stations[0].processing.mean == pytest.approx(0.5, rel=0.03)
    assert result.throughput.low <= 30.0 <= result.throughput.high + 0.5


def test_the_same_seed_gives_the_same_figures():
    line = Line((Station("A", exp(1.0)), Station("B", exp(0.8), buffer=3)), exp(1.5))
    first = simulate(line, horizon=5_000, warmup=100, seed=5)
    second = simulate(line, horizon=5_000, warmup=100, seed=5)
    assert first == second


def test_a_saturated_deterministic_line_runs_at_its_bottleneck_and_says_which():
    line = Line(tuple(Station(n, fixed(t), buffer=2) for n, t in [("A", 1.0), ("B", 3.0), ("C", 2.0)]))
    result = run(line, Settings(horizon=6_000, warmup=600, replications=1))
    assert result.throughput.mean == pytest.approx(20.0, rel=0.01)
    assert result.stations[result.bottleneck].name == "B"
    assert result.stations[0].blocked.mean > 0.5  # A waits for room in front of B
    assert result.stations[2].starved.mean == pytest.approx(1 / 3, abs=0.02)


def test_failures_take_the_expected_share_of_time():
    # 10 % of the time under repair: MTBF 90 min of work, MTTR 10 min, saturated.
    line = Line((Station("A", fixed(1.0), mtbf=90, mttr=10),))
    result = run(line, Settings(horizon=200_000, warmup=1_000, replications=3, seed=3))
    assert result.stations[0].failed.mean == pytest.approx(0.10, abs=0.01)
    assert result.throughput.mean == pytest.approx(54.0, rel=0.02)


def test_setups_every_batch_slow_the_station():
    line = Line((Station("A", fixed(1.0), setup=10, batch=10),))
    result = run(line, Settings(horizon=20_000, warmup=100, replications=1))
    assert result.throughput.mean == pytest.approx(30.0, rel=0.01)  # 20 min per 10 parts


def test_a_rework_loop_sends_parts_back_as_often_as_routed():
    spec = {
        "arrival": {"kind": "exponential", "mean": 4},
        "stations": [
            {"name": "Usinage", "process": {"kind": "exponential", "mean": 1}},
            {
                "name": "Contrôle",
                "process": {"kind": "deterministic", "value": 0.5},
                "routes": [{"to": "exit", "probability": 0.8}, {"to": 0, "probability": 0.2}],
            },
        ],
    }
    line = parse_line(spec)
    assert list(line.visits()) == pytest.approx([1.25, 1.25])
    result = run(line, Settings(horizon=100_000, warmup=1_000, replications=2, seed=2))
    assert result.throughput.mean == pytest.approx(15.0, rel=0.03)
    assert result.stations[0].processing.mean == pytest.approx(1.25 / 4, rel=0.05)


def test_bad_lines_are_refused_field_by_field():
    spec = {
        "arrival": {"kind": "poisson", "mean": 2},
        "stations": [
            {"name": "A", "process": {"kind": "weibull", "mean": 3}},
            {"name": "B", "process": {"kind": "exponential", "mean": -4}, "setup": -1, "capacity": 0},
            {"name": "C", "process": {"kind": "triangular", "low": 5, "mode": 2, "high": 9}, "mtbf": 100},
        ],
    }
    with pytest.raises(LineError) as caught:
        parse_line(spec)
    errors = caught.value.errors
    assert errors["stations.0.process.kind"][0].code == "unknown"
    assert errors["stations.0.process.kind"][0].params["kind"] == "weibull"
    assert errors["arrival.kind"][0].params["kind"] == "poisson"
    assert errors["stations.1.process.mean"] == [Problem("negative")]
    assert errors["stations.1.setup"] == [Problem("negative")]
    assert "stations.1.capacity" in errors
    assert "stations.2.process.mode" in errors
    assert "stations.2.mttr" in errors


def test_a_loop_that_never_lets_parts_out_is_refused():
    spec = {
        "stations": [
            {
                "name": "A",
                "process": {"kind": "deterministic", "value": 1},
                "routes": [{"to": 0, "probability": 1.0}],
            }
        ]
    }
    with pytest.raises(LineError) as caught:
        parse_line(spec)
    assert "stations" in caught.value.errors


def test_the_cheapest_addition_that_reaches_the_target_is_found():
    # B is the bottleneck (20/h); C is next (30/h). Reaching 28/h needs a second B (cost 50 000);
    # adding C alone (cheaper) cannot, and its bound rules it out without simulating.
    line = Line(
        (
            Station("A", fixed(1.0), buffer=5, investment=80_000),
            Station("B", fixed(3.0), buffer=5, investment=50_000),
            Station("C", fixed(2.0), buffer=5, investment=20_000),
        )
    )
    found = improve(
        line, target=28.0, settings=Settings(horizon=3_000, warmup=300, replications=1), max_added=2
    )
    assert found.best is not None
    assert found.best.added == {1: 1}
    assert found.best.cost == 50_000
    assert found.best.throughput.mean >= 28.0
    assert found.simulated <= 3


def test_an_unreachable_target_says_so():
    line = Line((Station("A", fixed(2.0), investment=None),))
    found = improve(line, target=60.0, settings=Settings(horizon=1_000, warmup=10, replications=1))
    assert found.best is None
    assert math.isclose(line.throughput_bound(), 30.0)
