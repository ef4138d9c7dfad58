"""Scheduling the machines: the solve respects bookings, maintenance and opening hours, and its
result is booked in one action, all or nothing."""

import datetime as dt

import pytest
from django.utils import timezone

from hall32.core.errors import Conflict, DomainError, Forbidden
from hall32.core.roles import Role
from hall32.industry import hours
from hall32.industry.models import Booking, ScheduleRun
from hall32.industry.services import scheduling as services
from hall32.industry.tests.factories import BookingFactory, EquipmentFactory, GrantFactory, next_monday_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def machines():
    return {
        "print": EquipmentFactory(name="Imprimante", runs_unattended=True, qualification=None),
        "mill": EquipmentFactory(name="Fraiseuse", runs_unattended=False, qualification=None),
    }


def new_run(user, rows, *, start=None):
    run = services.schedule_create(
        run=ScheduleRun(name="Série pilote", not_before=start or next_monday_at(8), time_limit=5), by=user
    )
    return services.schedule_set_operations(run=run, rows=rows)


def test_the_schedule_avoids_bookings_and_keeps_attended_machines_to_opening_hours(engineer, machines):
    monday_8 = next_monday_at(8)
    BookingFactory(equipment=machines["mill"], start=monday_8, end=monday_8 + dt.timedelta(hours=3))
    run = new_run(
        engineer,
        [("OF-1", machines["print"], 120), ("OF-1", machines["mill"], 240), ("OF-2", machines["mill"], 600)],
    )

    solved = services.schedule_solve(run=run)

    assert solved.status == ScheduleRun.Status.SOLVED
    ops = {(op.job_label, op.sequence): op for op in solved.operations.all()}
    first, second, long = ops[("OF-1", 1)], ops[("OF-1", 2)], ops[("OF-2", 1)]
    assert first.start >= monday_8 and second.start >= first.end
    for op in (second, long):  # the mill: within one opening day, after the existing booking
        local_start, local_end = timezone.localtime(op.start), timezone.localtime(op.end)
        assert local_start.date() == local_end.date() and local_start.weekday() < 5
        assert local_start.time() >= hours.OPENS and local_end.time() <= hours.CLOSES
        assert op.start >= monday_8 + dt.timedelta(hours=3) or op.end <= monday_8
    assert second.end <= long.start or long.end <= second.start
    last_end = max(o.end for o in ops.values())
    assert solved.makespan_minutes == (last_end - monday_8).total_seconds() // 60  # from not_before


def test_applying_books_every_operation_at_once(engineer, machines):
    run = services.schedule_solve(
        run=new_run(engineer, [("OF-1", machines["print"], 90), ("OF-1", machines["mill"], 60)])
    )

    bookings = services.schedule_apply(run=run, by=engineer)

    run.refresh_from_db()
    assert run.status == ScheduleRun.Status.APPLIED
    assert len(bookings) == 2
    assert {b.kind for b in bookings} == {Booking.Kind.SCHEDULED}
    assert sorted(b.title for b in bookings) == ["OF-1 · 1", "OF-1 · 2"]


def test_a_booking_made_since_the_solve_stops_the_whole_apply_naming_it(engineer, machines):
    run = services.schedule_solve(
        run=new_run(engineer, [("OF-1", machines["print"], 90), ("OF-1", machines["mill"], 60)])
    )
    milling = run.operations.get(equipment=machines["mill"])
    intruder = BookingFactory(equipment=machines["mill"], start=milling.start, end=milling.end, title="Cours")

    with pytest.raises(Conflict) as refused:
        services.schedule_apply(run=run, by=engineer)

    assert intruder.reference in refused.value.message
    assert not Booking.objects.filter(kind=Booking.Kind.SCHEDULED).exists()
    run.refresh_from_db()
    assert run.status == ScheduleRun.Status.SOLVED


def test_applying_needs_the_machines_qualifications(make_user, machines):
    machines["print"].qualification = GrantFactory().qualification
    machines["print"].save()
    planner = make_user(Role.INDUSTRY_ENGINEER)
    run = services.schedule_solve(run=new_run(planner, [("OF-1", machines["print"], 90)]))

    with pytest.raises(Forbidden) as refused:
        services.schedule_apply(run=run, by=planner)

    assert machines["print"].qualification.name in refused.value.message
    assert not Booking.objects.filter(kind=Booking.Kind.SCHEDULED).exists()


def test_an_operation_longer_than_an_opening_day_on_an_attended_machine_is_refused(engineer, machines):
    run = new_run(engineer, [("OF-9", machines["mill"], 13 * 60)])

    with pytest.raises(DomainError) as refused:
        services.schedule_problem(run=run)

    assert "OF-9" in refused.value.message and "Fraiseuse" in refused.value.message


def test_a_problem_too_large_for_the_booking_window_says_so(engineer, machines):
    week = 5 * 11 * 60  # a little less than a week of opening hours, in minutes
    rows = [(f"OF-{i}", machines["mill"], 600) for i in range(hours.WEEKS_AHEAD * week // 600 + 10)]
    run = new_run(engineer, rows)

    with pytest.raises(DomainError) as refused:
        services.schedule_problem(run=run)
    solved = services.schedule_solve(run=run)

    assert refused.value.code == "too_large"
    assert "Problème trop grand" in refused.value.message and "Fraiseuse" in refused.value.message
    assert solved.status == ScheduleRun.Status.FAILED and "trop grand" in solved.message


def test_a_schedule_with_no_operation_cannot_be_started(engineer):
    run = services.schedule_create(run=ScheduleRun(name="Vide", not_before=next_monday_at(8)), by=engineer)

    with pytest.raises(DomainError, match="au moins une opération"):
        services.schedule_start(run=run, by=engineer)


def test_the_page_computes_then_books_and_shows_the_gantt(
    client, engineer, machines, django_capture_on_commit_callbacks
):
    run = new_run(engineer, [("OF-1", machines["print"], 90), ("OF-1", machines["mill"], 60)])
    client.force_login(engineer)

    with django_capture_on_commit_callbacks(execute=True):  # the task runs when the request commits
        client.post(f"/innover/ordonnancement/{run.pk}/calculer/")
    computed = client.get(f"/innover/ordonnancement/{run.pk}/")
    applied = client.post(f"/innover/ordonnancement/{run.pk}/reserver/", {"confirm": "on"}, follow=True)

    assert "Ordonnancement optimal" in computed.content.decode()
    assert 'id="gantt-tasks"' in computed.content.decode()
    assert "2 réservations créées" in applied.content.decode()
    assert Booking.objects.filter(schedule=run).count() == 2


def test_a_schedule_sent_with_too_many_operations_is_refused_whole(client, engineer, machines):
    client.force_login(engineer)
    jobs = [
        {"label": f"OF-{j}", "operations": [{"equipment_id": machines["print"].pk, "minutes": 30}] * 200}
        for j in range(4)
    ]  # 800 operations: each job is within the schema's bounds, the whole is past MAX_OPERATIONS

    response = client.post(
        "/api/industry/schedules",
        {"name": "Trop grand", "not_before": next_monday_at(8).isoformat(), "jobs": jobs},
        content_type="application/json",
    )

    assert response.status_code == 400 and "600" in response.json()["detail"]
    assert not ScheduleRun.objects.exists()


def test_a_schedule_sent_through_the_api_is_stored_with_its_operations(client, engineer, machines):
    client.force_login(engineer)
    jobs = [
        {
            "label": "OF-1",
            "operations": [
                {"equipment_id": machines["print"].pk, "minutes": 90},
                {"equipment_id": machines["mill"].pk, "minutes": 60},
            ],
        }
    ]

    response = client.post(
        "/api/industry/schedules",
        {"name": "Série pilote", "not_before": next_monday_at(8).isoformat(), "jobs": jobs},
        content_type="application/json",
    )

    assert response.status_code == 201
    assert [(o["job"], o["sequence"], o["minutes"]) for o in response.json()["operations"]] == [
        ("OF-1", 1, 90),
        ("OF-1", 2, 60),
    ]
    assert ScheduleRun.objects.get().created_by == engineer
