"""Loading the demo hub (what `make run` does before serving) into a fresh SQLite database.

Creates a SQLite file in a temporary directory (or takes the empty database given by
--database-url), migrates it (the baseline: the same machine, the same run, the same fresh file),
then loads every part of the demo hub with a fixed seed and date. Prints per part its wall-clock and CPU seconds and its number of queries, then the load average
(the machine is often shared: CPU time and query counts hold when wall-clock time does not).
Last line:
    demo_load seconds=<wall> cpu_seconds=<cpu> queries=<n> people=<n> rows=<n> migrate_seconds=<wall>
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seed", type=int, default=32)
    parser.add_argument(
        "--today", default="2026-11-27", help="reference date (the one the published figures are tested at)"
    )
    parser.add_argument(
        "--database-url", help="an empty database to load instead (PostgreSQL: postgres://.../name)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hall32-demo-") as directory:
        os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{directory}/demo.sqlite3"
        os.environ.setdefault("HALL32_ENV_FILE", os.devnull)
        os.environ.setdefault("DEBUG", "true")
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hall32.settings")
        run(seed=args.seed, today=dt.date.fromisoformat(args.today))


def run(*, seed: int, today: dt.date) -> None:
    import django

    django.setup()
    from django.apps import apps
    from django.core.management import call_command
    from django.db import connection

    from hall32.core.models import Person
    from hall32.demo import loader as demo

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrate_seconds = time.perf_counter() - started

    queries = 0
    marks: list[tuple[str, float, float, int]] = []

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    def note(line: str) -> None:
        marks.append((line.strip().split(":")[0], time.perf_counter(), time.process_time(), queries))

    with connection.execute_wrapper(count):
        wall, cpu = time.perf_counter(), time.process_time()
        last = (wall, cpu, 0)
        demo.seed_all(seed=seed, today=today, log=note)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu

    for name, at, cpu_at, queries_at in marks:
        print(
            f"{name:22} seconds={at - last[0]:6.2f} cpu_seconds={cpu_at - last[1]:6.2f} "
            f"queries={queries_at - last[2]}"
        )
        last = (at, cpu_at, queries_at)
    rows = sum(
        m._default_manager.count()
        for m in apps.get_models(include_auto_created=True)
        if m._meta.app_label in {"core", "outreach", "training", "industry", "network", "impact"}
    )
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"migrate (baseline) seconds={migrate_seconds:.1f}; load average {load} on {os.cpu_count()} CPUs")
    print(
        f"demo_load seconds={wall:.1f} cpu_seconds={cpu:.1f} queries={queries} "
        f"people={Person.objects.count()} rows={rows} migrate_seconds={migrate_seconds:.1f}"
    )


if __name__ == "__main__":
    main()
