"""No double booking under concurrency (PostgreSQL: row locks and the exclusion constraint)."""

import datetime as dt
import threading

import pytest
from django.db import IntegrityError, connection, transaction

from hall32.core.errors import Conflict
from hall32.core.roles import Role
from hall32.industry.models import Booking
from hall32.industry.services import bookings as services
from hall32.industry.tests.factories import (
    EquipmentFactory,
    GrantFactory,
    QualificationFactory,
    next_monday_at,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def on_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (row locks, exclusion constraint)")


def test_twenty_people_racing_for_one_slot_give_exactly_one_booking(on_postgres, make_user):
    machine = EquipmentFactory(qualification=QualificationFactory())
    users = [make_user(Role.LEARNER) for _ in range(20)]
    for user in users:
        GrantFactory(person=user.person, qualification=machine.qualification)
    start = next_monday_at(9)
    barrier = threading.Barrier(len(users))
    won: list[int] = []
    refused: list[str] = []
    errors: list[BaseException] = []

    def attempt(user) -> None:
        try:
            barrier.wait()
            booking = services.booking_create(
                equipment=machine, start=start, end=start + dt.timedelta(hours=2), by=user
            )
            won.append(booking.pk)
        except Conflict as conflict:
            refused.append(conflict.message)
        except BaseException as error:  # surfaced below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len(won) == 1
    assert len(refused) == 19
    assert Booking.objects.filter(equipment=machine).count() == 1
    winner = Booking.objects.get(pk=won[0])
    assert all(winner.reference in message for message in refused)


def test_the_exclusion_constraint_refuses_an_overlap_that_skips_the_service(on_postgres, make_user):
    machine = EquipmentFactory()
    start = next_monday_at(9)
    Booking.objects.create(equipment=machine, start=start, end=start + dt.timedelta(hours=2))

    with pytest.raises(IntegrityError, match="industry_booking_no_overlap"), transaction.atomic():
        Booking.objects.create(
            equipment=machine, start=start + dt.timedelta(hours=1), end=start + dt.timedelta(hours=3)
        )

    # A cancelled booking, or one on another machine, is no obstacle.
    Booking.objects.create(
        equipment=machine, start=start, end=start + dt.timedelta(hours=1), status=Booking.Status.CANCELLED
    )
    Booking.objects.create(equipment=EquipmentFactory(), start=start, end=start + dt.timedelta(hours=2))
    assert Booking.objects.count() == 3
