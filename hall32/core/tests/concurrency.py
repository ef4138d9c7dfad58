"""Running one piece of work in many threads at once, each on its own database connection."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection


def skip_unless_postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL (threads on SQLite's shared in-memory test database lock each other out)"
        )


def race(count: int, work: Callable[[int], Any]) -> tuple[list[Any], list[BaseException]]:
    """Run `work(i)` for i in range(count), in threads released together; returns what each
    returned and what each raised."""
    barrier = threading.Barrier(count)
    done: list[Any] = []
    errors: list[BaseException] = []

    def attempt(i: int) -> None:
        try:
            barrier.wait()
            done.append(work(i))
        except BaseException as error:  # surfaced by the caller
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return done, errors
