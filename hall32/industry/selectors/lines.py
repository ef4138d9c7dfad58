"""Reads about modular-line configurations and their simulations."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from hall32.core.models import User
from hall32.industry.models import LineConfiguration, SimulationRun


def lines_list(*, user: User | None = None) -> QuerySet[LineConfiguration]:
    lines = LineConfiguration.objects.select_related("client", "project").annotate(
        module_count=Count("modules", distinct=True)
    )
    if user is not None and not user.has_perm("industry.simulate_lines"):
        organisation = user.person.organisation_id if user.person is not None else None
        lines = lines.filter(client_id=organisation) if organisation else lines.none()
    return lines


def latest_run(*, line: LineConfiguration, kind: str = SimulationRun.Kind.SIMULATE) -> SimulationRun | None:
    return line.runs.filter(kind=kind, finished_at__isnull=False).first()


def running(*, line: LineConfiguration) -> SimulationRun | None:
    return line.runs.filter(finished_at__isnull=True).select_related("job").first()


def comparison(*, lines: list[LineConfiguration]) -> list[dict[str, Any]]:
    """The latest finished simulation of each configuration, side by side."""
    columns = []
    for line in lines:
        run = latest_run(line=line)
        result = run.result if run else {}
        stations = result.get("stations", [])
        bottleneck = result.get("bottleneck")
        columns.append(
            {
                "line": line,
                "run": run,
                "result": result,
                "modules": len(run.spec.get("stations", [])) if run else line.modules.count(),
                "bottleneck": stations[bottleneck]["name"] if stations and bottleneck is not None else None,
            }
        )
    return columns
