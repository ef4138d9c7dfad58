"""A forum day's plans: each run is a plan linked to its job, and one plan at most is current."""

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from hall32.core.models import Job
from hall32.core.roles import Role
from hall32.core.services import job_create
from hall32.core.tests.concurrency import race, skip_unless_postgres
from hall32.core.tests.factories import PersonFactory
from hall32.outreach import selectors, services, tasks
from hall32.outreach.models import ForumPlan
from hall32.outreach.tests.factories import ClassBookingFactory, EventFactory, SlotFactory, WorkshopFactory


@pytest.fixture
def forum_day():
    """Three classes of 25, three 30-place workshops each with one apprentice, three slots."""
    event = EventFactory(capacity=200)
    slots = [SlotFactory(event=event, start=dt.time(9 + i, 0), end=dt.time(9 + i, 40)) for i in range(3)]
    for name in ["Robotique", "Usinage", "Maintenance"]:
        WorkshopFactory(event=event, name=name, capacity=30).apprentices.add(PersonFactory())
    bookings = [ClassBookingFactory(event=event, pupils=25, girls=12, boys=13) for _ in range(3)]
    return event, slots, bookings


@pytest.fixture
def queued_only(monkeypatch):
    """Jobs are queued but not run, as with a real worker that has not picked them up yet."""
    monkeypatch.setattr(tasks.compute_forum_plan, "delay", lambda job_id: None)


def swapped(plan, slots, bookings) -> dict[tuple[int, int], int]:
    """A valid hand edit: every class swaps its first two workshops."""
    cells = selectors.plan_assignment(plan=plan)
    changes = {}
    for b in bookings:
        changes[(b.pk, slots[0].pk)] = cells[(b.pk, slots[1].pk)]
        changes[(b.pk, slots[1].pk)] = cells[(b.pk, slots[0].pk)]
    return changes


@pytest.mark.django_db
def test_two_current_plans_for_one_event_are_refused_by_the_database():
    event = EventFactory()
    ForumPlan.objects.create(event=event, status=ForumPlan.Status.OPTIMAL, is_current=True)

    with pytest.raises(IntegrityError), transaction.atomic():
        ForumPlan.objects.create(event=event, status=ForumPlan.Status.EDITED, is_current=True)

    # Former plans, and the current plan of another event, are no obstacle.
    ForumPlan.objects.create(event=event, status=ForumPlan.Status.FEASIBLE, is_current=False)
    ForumPlan.objects.create(event=EventFactory(), status=ForumPlan.Status.OPTIMAL, is_current=True)
    assert ForumPlan.objects.filter(is_current=True).count() == 2


@pytest.mark.django_db
def test_a_queued_run_is_a_plan_of_its_job_that_the_page_follows_until_it_is_filled_in(
    forum_day, queued_only, as_user, make_user
):
    event, _slots, _bookings = forum_day
    officer = as_user(make_user(Role.OUTREACH_OFFICER))

    job = services.forum_plan_start(event=event, by=None, time_limit=5)

    pending = ForumPlan.objects.get(job=job)
    assert (pending.status, pending.is_current) == (ForumPlan.Status.PENDING, False)
    assert selectors.latest_attempt(event=event) is None
    assert officer.get(f"/informer/gestion/{event.pk}/planning/").context["job"] == job

    plan = services.forum_plan_compute(job_id=job.pk)

    assert plan.pk == pending.pk
    assert (plan.status, plan.is_current) == (ForumPlan.Status.OPTIMAL, True)
    assert Job.objects.get(pk=job.pk).result["plan"] == plan.pk
    assert officer.get(f"/informer/gestion/{event.pk}/planning/").context["job"] is None


@pytest.mark.django_db
def test_a_job_queued_before_plans_had_their_job_still_stores_its_plan(forum_day):
    event, _slots, _bookings = forum_day
    job = job_create(kind="forum_plan", params={"event": event.pk, "time_limit": 5}, by=None)

    plan = services.forum_plan_compute(job_id=job.pk)

    assert plan.job == job and plan.is_current
    assert ForumPlan.objects.filter(event=event).count() == 1


@pytest.mark.django_db
def test_a_new_current_plan_takes_over_from_the_previous_one(forum_day):
    event, slots, bookings = forum_day
    first, _ = services.forum_plan_solve(event=event, time_limit=5, by=None)

    edited = services.forum_plan_edit(plan=first, changes=swapped(first, slots, bookings), by=None)

    assert list(ForumPlan.objects.filter(is_current=True)) == [edited]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_finishing_jobs_and_hand_edits_at_once_leave_one_current_plan(forum_day, queued_only):
    skip_unless_postgres()
    event, slots, bookings = forum_day
    first, _ = services.forum_plan_solve(event=event, time_limit=5, by=None)
    changes = swapped(first, slots, bookings)
    jobs = [services.forum_plan_start(event=event, by=None, time_limit=5) for _ in range(10)]

    def store(i: int) -> ForumPlan:
        if i % 2:
            return services.forum_plan_edit(plan=first, changes=changes, by=None)
        return services.forum_plan_compute(job_id=jobs[i // 2].pk)

    plans, errors = race(20, store)

    assert errors == []
    assert len(plans) == 20
    assert ForumPlan.objects.filter(event=event, is_current=True).count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_migration_links_plans_to_their_job_and_keeps_the_latest_current_plan():
    before = [("outreach", "0003_visitors_attend_on_the_day")]
    after = [("outreach", "0005_forum_plan_job_and_one_current_plan")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        old = executor.loader.project_state(before).apps
        Event = old.get_model("outreach", "Event")
        OldPlan = old.get_model("outreach", "ForumPlan")
        OldJob = old.get_model("core", "Job")
        start = timezone.now()
        event = Event.objects.create(
            title="Forum", slug="forum", kind="forum", start=start, end=start + dt.timedelta(hours=6)
        )
        older = OldPlan.objects.create(event=event, status="OPTIMAL", is_current=True)
        latest = OldPlan.objects.create(event=event, status="EDITED", is_current=True)
        job = OldJob.objects.create(kind="forum_plan", params={"event": event.pk}, result={"plan": older.pk})
        OldJob.objects.create(kind="forum_plan", params={"event": event.pk})  # still queued: no plan

        MigrationExecutor(connection).migrate(after)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

    assert ForumPlan.objects.get(is_current=True).pk == latest.pk
    assert ForumPlan.objects.get(pk=older.pk).job_id == job.pk
    assert ForumPlan.objects.get(pk=latest.pk).job_id is None
