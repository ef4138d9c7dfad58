"""Run CPU-bound work (a solver, a simulation) while reporting its progress from the calling thread.

Solvers call their progress callbacks from their own worker threads; database writes must not
happen there (each thread would open its own connection, and SQLite would lock). So the work runs
in a thread and only records its latest progress; the calling thread polls it and reports.
"""

from __future__ import annotations

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
