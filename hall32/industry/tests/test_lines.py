"""Modular-line configurations: saved only when the simulator accepts them, refused field by
field; simulated in a background job; compared side by side; answered "what to add"."""

import ast
import json
from pathlib import Path

import pytest
from django.urls import reverse

from hall32.core.errors import DomainError
from hall32.core.roles import Role
from hall32.industry.models import LineConfiguration, LineModule, SimulationRun
from hall32.industry.services import lines as services
from hall32.industry.simulation import line as sim

pytestmark = pytest.mark.django_db


def module(name, distribution="deterministic", p1=5.0, **extra):
    row = {
        "name": name,
        "kind": "machining",
        "distribution": distribution,
        "p1": p1,
        "p2": None,
        "p3": None,
        "capacity": 1,
        "buffer": 3,
        "mtbf_hours": None,
        "mttr_minutes": None,
        "setup_minutes": 0.0,
        "batch": 1,
        "investment": None,
        "routes": [],
    }
    row.update(extra)
    return row


def new_line(user=None, **fields):
    return services.line_save(
        line=LineConfiguration(
            name=fields.pop("name", "Ligne"), horizon_hours=100, warmup_hours=5, replications=2, **fields
        ),
        modules=[
            module("Impression", p1=6.0, investment=100000),
            module("Usinage", p1=10.0, investment=60000),
        ],
        by=user,
    )


def test_a_line_with_an_unknown_distribution_or_a_negative_time_is_refused_field_by_field():
    line = LineConfiguration(name="Mauvaise", horizon_hours=100, warmup_hours=5)

    with pytest.raises(DomainError) as refused:
        services.line_save(
            line=line, modules=[module("A", distribution="weibull"), module("B", p1=-3.0, setup_minutes=-1)]
        )

    errors = refused.value.errors
    assert "weibull" in errors["stations.0.process.kind"][0]
    assert errors["stations.1.process.value"] == ["Une durée ne peut pas être négative."]
    assert errors["stations.1.setup"] == ["Une durée ne peut pas être négative."]
    assert not LineConfiguration.objects.exists() and not LineModule.objects.exists()
    form_fields = services.form_errors(errors, {0: "weibull", 1: "deterministic"})
    assert set(form_fields) >= {"modules-0-distribution", "modules-1-p1", "modules-1-setup_minutes"}


def test_every_problem_the_simulator_names_has_words_in_the_service():
    source = Path(sim.__file__).read_text(encoding="utf-8")
    codes = {
        node.args[0].value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Problem" and node.args
    }

    worded = {
        code: services.line_problem_message(
            sim.Problem(code, {"kind": "x", "choices": "y", "min": 1, "sum": 80, "target": 9})
        )
        for code in codes
    }

    assert len(codes) >= 10
    assert worded["routes_sum"] == "Les probabilités des suites doivent faire 100 % (ici 80 %)."
    assert worded["negative"] == "Une durée ne peut pas être négative."


def test_the_form_puts_each_refusal_next_to_its_field(client, engineer):
    client.force_login(engineer)
    data = {
        "name": "Ligne test",
        "horizon_hours": 100,
        "warmup_hours": 5,
        "replications": 2,
        "seed": 1,
        "modules-TOTAL_FORMS": 2,
        "modules-INITIAL_FORMS": 0,
        "modules-MIN_NUM_FORMS": 1,
        "modules-MAX_NUM_FORMS": 20,
    }
    for i, (name, p1) in enumerate([("Impression", "6"), ("Usinage", "-2")]):
        data.update(
            {
                f"modules-{i}-name": name,
                f"modules-{i}-kind": "machining",
                f"modules-{i}-distribution": "exponential",
                f"modules-{i}-p1": p1,
                f"modules-{i}-capacity": 1,
                f"modules-{i}-batch": 1,
            }
        )

    response = client.post(reverse("industry:line_create"), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_modules-1-p1_error"' in page
    assert "Une durée ne peut pas être négative." in page
    assert not LineConfiguration.objects.exists()


def test_the_api_refuses_a_bad_line_with_the_field_paths(client, engineer):
    client.force_login(engineer)
    payload = {
        "name": "Ligne API",
        "stations": [
            {"name": "A", "process": {"kind": "gamma", "mean": 3}},
            {"name": "B", "process": {"kind": "exponential", "mean": -1}},
        ],
    }

    response = client.post("/api/industry/lines", json.dumps(payload), content_type="application/json")

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert "gamma" in errors["stations.0.process.kind"][0]
    assert "stations.1.process.mean" in errors
    assert not LineConfiguration.objects.exists()


def test_the_api_creates_a_line_then_simulates_it(client, engineer, django_capture_on_commit_callbacks):
    client.force_login(engineer)
    payload = {
        "name": "Ligne API",
        "horizon_hours": 200,
        "warmup_hours": 10,
        "replications": 2,
        "stations": [
            {"name": "Impression", "process": {"kind": "deterministic", "value": 6}, "buffer": 2},
            {"name": "Contrôle", "process": {"kind": "uniform", "low": 2, "high": 4}, "buffer": 2},
        ],
    }

    created = client.post("/api/industry/lines", json.dumps(payload), content_type="application/json")
    line_id = created.json()["id"]
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(f"/api/industry/lines/{line_id}/simulate")
    result = client.get(f"/api/industry/simulations/{started.json()['id']}").json()

    assert created.status_code == 201
    assert started.status_code == 202
    assert result["job_status"] == "succeeded"
    assert result["result"]["throughput"]["mean"] == pytest.approx(10.0, rel=0.01)  # one part every 6 min
    assert result["result"]["stations"][0]["name"] == "Impression"


def test_simulating_from_the_page_stores_the_figures_and_shows_the_bottleneck(
    client, engineer, django_capture_on_commit_callbacks
):
    line = new_line(engineer)
    client.force_login(engineer)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("industry:line_simulate", args=[line.pk]))
    page = client.get(line.get_absolute_url()).content.decode()

    run = SimulationRun.objects.get()
    assert run.result["bottleneck"] == 1  # Usinage, 10 min a part
    assert run.result["throughput"]["mean"] == pytest.approx(6.0, rel=0.02)
    assert "goulot" in page and "Usinage" in page


def test_the_investment_search_names_the_cheapest_addition(engineer):
    line = new_line(engineer, target_per_hour=9.0)

    run = services.simulation_start(line=line, by=engineer, kind=SimulationRun.Kind.IMPROVE)
    if run.finished_at is None:  # the eager task runs at commit; inside a test transaction, run it now
        services.simulation_compute(job_id=run.job_id)
    run.refresh_from_db()

    best = run.result["best"]
    assert [a["name"] for a in best["added"]] == ["Usinage"]
    assert best["cost"] == 60000
    assert best["throughput"]["mean"] >= 9.0


def test_the_investment_search_needs_a_target(engineer):
    line = new_line(engineer)

    with pytest.raises(DomainError) as refused:
        services.simulation_start(line=line, by=engineer, kind=SimulationRun.Kind.IMPROVE)

    assert "target_per_hour" in refused.value.errors


def test_configurations_are_compared_side_by_side(client, engineer):
    first, second = new_line(engineer, name="Actuelle"), new_line(engineer, name="Variante")
    for line, throughput in [(first, 4.5), (second, 6.25)]:
        SimulationRun.objects.create(
            line=line,
            spec=services.line_spec(line),
            result={
                "throughput": {"mean": throughput, "half_width": 0.1},
                "lead_time": {"mean": 30.0, "half_width": 1.0},
                "wip": {"mean": 3.0, "half_width": 0.2},
                "bottleneck": 1,
                "stations": [{"name": "Impression"}, {"name": "Usinage"}],
            },
            finished_at="2026-11-20T10:00:00Z",
        )
    client.force_login(engineer)

    page = client.get(reverse("industry:line_compare"), {"ids": [first.pk, second.pk]}).content.decode()

    assert "Actuelle" in page and "Variante" in page
    assert "4,50" in page and "6,25" in page


def test_a_client_sees_its_own_line_studies_only(client, make_user, engineer):
    from hall32.core.tests.factories import OrganisationFactory

    emilie = make_user(Role.CLIENT)
    emilie.person.organisation = OrganisationFactory()
    emilie.person.save()
    ours = new_line(engineer, name="Notre ligne", client=emilie.person.organisation)
    theirs = new_line(engineer, name="Ligne d'un autre")
    client.force_login(emilie)

    assert client.get(ours.get_absolute_url()).status_code == 200
    assert client.get(theirs.get_absolute_url()).status_code == 404
    listing = client.get(reverse("industry:line_list")).content.decode()
    assert "Notre ligne" in listing and "Ligne d&#x27;un autre" not in listing
