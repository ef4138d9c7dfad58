import datetime as dt
import hashlib

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, models
from django.utils import timezone

from hall32.core import selectors
from hall32.core.models import DemoSeed, Organisation, User
from hall32.core.schoolyear import SchoolYear
from hall32.network import selectors as network_selectors

TODAY = dt.date(2026, 11, 27)


def row_counts() -> dict[str, int]:
    return {m._meta.label: m.objects.count() for m in apps.get_models()}


@pytest.fixture
def demo_hub(db):
    call_command("seed_demo", seed=32, today=TODAY.isoformat(), verbosity=0)


@pytest.mark.xdist_group("demo")
def test_the_demo_hub_has_the_published_partner_companies(demo_hub):
    assert network_selectors.partner_companies_count(year=SchoolYear(2019)) == 17
    assert network_selectors.partner_companies_count(year=SchoolYear(2022)) == 75


@pytest.mark.xdist_group("demo")
def test_the_demo_hub_has_the_founders_and_one_login_per_role(demo_hub):
    founders = set(selectors.founders().values_list("name", flat=True))
    assert {
        "Banque de France",
        "Limagrain",
        "Michelin",
        "OPCO AKTO",
        "Région Auvergne-Rhône-Alpes",
    } <= founders
    assert any("CIMES" in name for name in founders) and any("Rectorat" in name for name in founders)
    roles = {
        g for u in User.objects.prefetch_related("groups") for g in u.groups.values_list("name", flat=True)
    }
    assert len(roles) == 11
    for org in Organisation.objects.exclude(siret=""):
        org.full_clean()  # valid SIRET and UAI check keys


@pytest.mark.xdist_group("demo")
def test_seeding_twice_changes_nothing(demo_hub):
    before = row_counts()

    call_command("seed_demo", seed=32, today=TODAY.isoformat(), verbosity=0)

    assert row_counts() == before
    assert DemoSeed.objects.filter(part="core").count() == 1


# Tables whose content does not follow from the seed alone: CP-SAT with two workers may return
# another optimal forum plan, and the job-shop schedule starts from the real clock.
NOT_FROM_THE_SEED = {
    "outreach.PlanAssignment",
    "outreach.PlanStaffing",
    "industry.ScheduleRun",
    "industry.ScheduledOperation",
}
DEMO_APPS = {"core", "outreach", "training", "industry", "network", "impact"}


def demo_models() -> list[type[models.Model]]:
    return [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.app_label in DEMO_APPS and m._meta.label not in NOT_FROM_THE_SEED
    ]


def empty_the_hub() -> None:
    """Empty the demo tables and restart their ids, as in a fresh database (TRUNCATE on
    PostgreSQL, so that rows read without an ORDER BY come back in the order they were written)."""
    tables = [
        m._meta.db_table for m in apps.get_models(include_auto_created=True) if m._meta.app_label in DEMO_APPS
    ]
    connection.check_constraints()  # no deferred check left pending: TRUNCATE refuses them
    connection.ops.execute_sql_flush(
        connection.ops.sql_flush(no_style(), tables, reset_sequences=True, allow_cascade=True)
    )


def stable(value, since: dt.datetime):
    """A value as the seed determines it: the clock's timestamps and solve times set aside."""
    if isinstance(value, dt.datetime) and value >= since:
        return "now"
    if isinstance(value, dict):
        return {k: stable(v, since) for k, v in value.items() if k != "seconds"}
    if isinstance(value, list):
        return [stable(v, since) for v in value]
    return value


def hub_digest(since: dt.datetime) -> dict[str, tuple[int, str]]:
    """Per demo table: its row count and a hash of every row, ids and foreign keys included."""
    digest = {}
    for model in demo_models():
        names = [
            f.attname
            for f in model._meta.concrete_fields
            if not isinstance(f, models.UUIDField) and f.name not in {"password", "seconds"}
        ]
        rows = list(model.objects.order_by("pk").values_list(*names))
        content = hashlib.sha256(repr([tuple(stable(v, since) for v in row) for row in rows]).encode())
        digest[model._meta.label] = (len(rows), content.hexdigest()[:16])
    return digest


@pytest.mark.xdist_group("demo")
def test_the_same_seed_gives_the_same_hub(db):
    from hall32.core import demo

    since = timezone.now()
    empty_the_hub()
    call_command("seed_demo", seed=32, today=TODAY.isoformat(), verbosity=0)
    first = hub_digest(since)
    empty_the_hub()
    demo.seed_all(seed=32, today=TODAY)

    second = hub_digest(since)
    assert first["training.Attendance"][0] > 9000 and first["core.Person"][0] > 2500
    assert {k: v for k, v in second.items() if first[k] != v} == {}


@pytest.mark.xdist_group("demo")
def test_loading_the_demo_hub_takes_a_few_queries_a_part(db):
    from hall32.core import demo

    counted: list[int] = []
    per_part: dict[str, int] = {}

    def count(execute, sql, params, many, context):
        counted.append(1)
        return execute(sql, params, many, context)

    def note(line: str) -> None:
        per_part[line.strip().split(":")[0]] = len(counted) - sum(per_part.values())

    with connection.execute_wrapper(count):
        demo.seed_all(seed=32, today=TODAY, log=note)

    assert len(per_part) == len(demo.parts())
    assert sum(per_part.values()) < 2000, per_part  # 8,225 row by row
    assert max(per_part.values()) < 800, per_part
