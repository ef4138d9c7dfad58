"""Class booking rules: capacity, waiting list and its refill, duplicates, e-mails, reminders."""

import datetime as dt
import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from hall32.core.errors import Conflict, DomainError
from hall32.core.tests.factories import PersonFactory, SchoolFactory
from hall32.outreach import services
from hall32.outreach.models import ClassBooking, Event, EventKind
from hall32.outreach.tests.factories import ClassBookingFactory, EventFactory

pytestmark = pytest.mark.django_db


def book(event, *, pupils=24, school=None, class_name=None, **extra):
    school = school or SchoolFactory()
    girls = pupils // 2
    return services.booking_create(
        event=event,
        school=school,
        teacher=PersonFactory(organisation=school),
        class_name=class_name or f"3e {ClassBooking.objects.count() + 1}",
        level="3e",
        girls=girls,
        boys=pupils - girls,
        **extra,
    )


def test_a_class_that_fits_is_confirmed(django_capture_on_commit_callbacks):
    event = EventFactory(capacity=60)

    with django_capture_on_commit_callbacks(execute=True):
        booking = book(event, pupils=25)

    assert booking.status == ClassBooking.Status.CONFIRMED
    assert booking.pupils == 25 and booking.girls + booking.boys == 25
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "Réservation confirmée" in message.subject
    assert str(booking.token) in message.body
    assert message.attachments[0][2].startswith("text/calendar")
    assert "BEGIN:VEVENT" in str(message.attachments[0][1])


def test_over_capacity_goes_to_the_waiting_list_in_order(django_capture_on_commit_callbacks):
    event = EventFactory(capacity=60)
    book(event, pupils=40)

    with django_capture_on_commit_callbacks(execute=True):
        first = book(event, pupils=25)
        second = book(event, pupils=21)

    assert first.status == second.status == ClassBooking.Status.WAITLISTED
    assert [b.pk for b in event.bookings.waiting()] == [first.pk, second.pk]
    assert "Liste d'attente" in mail.outbox[0].subject
    assert "position 1" in mail.outbox[0].body and "position 2" in mail.outbox[1].body


def test_capacity_is_never_exceeded():
    event = EventFactory(capacity=100)
    for size in [30, 30, 30, 20, 15, 9]:
        book(event, pupils=size)

    confirmed = sum(b.pupils for b in event.bookings.confirmed())
    assert confirmed <= 100
    assert confirmed == 99  # 30+30+30 then 9 (20 and 15 wait)


def test_a_cancellation_lets_waiting_classes_in_first_fit_in_order(
    django_capture_on_commit_callbacks,
):
    event = EventFactory(capacity=60)
    big = book(event, pupils=35)
    book(event, pupils=25)
    too_big = book(event, pupils=30)
    small = book(event, pupils=20)
    later = book(event, pupils=15)

    with django_capture_on_commit_callbacks(execute=True):
        services.booking_cancel(booking=big)

    statuses = {b.pk: b.status for b in ClassBooking.objects.filter(pk__in=[too_big.pk, small.pk, later.pk])}
    assert statuses[too_big.pk] == ClassBooking.Status.CONFIRMED  # 30 fits in the 35 freed places
    assert statuses[small.pk] == ClassBooking.Status.WAITLISTED  # 5 places left: 20 does not fit
    assert statuses[later.pk] == ClassBooking.Status.WAITLISTED
    subjects = [m.subject for m in mail.outbox]
    assert any("annulée" in s for s in subjects) and any("place s'est libérée" in s for s in subjects)


def test_a_smaller_class_behind_may_take_places_the_first_one_cannot():
    event = EventFactory(capacity=50)
    first = book(event, pupils=30)
    book(event, pupils=20)
    waiting_big = book(event, pupils=28)
    waiting_small = book(event, pupils=18)

    services.booking_cancel(booking=first)

    waiting_big.refresh_from_db()
    waiting_small.refresh_from_db()
    assert waiting_big.status == ClassBooking.Status.CONFIRMED
    assert waiting_small.status == ClassBooking.Status.WAITLISTED


def test_raising_the_capacity_refills_the_waiting_list():
    event = EventFactory(capacity=30)
    book(event, pupils=25)
    waiting = book(event, pupils=25)

    event.capacity = 60
    services.event_save(event=event)

    waiting.refresh_from_db()
    assert waiting.status == ClassBooking.Status.CONFIRMED


def test_the_same_class_twice_on_a_day_is_refused_and_nothing_is_written():
    school = SchoolFactory()
    day = timezone.localdate() + dt.timedelta(days=5)  # a fixed morning: "the same day" is a local day
    morning = EventFactory(start=timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0))))
    afternoon = EventFactory(
        start=morning.start + dt.timedelta(hours=4), end=morning.start + dt.timedelta(hours=6)
    )
    book(morning, school=school, class_name="3e B")
    before = ClassBooking.objects.count()

    with pytest.raises(Conflict) as refused:
        book(afternoon, school=school, class_name="3ème b")

    assert refused.value.field == "class_name"
    assert "déjà inscrite" in refused.value.message
    assert ClassBooking.objects.count() == before


def test_another_day_or_a_cancelled_booking_does_not_count_as_a_duplicate():
    school = SchoolFactory()
    first = EventFactory(start=timezone.now() + dt.timedelta(days=5))
    second = EventFactory(start=timezone.now() + dt.timedelta(days=12))
    earlier = book(first, school=school, class_name="3e B")
    book(second, school=school, class_name="3e B")
    services.booking_cancel(booking=earlier)

    again = book(first, school=school, class_name="3e B")

    assert again.status == ClassBooking.Status.CONFIRMED


@pytest.mark.parametrize(
    "change,message",
    [
        ({"status": Event.Status.DRAFT}, "fermées"),
        ({"registration_open": False}, "fermées"),
        ({"kind": EventKind.TRADE_FAIR}, "n'accueille pas"),
    ],
)
def test_closed_or_unsuitable_events_refuse_bookings(change, message):
    event = EventFactory(**change)

    with pytest.raises(DomainError, match=message):
        book(event)
    assert not ClassBooking.objects.exists()


def test_a_started_event_refuses_bookings_and_cancellations():
    event = EventFactory(start=timezone.now() + dt.timedelta(days=2))
    booking = book(event)
    Event.objects.filter(pk=event.pk).update(start=timezone.now() - dt.timedelta(hours=1))

    with pytest.raises(DomainError, match="commencé"):
        book(event)
    with pytest.raises(DomainError, match="commencé"):
        services.booking_cancel(booking=booking)


def test_cancelling_an_event_cancels_every_booking_and_tells_the_teachers(
    django_capture_on_commit_callbacks,
):
    event = EventFactory(capacity=30)
    book(event, pupils=25)
    book(event, pupils=25)

    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(event=event)

    assert set(event.bookings.values_list("status", flat=True)) == {ClassBooking.Status.CANCELLED}
    assert len(mail.outbox) == 2 and all("annulé" in m.subject for m in mail.outbox)


def test_reminders_go_once_to_confirmed_classes_of_events_in_the_next_three_days(
    django_capture_on_commit_callbacks,
):
    soon = EventFactory(start=timezone.now() + dt.timedelta(days=2))
    later = EventFactory(start=timezone.now() + dt.timedelta(days=10))
    due = ClassBookingFactory(event=soon)
    ClassBookingFactory(event=soon, status=ClassBooking.Status.WAITLISTED)
    ClassBookingFactory(event=later)

    with django_capture_on_commit_callbacks(execute=True):
        first = services.reminders_send()
        second = services.reminders_send()

    assert (first, second) == (1, 0)
    due.refresh_from_db()
    assert due.reminder_sent_at is not None
    assert len(mail.outbox) == 1 and "Rappel" in mail.outbox[0].subject


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_teachers_racing_for_the_last_places_one_wins_one_waits():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks")
    event = EventFactory(capacity=50)
    book(event, pupils=25)
    schools = [SchoolFactory(), SchoolFactory()]
    teachers = [PersonFactory(), PersonFactory()]
    barrier = threading.Barrier(2)
    results: list[str] = []
    errors: list[BaseException] = []

    def attempt(index: int) -> None:
        try:
            barrier.wait()
            booking = services.booking_create(
                event=event,
                school=schools[index],
                teacher=teachers[index],
                class_name="3e A",
                level="3e",
                girls=12,
                boys=13,
            )
            results.append(booking.status)
        except BaseException as error:  # surfaced below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(results) == [ClassBooking.Status.CONFIRMED, ClassBooking.Status.WAITLISTED]
    assert sum(b.pupils for b in event.bookings.confirmed()) == 50
