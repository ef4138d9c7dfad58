"""Modular-line configurations and their simulations ("test before investing").

A configuration is stored as rows (the line and its modules) and simulated from its spec, the
JSON the simulator reads (times in minutes). Saving goes through the simulator's own validation,
so that a configuration that is stored can always be simulated; its refusals name each field.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hall32.core import services as core_services
from hall32.core.jobs import run_reporting
from hall32.core.models import Job, User
from hall32.core.services import validated_save
from hall32.industry.errors import IndustryError
from hall32.industry.models import LineConfiguration, LineModule, SimulationRun
from hall32.industry.simulation import line as sim

MODULE_FIELDS = [
    "name",
    "kind",
    "distribution",
    "p1",
    "p2",
    "p3",
    "capacity",
    "buffer",
    "mtbf_hours",
    "mttr_minutes",
    "setup_minutes",
    "batch",
    "investment",
    "routes",
]


def _params(kind: str, values: list[float | None]) -> dict[str, float | None]:
    names = sim.DISTRIBUTIONS.get(kind, ())
    return {name: values[i] if i < len(values) else None for i, name in enumerate(names)}


def module_spec(module: dict[str, Any]) -> dict[str, Any]:
    """A module's row values (as a form gives them) in the simulator's vocabulary."""
    mtbf = module.get("mtbf_hours")
    investment = module.get("investment")
    return {
        "name": module.get("name") or "",
        "process": {
            "kind": module.get("distribution") or "",
            **_params(
                module.get("distribution") or "", [module.get("p1"), module.get("p2"), module.get("p3")]
            ),
        },
        "capacity": module.get("capacity") or 1,
        "buffer": module.get("buffer"),
        "mtbf": float(mtbf) * 60 if isinstance(mtbf, int | float | Decimal) else mtbf,
        "mttr": module.get("mttr_minutes"),
        "setup": module.get("setup_minutes") or 0,
        "batch": module.get("batch") or 1,
        "investment": float(investment) if isinstance(investment, Decimal) else investment,
        "routes": module.get("routes") or [],
    }


def line_spec(line: LineConfiguration, modules: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The whole configuration as the simulator reads it."""
    if modules is None:
        modules = [{f: getattr(m, f) for f in MODULE_FIELDS} for m in line.modules.order_by("position")]
    arrival = None
    if line.arrival_distribution:
        arrival = {
            "kind": line.arrival_distribution,
            **_params(line.arrival_distribution, [line.arrival_p1, line.arrival_p2, line.arrival_p3]),
        }
    return {"arrival": arrival, "stations": [module_spec(m) for m in modules]}


def form_errors(errors: dict[str, list[str]], kind_of: dict[int, str]) -> dict[str, list[str]]:
    """The simulator's error paths as form field names: stations.2.process.mean -> modules-2-p1,
    arrival.mean -> arrival_p1, stations.0.mtbf -> modules-0-mtbf_hours."""
    rename = {"mtbf": "mtbf_hours", "mttr": "mttr_minutes", "setup": "setup_minutes"}
    out: dict[str, list[str]] = {}
    for path, messages in errors.items():
        parts = path.split(".")
        if parts[0] == "arrival":
            field = "arrival_distribution"
            if len(parts) > 1 and parts[1] != "kind":
                names = sim.DISTRIBUTIONS.get(kind_of.get(-1, ""), ())
                field = (
                    f"arrival_p{names.index(parts[1]) + 1}" if parts[1] in names else "arrival_distribution"
                )
        elif parts[0] == "stations" and len(parts) > 2:
            index, name = int(parts[1]), parts[2]
            if name == "process":
                names = sim.DISTRIBUTIONS.get(kind_of.get(index, ""), ())
                sub = parts[3] if len(parts) > 3 else "kind"
                name = f"p{names.index(sub) + 1}" if sub in names else "distribution"
            field = f"modules-{index}-{rename.get(name, name)}"
        else:
            field = "__all__"
        out.setdefault(field, []).extend(messages)
    return out


def _line_messages() -> dict[str, str]:
    """The simulator's problem codes in words (read at call time: in the request's language)."""
    return {
        "unknown": _("Loi inconnue « %(kind)s » : choisissez parmi %(choices)s."),
        "number": _("Saisissez un nombre."),
        "negative": _("Une durée ne peut pas être négative."),
        "positive": _("Doit être strictement positif."),
        "order": _("Il faut minimum ≤ mode ≤ maximum, et minimum < maximum."),
        "integer": _("Saisissez un nombre entier d'au moins %(min)s."),
        "required": _("Ce champ est obligatoire."),
        "mttr": _("Indiquez la durée moyenne de réparation (la station tombe en panne)."),
        "routes_sum": _("Les probabilités des suites doivent faire 100 %% (ici %(sum)s %%)."),
        "route_target": _("Station suivante inconnue : %(target)s."),
        "stations": _("Une ligne compte au moins une station."),
        "never_leaves": _("Avec ces renvois, une pièce ne quitte jamais la ligne."),
        "unreachable": _("Aucune pièce n'arrive jamais à cette station."),
    }


def line_problem_message(problem: sim.Problem) -> str:
    message = _line_messages()[problem.code]
    return message % problem.params if problem.params else message


def validate(spec: dict[str, Any]) -> sim.Line:
    """The simulator's line, or DomainError naming each bad field in words."""
    try:
        return sim.parse_line(spec)
    except sim.LineError as error:
        errors = {
            path: [line_problem_message(p) for p in problems] for path, problems in error.errors.items()
        }
        first = next(iter(errors.values()))[0]
        raise IndustryError(first, errors=errors, code="invalid_line") from error


@transaction.atomic
def line_save(
    *, line: LineConfiguration, modules: list[dict[str, Any]], by: User | None = None
) -> LineConfiguration:
    """Store a configuration and its modules (replacing the old ones) once the simulator accepts
    them; IndustryError.errors carries the simulator's field paths."""
    if line.warmup_hours >= line.horizon_hours:
        raise IndustryError(
            _("La mise en régime doit être plus courte que la durée simulée."), field="warmup_hours"
        )
    validate(line_spec(line, modules))
    if line.pk is None and by is not None and by.pk:
        line.created_by = by
    validated_save(line)
    line.modules.all().delete()
    LineModule.objects.bulk_create(
        LineModule(line=line, position=i, **{f: m.get(f) for f in MODULE_FIELDS if f in m})
        for i, m in enumerate(modules)
    )
    return line


@transaction.atomic
def line_create_from_spec(
    *,
    name: str,
    spec: dict[str, Any],
    by: User | None,
    description: str = "",
    target_per_hour: float | None = None,
    horizon_hours: int = 480,
    warmup_hours: int = 24,
    replications: int = 5,
    seed: int = 1,
) -> LineConfiguration:
    """A configuration written in the simulator's vocabulary (the API's): refused with the
    simulator's own field paths (stations.2.process.kind), else stored as the pages store one."""
    validate(spec)
    arrival = spec.get("arrival") or {}
    arrival_kind = arrival.get("kind", "")
    values = [arrival.get(n) for n in sim.DISTRIBUTIONS.get(arrival_kind, ())]
    line = LineConfiguration(
        name=name,
        description=description,
        target_per_hour=target_per_hour,
        horizon_hours=horizon_hours,
        warmup_hours=warmup_hours,
        replications=replications,
        seed=seed,
        arrival_distribution=arrival_kind,
        arrival_p1=values[0] if len(values) > 0 else None,
        arrival_p2=values[1] if len(values) > 1 else None,
        arrival_p3=values[2] if len(values) > 2 else None,
    )
    return line_save(line=line, modules=modules_from_spec(spec), by=by)


def modules_from_spec(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The simulator's vocabulary back into module rows (for the API)."""
    rows = []
    for index, station in enumerate(spec.get("stations") or []):
        process = station.get("process") or {}
        kind = process.get("kind", "")
        values = [process.get(name) for name in sim.DISTRIBUTIONS.get(kind, ())]
        mtbf = station.get("mtbf")
        rows.append(
            {
                "name": station.get("name") or f"Module {index + 1}",
                "kind": station.get("module_kind") or LineModule.Kind.OTHER,
                "distribution": kind,
                "p1": values[0] if len(values) > 0 else None,
                "p2": values[1] if len(values) > 1 else None,
                "p3": values[2] if len(values) > 2 else None,
                "capacity": station.get("capacity") or 1,
                "buffer": station.get("buffer"),
                "mtbf_hours": mtbf / 60 if isinstance(mtbf, int | float) else None,
                "mttr_minutes": station.get("mttr"),
                "setup_minutes": station.get("setup") or 0,
                "batch": station.get("batch") or 1,
                "investment": Decimal(str(station["investment"]))
                if station.get("investment") is not None
                else None,
                "routes": station.get("routes") or [],
            }
        )
    return rows


@transaction.atomic
def line_duplicate(*, line: LineConfiguration, by: User | None) -> LineConfiguration:
    modules = [{f: getattr(m, f) for f in MODULE_FIELDS} for m in line.modules.order_by("position")]
    copy = LineConfiguration.objects.get(pk=line.pk)
    copy.pk = None
    copy.name = _("%(name)s (variante)") % {"name": line.name}
    copy.created_by = by if by and by.pk else None
    copy.save()
    LineModule.objects.bulk_create(LineModule(line=copy, position=i, **m) for i, m in enumerate(modules))
    return copy


def settings_of(line: LineConfiguration, *, quick: bool = False) -> sim.Settings:
    return sim.Settings(
        horizon=60.0 * line.horizon_hours,
        warmup=60.0 * line.warmup_hours,
        replications=max(2, min(line.replications, 3)) if quick else line.replications,
        seed=line.seed,
    )


def simulation_start(
    *, line: LineConfiguration, by: User | None, kind: str = SimulationRun.Kind.SIMULATE
) -> SimulationRun:
    """Queue a simulation, or the search for the cheapest way to reach the target throughput."""
    from hall32.industry.tasks import run_simulation

    spec = line_spec(line)
    validate(spec)
    if kind == SimulationRun.Kind.IMPROVE:
        if not line.target_per_hour:
            raise IndustryError(
                _("Indiquez d'abord le débit visé de cette configuration."), field="target_per_hour"
            )
        if not any(m.investment is not None for m in line.modules.all()):
            raise IndustryError(
                _(
                    "Indiquez le coût d'une unité de plus sur au moins un module : c'est parmi eux que l'on cherche."
                )
            )
    with transaction.atomic():
        job = core_services.job_create(kind=f"line_{kind}", params={"line": line.pk}, by=by)
        run = SimulationRun.objects.create(
            line=line, kind=kind, spec=spec, job=job, created_by=by if by and by.pk else None
        )
        job.params = {"line": line.pk, "run": run.pk}
        job.save(update_fields=["params"])
        transaction.on_commit(lambda: run_simulation.delay(job.pk))
    return run


def simulation_compute(*, job_id: int) -> SimulationRun:
    """Run the job: simulate the spec stored with the run, report progress, store the figures."""
    job = Job.objects.get(pk=job_id)
    run = SimulationRun.objects.select_related("line").get(pk=job.params["run"])
    model = sim.parse_line(run.spec)
    line = run.line
    core_services.job_progress(job_id=job_id, progress=1, message=_("Simulation en cours…"))

    def report(done: int, total: int) -> None:
        core_services.job_progress(
            job_id=job_id,
            progress=min(99, int(100 * done / max(1, total))),
            message=_("%(done)s sur %(total)s") % {"done": done, "total": total},
        )

    if run.kind == SimulationRun.Kind.SIMULATE:
        result = run_reporting(lambda note: sim.run(model, settings_of(line), progress=note), report)
        data = result.as_dict()
        data["target"] = line.target_per_hour
        message = _("Simulation terminée.")
    else:
        target = line.target_per_hour
        assert target is not None  # simulation_request asks for a target before a search
        improvement = run_reporting(
            lambda note: sim.improve(
                model,
                target=float(target),
                settings=settings_of(line, quick=True),
                progress=note,
            ),
            report,
        )
        data = improvement_dict(improvement, model)
        message = _("Recherche terminée.")
    run.result = data
    run.finished_at = timezone.now()
    run.save(update_fields=["result", "finished_at"])
    core_services.job_finish(
        job_id=job_id, result={"redirect": f"{line.get_absolute_url()}?run={run.pk}", "message": message}
    )
    return run


def improvement_dict(improvement: sim.Improvement, model: sim.Line) -> dict[str, Any]:
    names = [s.name for s in model.stations]

    def option(o: sim.Option) -> dict[str, Any]:
        return {
            "added": [{"station": i, "name": names[i], "units": k} for i, k in sorted(o.added.items())],
            "cost": o.cost,
            "bound": None if o.bound == float("inf") else round(o.bound, 4),
            "throughput": None
            if o.throughput is None
            else {"mean": round(o.throughput.mean, 4), "half_width": round(o.throughput.half_width, 4)},
            "reaches": o.reaches(improvement.target),
        }

    looked_at = [o for o in improvement.options if o.throughput is not None]
    return {
        "target": improvement.target,
        "best": option(improvement.best) if improvement.best else None,
        "simulated": [option(o) for o in looked_at],
        "ruled_out": sum(1 for o in improvement.options if o.bound < improvement.target),
        "options": len(improvement.options),
        "seconds": round(improvement.seconds, 2),
    }
