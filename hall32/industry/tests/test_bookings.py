"""Booking a machine: free slots, overlaps, maintenance windows, qualifications, time rules."""

import datetime as dt

import pytest
from django.utils import timezone

from hall32.core.dates import long_date
from hall32.core.errors import Conflict, DomainError, Forbidden
from hall32.core.roles import Role
from hall32.industry.models import Booking, MaintenancePlan
from hall32.industry.services import bookings as services
from hall32.industry.services import equipment as equipment_services
from hall32.industry.tests.factories import (
    BookingFactory,
    EquipmentFactory,
    GrantFactory,
    QualificationFactory,
    next_monday_at,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def printer():
    return EquipmentFactory(
        name="Imprimante F370", qualification=QualificationFactory(name="Impression 3D polymère")
    )


@pytest.fixture
def qualified(make_user, printer):
    user = make_user(Role.LEARNER)
    GrantFactory(person=user.person, qualification=printer.qualification)
    return user


def book(machine, user, start, hours=2.0, **kwargs):
    return services.booking_create(
        equipment=machine, start=start, end=start + dt.timedelta(hours=hours), by=user, **kwargs
    )


def test_a_qualified_learner_books_a_free_slot(printer, qualified):
    start = next_monday_at(9)

    booking = book(printer, qualified, start, title="Pièces du robot")

    assert booking.status == Booking.Status.CONFIRMED
    assert (booking.equipment, booking.user, booking.start, booking.title) == (
        printer,
        qualified,
        start,
        "Pièces du robot",
    )


def test_an_overlapping_booking_is_refused_naming_the_one_in_the_way(printer, qualified, make_user):
    first = book(printer, qualified, next_monday_at(9), title="Pièces du robot")
    other = make_user(Role.LEARNER)
    GrantFactory(person=other.person, qualification=printer.qualification)

    with pytest.raises(Conflict) as refused:
        book(printer, other, next_monday_at(10))

    assert first.reference in refused.value.message
    assert "09:00–11:00" in refused.value.message
    assert "start" in refused.value.errors
    assert Booking.objects.count() == 1


def test_the_owner_learns_the_title_of_the_booking_in_the_way_but_others_do_not(
    printer, qualified, make_user
):
    book(printer, qualified, next_monday_at(9), title="Projet secret")
    other = make_user(Role.CLIENT)
    GrantFactory(person=other.person, qualification=printer.qualification)

    with pytest.raises(Conflict) as as_other:
        book(printer, other, next_monday_at(10))
    with pytest.raises(Conflict) as as_owner:
        book(printer, qualified, next_monday_at(10))

    assert "Projet secret" not in as_other.value.message
    assert "Projet secret" in as_owner.value.message


def test_back_to_back_bookings_do_not_overlap(printer, qualified):
    book(printer, qualified, next_monday_at(9), hours=2)

    second = book(printer, qualified, next_monday_at(11), hours=1)

    assert second.pk and Booking.objects.confirmed().count() == 2


def test_a_cancelled_booking_frees_its_slot(printer, qualified, make_user):
    first = book(printer, qualified, next_monday_at(9))
    services.booking_cancel(booking=first, by=qualified)

    again = book(printer, qualified, next_monday_at(9))

    assert again.pk != first.pk


def test_a_booking_inside_a_maintenance_window_is_refused_naming_the_maintenance(
    printer, qualified, engineer
):
    monday = next_monday_at(8).date()
    plan = equipment_services.maintenance_plan_save(
        plan=MaintenancePlan(
            equipment=printer,
            name="Calibration des buses",
            first_date=monday,
            start_time=dt.time(8, 0),
            duration_minutes=180,
            every_weeks=4,
        ),
        by=engineer,
    )
    assert plan.bookings.filter(start=next_monday_at(8)).exists()

    with pytest.raises(Conflict) as refused:
        book(printer, qualified, next_monday_at(10))

    assert "maintenance" in refused.value.message
    assert "Calibration des buses" in refused.value.message
    assert not Booking.objects.filter(user=qualified).exists()


def test_someone_without_the_qualification_is_refused_naming_it(printer, make_user):
    learner = make_user(Role.LEARNER)

    with pytest.raises(Forbidden) as refused:
        book(printer, learner, next_monday_at(9))

    assert "« Impression 3D polymère »" in refused.value.message
    assert refused.value.code == "qualification"
    assert not Booking.objects.exists()


def test_an_expired_qualification_is_refused_naming_it_and_its_date(printer, make_user):
    learner = make_user(Role.LEARNER)
    expired_on = timezone.localdate() - dt.timedelta(days=10)
    GrantFactory(
        person=learner.person,
        qualification=printer.qualification,
        granted_on=expired_on - dt.timedelta(days=700),
        expires_on=expired_on,
    )

    with pytest.raises(Forbidden) as refused:
        book(printer, learner, next_monday_at(9))

    assert "Impression 3D polymère" in refused.value.message
    assert "a expiré" in refused.value.message
    assert long_date(expired_on) in refused.value.message


def test_a_qualification_that_ends_before_the_booking_does_is_refused(printer, make_user):
    learner = make_user(Role.LEARNER)
    slot = next_monday_at(9, weeks=3)
    GrantFactory(
        person=learner.person,
        qualification=printer.qualification,
        expires_on=slot.date() - dt.timedelta(days=1),
    )

    with pytest.raises(Forbidden) as refused:
        book(printer, learner, slot)

    assert "expire le" in refused.value.message


def test_a_revoked_qualification_no_longer_opens_the_machine(printer, qualified):
    grant = qualified.person.qualification_grants.get()
    equipment_services.qualification_revoke(grant=grant)

    with pytest.raises(Forbidden) as refused:
        book(printer, qualified, next_monday_at(9))

    assert "retirée" in refused.value.message


def test_a_machine_without_a_qualification_is_open_to_anyone_who_may_book(make_user):
    bench = EquipmentFactory(qualification=None)

    booking = book(bench, make_user(Role.CLIENT), next_monday_at(9))

    assert booking.pk


@pytest.mark.parametrize(
    ("start", "hours", "field", "words"),
    [
        (lambda: next_monday_at(6), 2, "start", "entre 07:30 et 19:00"),
        (lambda: next_monday_at(18), 2, "start", "entre 07:30 et 19:00"),
        (lambda: next_monday_at(17) - dt.timedelta(days=2), 1, "start", "week-end"),
        (lambda: next_monday_at(17), 16, "end", "une seule journée"),
        (lambda: next_monday_at(9, 10), 1, "start", "quart d'heure"),
        (lambda: next_monday_at(9) - dt.timedelta(days=14), 1, "start", "déjà passé"),
        (lambda: next_monday_at(9, weeks=20), 1, "start", "semaines à l'avance"),
    ],
)
def test_machines_that_need_someone_beside_them_keep_to_the_rules_of_time(
    make_user, start, hours, field, words
):
    lathe = EquipmentFactory(runs_unattended=False, qualification=None)

    with pytest.raises(DomainError) as refused:
        book(lathe, make_user(Role.TRAINER), start(), hours=hours)

    assert field in refused.value.errors
    assert any(words in m for m in refused.value.errors[field])
    assert not Booking.objects.exists()


def test_a_machine_that_runs_unattended_can_print_overnight(make_user):
    printer = EquipmentFactory(runs_unattended=True, qualification=None)

    booking = book(printer, make_user(Role.INDUSTRY_ENGINEER), next_monday_at(18), hours=14)

    assert booking.end - booking.start == dt.timedelta(hours=14)


def test_an_out_of_service_machine_cannot_be_booked(printer, qualified):
    printer.is_active = False
    printer.save()

    with pytest.raises(DomainError, match="hors service"):
        book(printer, qualified, next_monday_at(9))


def test_moving_a_booking_checks_the_others_but_not_itself(printer, qualified):
    mine = book(printer, qualified, next_monday_at(9))
    book(printer, qualified, next_monday_at(13))

    moved = services.booking_update(
        booking=mine, start=next_monday_at(10), end=next_monday_at(12), by=qualified
    )
    assert (moved.start, moved.end) == (next_monday_at(10), next_monday_at(12))
    with pytest.raises(Conflict):
        services.booking_update(booking=mine, start=next_monday_at(12), end=next_monday_at(14), by=qualified)
    mine.refresh_from_db()
    assert mine.end == next_monday_at(12)


def test_only_the_owner_or_an_engineer_may_change_a_booking(printer, qualified, make_user, engineer):
    booking = book(printer, qualified, next_monday_at(9))
    other = make_user(Role.LEARNER)

    with pytest.raises(Forbidden):
        services.booking_cancel(booking=booking, by=other)
    services.booking_cancel(booking=booking, by=engineer)

    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED


def test_a_running_booking_can_be_ended_early_but_not_cancelled(printer, qualified):
    now = timezone.now()
    running = BookingFactory(
        equipment=printer, user=qualified, start=now - dt.timedelta(hours=1), end=now + dt.timedelta(hours=2)
    )

    with pytest.raises(DomainError, match="écourtez"):
        services.booking_cancel(booking=running, by=qualified)
    services.booking_end_early(booking=running, by=qualified)

    running.refresh_from_db()
    assert running.end <= timezone.now() and running.planned_end == now + dt.timedelta(hours=2)


def test_a_maintenance_plan_that_would_land_on_a_booking_is_refused_naming_it(printer, qualified, engineer):
    booking = book(printer, qualified, next_monday_at(9), title="Pièces du robot")

    with pytest.raises(DomainError) as refused:
        equipment_services.maintenance_plan_save(
            plan=MaintenancePlan(
                equipment=printer,
                name="Graissage",
                first_date=next_monday_at(8).date(),
                start_time=dt.time(8, 0),
                duration_minutes=120,
            ),
            by=engineer,
        )

    assert booking.reference in refused.value.message
    assert not MaintenancePlan.objects.exists()
    assert not Booking.objects.filter(kind=Booking.Kind.MAINTENANCE).exists()


def test_stopping_a_plan_frees_its_future_windows_and_extending_is_idempotent(printer, engineer):
    plan = equipment_services.maintenance_plan_save(
        plan=MaintenancePlan(
            equipment=printer,
            name="Graissage",
            first_date=next_monday_at(8).date(),
            every_weeks=2,
            duration_minutes=60,
        ),
        by=engineer,
    )
    windows = plan.bookings.count()
    assert windows >= 10  # 26 weeks ahead, every other week

    assert equipment_services.maintenance_extend() == 0  # already there
    equipment_services.maintenance_plan_stop(plan=plan)

    assert plan.bookings.count() == 0
    assert equipment_services.maintenance_extend() == 0
