"""The demo hub's training figures match the hub's published ones."""

import pytest
from django.core.management import call_command

from hall32.training.models import Enrolment

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo")]


def students(year: int) -> int:
    return (
        Enrolment.objects.filter(cohort__school_year=year, cohort__course__level__in=["bac_pro", "bts"])
        .values("person")
        .distinct()
        .count()
    )


def test_the_demo_has_117_students_in_2019_and_197_in_2022():
    call_command("seed_demo", seed=32, today="2026-11-27", verbosity=0)

    assert students(2019) == 117
    assert students(2022) == 197
