"""Job-shop scheduling of the Pôle Industrie's machines.

A ScheduleRun's operations become a JobShop in minutes from its start (the existing bookings,
maintenance windows and, for machines that need someone beside them, the closed hours are fixed
windows), CP-SAT minimises the makespan in a background job, and the result is booked in one
transaction: every operation or none.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from hall32.core import services as core_services
from hall32.core.errors import DomainError
from hall32.core.jobs import run_reporting
from hall32.core.models import Job, User
from hall32.core.services import validated_save
from hall32.industry import hours
from hall32.industry.errors import Conflict, Forbidden, IndustryError
from hall32.industry.models import Booking, Equipment, ScheduledOperation, ScheduleRun
from hall32.industry.optimisation import jobshop
from hall32.industry.services.bookings import describe, qualification_problem

MAX_OPERATIONS = 600
OPEN_DAY_MINUTES = (
    dt.datetime.combine(dt.date.min, hours.CLOSES) - dt.datetime.combine(dt.date.min, hours.OPENS)
).seconds // 60


@dataclass
class Prepared:
    problem: jobshop.JobShop
    origin: dt.datetime
    jobs: list[list[ScheduledOperation]]
    machines: list[Equipment]


def _minutes(moment: dt.datetime, origin: dt.datetime, *, up: bool) -> int:
    value = (moment - origin).total_seconds() / 60
    return math.ceil(value) if up else math.floor(value)


def _origin(run: ScheduleRun) -> dt.datetime:
    start = max(run.not_before, timezone.now())
    slot = dt.timedelta(minutes=hours.SLOT_MINUTES)
    local = timezone.localtime(start).replace(second=0, microsecond=0)
    remainder = local.minute % hours.SLOT_MINUTES
    if remainder or start > local:
        local = local.replace(minute=local.minute - remainder) + slot
    return local


@transaction.atomic
def schedule_create(
    *, run: ScheduleRun, by: User | None, rows: list[tuple[str, Equipment, int]] | None = None
) -> ScheduleRun:
    """A new schedule, with its operations when they are known (the API sends both): refused
    operations leave no empty schedule behind."""
    run.created_by = by if by and by.pk else None
    validated_save(run)
    if rows is not None:
        schedule_set_operations(run=run, rows=rows)
    return run


@transaction.atomic
def schedule_set_operations(*, run: ScheduleRun, rows: list[tuple[str, Equipment, int]]) -> ScheduleRun:
    """Replace the run's operations by `rows` (job, machine, minutes), in route order per job;
    the previous solution is dropped."""
    if run.status == ScheduleRun.Status.APPLIED:
        raise IndustryError(_("Cet ordonnancement est déjà réservé : dupliquez-le pour le modifier."))
    if len(rows) > MAX_OPERATIONS:
        raise IndustryError(
            _("Trop d'opérations (%(n)s) : le calcul en accepte %(max)s au plus.")
            % {"n": len(rows), "max": MAX_OPERATIONS}
        )
    run.operations.all().delete()
    sequence: dict[str, int] = {}
    ops = []
    for label, equipment, minutes in rows:
        label = label.strip()
        sequence[label] = sequence.get(label, 0) + 1
        ops.append(
            ScheduledOperation(
                run=run,
                job_label=label,
                sequence=sequence[label],
                equipment=equipment,
                duration_minutes=minutes,
            )
        )
    ScheduledOperation.objects.bulk_create(ops)
    run.status = ScheduleRun.Status.DRAFT
    run.makespan_minutes = run.lower_bound_minutes = run.seconds = run.solved_at = None
    run.message = run.solver_status = ""
    validated_save(run)
    return run


def schedule_problem(*, run: ScheduleRun) -> Prepared:
    """The run as a JobShop, or an IndustryError that says what cannot be scheduled."""
    operations = list(run.operations.select_related("equipment").order_by("pk"))
    if not operations:
        raise IndustryError(_("Ajoutez au moins une opération avant de calculer."))
    if len(operations) > MAX_OPERATIONS:
        raise IndustryError(_("Problème trop grand : %(max)s opérations au plus.") % {"max": MAX_OPERATIONS})
    origin = _origin(run)
    window_end = timezone.now() + dt.timedelta(weeks=hours.WEEKS_AHEAD)
    limit = _minutes(window_end, origin, up=False)
    jobs: dict[str, list[ScheduledOperation]] = {}
    machines: dict[int, int] = {}
    equipment: list[Equipment] = []
    errors = []
    for op in operations:
        jobs.setdefault(op.job_label, []).append(op)
        if op.equipment_id not in machines:
            machines[op.equipment_id] = len(equipment)
            equipment.append(op.equipment)
        if not op.equipment.is_active:
            errors.append(
                _("%(job)s : %(m)s est hors service.") % {"job": op.job_label, "m": op.equipment.name}
            )
        if not op.equipment.runs_unattended and op.duration_minutes > OPEN_DAY_MINUTES:
            errors.append(
                _(
                    "%(job)s : %(min)s min sur %(m)s, qui demande une présence, dépasse une journée d'ouverture (%(open)s min)."
                )
                % {
                    "job": op.job_label,
                    "min": op.duration_minutes,
                    "m": op.equipment.name,
                    "open": OPEN_DAY_MINUTES,
                }
            )
    if errors:
        raise IndustryError(" ".join(errors[:5]), code="infeasible")
    fixed: dict[int, list[tuple[int, int]]] = {i: [] for i in range(len(equipment))}
    busy = Booking.objects.confirmed().filter(equipment_id__in=machines).overlapping(origin, window_end)
    for booking in busy:
        start = max(0, _minutes(booking.start, origin, up=False))
        fixed[machines[booking.equipment_id]].append((start, _minutes(booking.end, origin, up=True)))
    closed = hours.closed_windows(origin, window_end)
    for machine in equipment:
        if not machine.runs_unattended:
            fixed[machines[machine.pk]] += [
                (_minutes(s, origin, up=False), _minutes(e, origin, up=True)) for s, e in closed
            ]
    load: dict[int, int] = {}
    for op in operations:
        load[op.equipment_id] = load.get(op.equipment_id, 0) + op.duration_minutes
    for pk, minutes in load.items():
        index = machines[pk]
        free = limit - sum(min(e, limit) - max(s, 0) for s, e in _merged(fixed[index]) if e > 0 and s < limit)
        if minutes > free:
            raise IndustryError(
                _(
                    "Problème trop grand : %(m)s devrait travailler %(need)s h, mais n'a que %(free)s h libres dans "
                    "les %(weeks)s semaines où l'on peut réserver."
                )
                % {
                    "m": equipment[index].name,
                    "need": formats.number_format(minutes / 60, 1),
                    "free": formats.number_format(max(0, free) / 60, 1),
                    "weeks": hours.WEEKS_AHEAD,
                },
                code="too_large",
            )
    problem = jobshop.JobShop(
        jobs=[
            [jobshop.Operation(machines[op.equipment_id], op.duration_minutes) for op in ops]
            for ops in jobs.values()
        ],
        fixed={m: _merged(w) for m, w in fixed.items() if w},
        horizon_limit=limit,
    )
    return Prepared(problem=problem, origin=origin, jobs=list(jobs.values()), machines=equipment)


def _merged(windows: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for s, e in sorted(windows):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        elif e > s:
            merged.append((s, e))
    return merged


def schedule_solve(
    *, run: ScheduleRun, progress: Callable[[float, int, float], None] | None = None
) -> ScheduleRun:
    """Solve and store the start of every operation (outside any transaction: it takes seconds)."""
    try:
        prepared = schedule_problem(run=run)
    except DomainError as error:
        return _store_failure(run, error.message)
    limit = float(run.time_limit)
    if progress is None:
        result = jobshop.solve(prepared.problem, time_limit=limit)
    else:
        result = run_reporting(
            lambda note: jobshop.solve(prepared.problem, time_limit=limit, progress=note), progress
        )
    if (
        not result.found
        or result.makespan is None
        or (prepared.problem.horizon_limit and result.makespan > prepared.problem.horizon_limit)
    ):
        message = (
            _(
                "Aucun ordonnancement possible : les opérations ne tiennent pas dans les %(w)s semaines réservables."
            )
            % {"w": hours.WEEKS_AHEAD}
            if result.status == "INFEASIBLE" or result.found
            else _(
                "Pas de solution trouvée dans le temps imparti (%(s)s s) : augmentez-le ou réduisez le problème."
            )
            % {"s": run.time_limit}
        )
        return _store_failure(run, message, status=result.status)
    return _store_solution(run, prepared, result)


@transaction.atomic
def _store_failure(run: ScheduleRun, message: str, *, status: str = "INFEASIBLE") -> ScheduleRun:
    run.status = ScheduleRun.Status.FAILED
    run.solver_status = status
    run.message = message[:300]
    run.solved_at = timezone.now()
    run.save()
    run.operations.update(start=None, end=None)
    return run


@transaction.atomic
def _store_solution(run: ScheduleRun, prepared: Prepared, result: jobshop.Schedule) -> ScheduleRun:
    assert result.starts is not None  # called with a schedule the solver found
    for j, ops in enumerate(prepared.jobs):
        for k, op in enumerate(ops):
            op.start = prepared.origin + dt.timedelta(minutes=result.starts[j][k])
            op.end = op.start + dt.timedelta(minutes=op.duration_minutes)
    ScheduledOperation.objects.bulk_update([op for ops in prepared.jobs for op in ops], ["start", "end"])
    run.status = ScheduleRun.Status.SOLVED
    run.solver_status = result.status
    run.makespan_minutes = result.makespan
    run.lower_bound_minutes = max(int(result.bound or 0), prepared.problem.lower_bound)
    run.seconds = round(result.seconds, 3)
    run.solved_at = timezone.now()
    run.message = (
        _("Ordonnancement optimal (prouvé).")
        if result.status == "OPTIMAL"
        else _("Ordonnancement réalisable ; l'optimum n'est pas prouvé dans le temps imparti.")
    )
    if result.message == "dispatching rule":
        run.message = _("Solution d'une règle de priorité : le solveur n'a pas eu le temps de faire mieux.")
    run.save()
    return run


def schedule_start(*, run: ScheduleRun, by: User | None) -> Job:
    """Queue the solver; the page follows its progress through the job."""
    from hall32.industry.tasks import compute_schedule

    if run.status == ScheduleRun.Status.APPLIED:
        raise IndustryError(_("Cet ordonnancement est déjà réservé."))
    schedule_problem(run=run)  # refuses at once what cannot be scheduled
    with transaction.atomic():
        job = core_services.job_create(kind="schedule", params={"run": run.pk}, by=by)
        run.job = job
        run.save(update_fields=["job", "updated_at"])
        transaction.on_commit(lambda: compute_schedule.delay(job.pk))
    return job


def schedule_compute(*, job_id: int) -> ScheduleRun:
    job = Job.objects.get(pk=job_id)
    run = ScheduleRun.objects.get(pk=job.params["run"])
    core_services.job_progress(job_id=job_id, progress=0, message=_("Préparation du problème…"))
    limit = max(1.0, float(run.time_limit))

    def report(elapsed: float, makespan: int, bound: float) -> None:
        core_services.job_progress(
            job_id=job_id,
            progress=min(95, int(100 * elapsed / limit)),
            message=_("Meilleure durée trouvée : %(h)s h (borne %(b)s h)")
            % {"h": formats.number_format(makespan / 60, 1), "b": formats.number_format(bound / 60, 1)},
        )

    run = schedule_solve(run=run, progress=report)
    if run.status == ScheduleRun.Status.SOLVED:
        core_services.job_finish(
            job_id=job_id, result={"redirect": run.get_absolute_url(), "message": run.message}
        )
    else:
        core_services.job_finish(
            job_id=job_id, result={"redirect": run.get_absolute_url()}, error=run.message
        )
    return run


@transaction.atomic
def schedule_apply(*, run: ScheduleRun, by: User) -> list[Booking]:
    """Book every operation of the solved schedule, or none: refused, naming the first clash,
    if a booking appeared since the solve, or naming the qualification the user lacks."""
    run = ScheduleRun.objects.select_for_update().get(pk=run.pk)
    if run.status != ScheduleRun.Status.SOLVED:
        raise IndustryError(_("Calculez l'ordonnancement avant de le réserver."))
    operations = list(
        run.operations.select_related("equipment__qualification").order_by("equipment_id", "start")
    )
    now = timezone.now()
    timed = [(op, op.start, op.end) for op in operations if op.start is not None and op.end is not None]
    if len(timed) < len(operations) or any(start < now for _op, start, _end in timed):
        raise IndustryError(_("Cet ordonnancement commence dans le passé : recalculez-le."))
    for machine in sorted({op.equipment for op in operations}, key=lambda e: e.pk):
        Equipment.objects.select_for_update().get(
            pk=machine.pk
        )  # in id order: no deadlock between two applies
        problem = qualification_problem(
            equipment=machine,
            user=by,
            start=min(start for op, start, _end in timed if op.equipment_id == machine.pk),
            end=max(end for op, _start, end in timed if op.equipment_id == machine.pk),
        )
        if problem:
            raise Forbidden(problem, code="qualification")
    bookings = []
    for op, start, end in timed:
        clash = (
            Booking.objects.confirmed().filter(equipment_id=op.equipment_id).overlapping(start, end).first()
        )
        if clash is not None:
            raise Conflict(
                _("%(job)s sur %(m)s chevauche %(what)s : recalculez l'ordonnancement.")
                % {"job": op.job_label, "m": op.equipment.name, "what": describe(clash, viewer=by)},
                code="overlap",
            )
        bookings.append(
            Booking.objects.create(
                equipment=op.equipment,
                kind=Booking.Kind.SCHEDULED,
                start=start,
                end=end,
                title=f"{op.job_label} · {op.sequence}",
                user=by,
                project=run.project,
                schedule=run,
            )
        )
    run.status = ScheduleRun.Status.APPLIED
    run.applied_at = now
    run.save(update_fields=["status", "applied_at", "updated_at"])
    return bookings


@transaction.atomic
def schedule_duplicate(*, run: ScheduleRun, by: User | None) -> ScheduleRun:
    copy = ScheduleRun.objects.create(
        name=_("%(name)s (copie)") % {"name": run.name},
        project=run.project,
        not_before=max(run.not_before, timezone.now()),
        time_limit=run.time_limit,
        created_by=by if by and by.pk else None,
    )
    ScheduledOperation.objects.bulk_create(
        ScheduledOperation(
            run=copy,
            job_label=op.job_label,
            sequence=op.sequence,
            equipment_id=op.equipment_id,
            duration_minutes=op.duration_minutes,
        )
        for op in run.operations.order_by("pk")
    )
    return copy
