"""Reads about job-shop schedules: the runs, and their Gantt chart."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone

from hall32.industry.models import ScheduledOperation, ScheduleRun
from hall32.industry.selectors.equipment import CATEGORY_COLOURS


def schedules_list() -> QuerySet[ScheduleRun]:
    return ScheduleRun.objects.select_related("project", "created_by").annotate(
        operation_count=Count("operations"), job_count=Count("operations__job_label", distinct=True)
    )


def operations_of(*, run: ScheduleRun) -> list[ScheduledOperation]:
    return list(run.operations.select_related("equipment").order_by("pk"))


def gantt_tasks(*, run: ScheduleRun) -> list[dict[str, Any]]:
    """frappe-gantt tasks: one bar (and one labelled row) per operation, each after its job's
    previous one; `job`, `sequence` and `machine` label the row."""
    tasks: list[dict[str, Any]] = []
    previous: dict[str, str] = {}
    for op in operations_of(run=run):
        if op.start is None:
            continue
        task_id = f"op{op.pk}"
        tasks.append(
            {
                "id": task_id,
                "name": f"{op.job_label} · {op.sequence} · {op.equipment.code}",
                "start": timezone.localtime(op.start).strftime("%Y-%m-%d %H:%M"),
                "end": timezone.localtime(op.end).strftime("%Y-%m-%d %H:%M"),
                "progress": 0,
                "dependencies": previous.get(op.job_label, ""),
                "custom_class": f"gantt-{op.equipment.category}",
                "colour": CATEGORY_COLOURS.get(op.equipment.category),
                "job": op.job_label,
                "sequence": op.sequence,
                "machine": op.equipment.name,
            }
        )
        previous[op.job_label] = task_id
    return tasks


def machine_timeline(*, run: ScheduleRun) -> list[tuple[Any, list[ScheduledOperation]]]:
    per: dict[int, tuple[Any, list[ScheduledOperation]]] = {}
    for op in sorted(operations_of(run=run), key=lambda o: (o.equipment.name, o.start or timezone.now())):
        per.setdefault(op.equipment_id, (op.equipment, []))[1].append(op)
    return list(per.values())
