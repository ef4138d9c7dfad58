import datetime as dt

import pytest
from django.apps import apps
from django.core.management import call_command

from hall32.core import selectors
from hall32.core.models import DemoSeed, Organisation, User
from hall32.core.schoolyear import SchoolYear

TODAY = dt.date(2026, 11, 27)


def row_counts() -> dict[str, int]:
    return {m._meta.label: m.objects.count() for m in apps.get_models()}


@pytest.fixture
def demo_hub(db):
    call_command("seed_demo", seed=32, today=TODAY.isoformat(), verbosity=0)


@pytest.mark.xdist_group("demo")
def test_the_demo_hub_has_the_published_partner_companies(demo_hub):
    assert selectors.partner_companies_count(year=SchoolYear(2019)) == 17
    assert selectors.partner_companies_count(year=SchoolYear(2022)) == 75


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


@pytest.mark.xdist_group("demo")
def test_the_same_seed_gives_the_same_hub(db, django_db_blocker):
    from hall32.core import demo

    call_command("seed_demo", seed=32, today=TODAY.isoformat(), verbosity=0)
    first = sorted(Organisation.objects.values_list("name", "siret"))
    for model in reversed(apps.get_models()):
        if model._meta.app_label in {
            "core",
            "outreach",
            "training",
            "industry",
            "network",
            "impact",
        }:
            model.objects.all().delete()
    demo.seed_all(seed=32, today=TODAY)

    assert sorted(Organisation.objects.values_list("name", "siret")) == first
