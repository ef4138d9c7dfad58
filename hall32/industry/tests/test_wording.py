"""Counts written as sentences: « 1 opération enregistrée », « 1 créneau … sera libéré »."""

import pytest

from hall32.industry.models import MaintenancePlan, ScheduleRun
from hall32.industry.services import equipment as equipment_services
from hall32.industry.services import scheduling as scheduling_services
from hall32.industry.tests.factories import EquipmentFactory, next_monday_at

pytestmark = pytest.mark.django_db


def test_saving_one_operation_says_it_in_the_singular(client, engineer):
    machine = EquipmentFactory(name="Imprimante", qualification=None)
    run = scheduling_services.schedule_create(
        run=ScheduleRun(name="Pilote", not_before=next_monday_at(8), time_limit=5), by=engineer
    )
    client.force_login(engineer)
    data = {
        "run-name": "Pilote",
        "run-not_before": next_monday_at(8).strftime("%Y-%m-%dT%H:%M"),
        "run-time_limit": "5",
        "ops-TOTAL_FORMS": "1",
        "ops-INITIAL_FORMS": "0",
        "ops-0-job_label": "OF-1",
        "ops-0-equipment": str(machine.pk),
        "ops-0-duration_minutes": "60",
    }

    page = client.post(f"/innover/ordonnancement/{run.pk}/operations/", data, follow=True).content.decode()

    assert "1 opération enregistrée." in page


def test_stopping_a_plan_with_one_window_left_says_it_in_the_singular(client, engineer):
    machine = EquipmentFactory(name="Imprimante", qualification=None)
    plan = equipment_services.maintenance_plan_save(
        plan=MaintenancePlan(
            equipment=machine,
            name="Étalonnage",
            first_date=next_monday_at(8).date(),
            every_weeks=52,
            duration_minutes=60,
        ),
        by=engineer,
    )
    client.force_login(engineer)

    page = client.get(f"/innover/equipements/{machine.pk}/maintenance/{plan.pk}/arreter/").content.decode()

    assert "1 créneau de maintenance à venir sera libéré." in page
