"""Background jobs: the bookkeeping every job task shares (job_task), and running CPU-bound work
(a solver, a simulation) while reporting its progress from the calling thread.

Solvers call their progress callbacks from their own worker threads; database writes must not
happen there (each thread would open its own connection, and SQLite would lock). So the work runs
in a thread and only records its latest progress; the calling thread polls it and reports.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def run_reporting(
    work: Callable[[Callable[..., None]], T], report: Callable[..., None], *, interval: float = 0.5
) -> T:
    """Call work(note) in a thread; each new value passed to note(...) is given to report(...)
    on the calling thread, at most every `interval` seconds. Returns (or raises) what work does."""
    lock = threading.Lock()
    latest: list[tuple[Any, ...] | None] = [None]
    outcome: dict[str, Any] = {}

    def note(*args: Any) -> None:
        with lock:
            latest[0] = args

    def target() -> None:
        try:
            outcome["value"] = work(note)
        except BaseException as error:  # re-raised on the calling thread
            outcome["error"] = error

    thread = threading.Thread(target=target, name="hall32-work", daemon=True)
    thread.start()
    reported = None
    while thread.is_alive():
        thread.join(interval)
        with lock:
            current = latest[0]
        if current is not None and current != reported:
            report(*current)
            reported = current
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def job_task(compute: Callable[[int], Any]) -> Callable[[int], None]:
    """The body of a Celery task that computes a Job (its id in): a redelivered task whose job has
    already finished does nothing, and an unexpected error is recorded on the job (so the page
    stops waiting) before it is raised again for the worker's log."""

    @functools.wraps(compute)
    def task(job_id: int) -> None:
        from hall32.core.models import Job
        from hall32.core.services import job_finish

        if Job.objects.filter(pk=job_id, status__in=[Job.Status.SUCCEEDED, Job.Status.FAILED]).exists():
            return
        try:
            compute(job_id)
        except Exception as error:
            job_finish(job_id=job_id, error=f"Erreur inattendue ({type(error).__name__}).")
            raise

    return task
