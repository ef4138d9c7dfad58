"""Follow-up tasks: the services' rules, "my tasks" (overdue, today, upcoming, done), who may
change a task, the daily e-mail reminder (sent once), the dashboard panel and the API."""

import datetime as dt

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from hall32.core.roles import Role
from hall32.core.tests.factories import OrganisationFactory
from hall32.network import tasks as network_tasks
from hall32.network.errors import NetworkError
from hall32.network.models import FollowUpTask
from hall32.network.services import contacts as services
from hall32.network.tests.factories_contacts import InteractionFactory, TaskFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 2)
NOW = timezone.make_aware(dt.datetime(2026, 12, 2, 7, 0))


def _task(default_owner, **extra):
    values = {
        "organisation": OrganisationFactory(),
        "title": "Relancer",
        "due_on": TODAY,
        "owner": default_owner,
    }
    return services.task_create(**{**values, **extra})


def test_a_task_needs_a_title_a_team_owner_and_a_sensible_reminder(coordinator, trainer):
    for extra, field in [
        ({"title": " "}, "title"),
        ({"owner": trainer}, "owner"),
        ({"remind_days_before": 365}, "remind_days_before"),
        ({"interaction": InteractionFactory()}, "interaction"),
    ]:
        with pytest.raises(NetworkError) as refusal:
            _task(coordinator, **extra)
        assert refusal.value.field == field
    assert not FollowUpTask.objects.exists()


def test_a_task_is_done_then_reopened_and_cannot_be_done_twice(coordinator):
    task = _task(coordinator)

    done = services.task_done(task=task)
    with pytest.raises(NetworkError):
        services.task_done(task=done)
    reopened = services.task_reopen(task=done)

    assert done.done_at is not None and reopened.done_at is None


def test_reminders_go_once_per_owner_listing_the_tasks_whose_day_has_come(
    make_user, django_capture_on_commit_callbacks
):
    alice = make_user(Role.OUTREACH_OFFICER, email="alice@hall32.example")
    bruno = make_user(Role.COORDINATOR, email="bruno@hall32.example")
    _task(alice, title="Appeler les Forges", due_on=TODAY + dt.timedelta(days=2), remind_days_before=2)
    _task(alice, title="Envoyer la convention", due_on=TODAY - dt.timedelta(days=1))  # overdue
    _task(alice, title="Plus tard", due_on=TODAY + dt.timedelta(days=10))
    _task(bruno, title="Visite", due_on=TODAY + dt.timedelta(days=1), remind_days_before=1)
    done = _task(bruno, title="Déjà faite", due_on=TODAY)
    services.task_done(task=done)

    with django_capture_on_commit_callbacks(execute=True):
        count = services.task_reminders_send(now=NOW)
        again = services.task_reminders_send(now=NOW + dt.timedelta(hours=1))

    assert (count, again) == (3, 0)
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@hall32.example", "bruno@hall32.example"]
    to_alice = next(m for m in mail.outbox if m.to == ["alice@hall32.example"])
    assert "Appeler les Forges" in to_alice.body and "Envoyer la convention" in to_alice.body
    assert "Plus tard" not in to_alice.body and "en retard" in to_alice.body
    assert "tâche" in to_alice.subject
    assert FollowUpTask.objects.filter(reminded_at__isnull=True).count() == 2  # later, and done


def test_a_new_due_date_sends_the_reminder_again(coordinator):
    task = _task(coordinator)
    services.task_reminders_send(now=NOW)

    task = services.task_update(
        task=task,
        title=task.title,
        due_on=TODAY + dt.timedelta(days=1),
        owner=coordinator,
        remind_days_before=1,
    )

    assert task.reminded_at is None
    assert services.task_reminders_send(now=NOW) == 1


def test_the_celery_task_sends_the_reminders_and_beat_runs_it_every_morning(
    make_user, caplog, django_capture_on_commit_callbacks
):
    owner = make_user(Role.COORDINATOR, email="claire@hall32.example")
    _task(owner, due_on=timezone.localdate())

    with django_capture_on_commit_callbacks(execute=True):
        assert network_tasks.send_task_reminders() == 1

    schedule = settings.CELERY_BEAT_SCHEDULE["network-task-reminders"]
    assert schedule["task"] == "hall32.network.tasks.send_task_reminders"
    assert (schedule["schedule"].hour, schedule["schedule"].minute) == ({7}, {0})
    assert len(mail.outbox) == 1 and "claire" not in caplog.text and "Relancer" not in caplog.text


def test_my_tasks_sorts_overdue_today_and_upcoming_and_folds_the_done_ones(
    as_user, outreach_officer, make_user
):
    today = timezone.localdate()
    TaskFactory(owner=outreach_officer, title="En retard A", due_on=today - dt.timedelta(days=2))
    TaskFactory(owner=outreach_officer, title="Ce jour B", due_on=today)
    TaskFactory(owner=outreach_officer, title="Bientôt C", due_on=today + dt.timedelta(days=3))
    TaskFactory(owner=outreach_officer, title="Fait D", due_on=today, done_at=timezone.now())
    TaskFactory(owner=make_user(Role.OUTREACH_OFFICER), title="Pas à moi")

    page = as_user(outreach_officer).get(reverse("network:my_tasks")).content.decode()

    assert (
        page.index("En retard A") < page.index("Ce jour B") < page.index("Bientôt C") < page.index("Fait D")
    )
    assert "list-group-item-danger" in page and "<details" in page
    assert "Pas à moi" not in page


def test_my_tasks_says_what_to_do_when_there_is_none(as_user, engineer):
    page = as_user(engineer).get(reverse("network:my_tasks")).content.decode()

    assert "Aucune tâche en cours" in page


def test_the_navigation_and_the_dashboard_lead_to_my_tasks(as_user, coordinator):
    TaskFactory(owner=coordinator, title="Préparer le comité")
    client = as_user(coordinator)

    home = client.get("/").content.decode()

    assert reverse("network:my_tasks") in home and "Préparer le comité" in home


def test_a_task_is_marked_done_reopened_edited_and_deleted_from_the_page(as_user, coordinator):
    task = TaskFactory(owner=coordinator)
    client = as_user(coordinator)

    client.post(reverse("network:task_done", args=[task.pk]))
    task.refresh_from_db()
    assert task.done_at is not None
    client.post(reverse("network:task_reopen", args=[task.pk]))
    task.refresh_from_db()
    assert task.done_at is None
    edited = client.post(
        reverse("network:task_edit", args=[task.pk]),
        {
            "title": "Relancer par courriel",
            "due_on": "2026-12-20",
            "owner": coordinator.pk,
            "remind_days_before": 3,
        },
    )
    task.refresh_from_db()
    assert edited.status_code == 302 and (task.title, task.remind_days_before) == ("Relancer par courriel", 3)
    client.post(reverse("network:task_delete", args=[task.pk]), {"confirm": "on"})
    assert not FollowUpTask.objects.exists()


def test_a_colleague_cannot_close_someone_else_s_task_but_a_manager_can(as_user, make_user, direction):
    task = TaskFactory(owner=make_user(Role.OUTREACH_OFFICER))

    refused = as_user(make_user(Role.INDUSTRY_ENGINEER)).post(reverse("network:task_done", args=[task.pk]))
    task.refresh_from_db()
    assert refused.status_code == 403 and task.done_at is None
    as_user(direction).post(reverse("network:task_done", args=[task.pk]))
    task.refresh_from_db()
    assert task.done_at is not None


def test_a_task_is_created_from_the_organisation_page(as_user, outreach_officer):
    org = OrganisationFactory()
    client = as_user(outreach_officer)

    response = client.post(
        reverse("network:task_create", args=[org.pk]),
        {
            "title": "Proposer un forum",
            "due_on": "2026-12-20",
            "owner": outreach_officer.pk,
            "remind_days_before": 1,
        },
    )

    assert response.status_code == 302
    assert "Proposer un forum" in client.get(org.get_absolute_url()).content.decode()


def test_the_api_creates_lists_and_closes_my_tasks(as_user, coordinator):
    org = OrganisationFactory()
    client = as_user(coordinator)

    created = client.post(
        "/api/network/tasks",
        {"organisation_id": org.pk, "title": "Relancer", "due_on": "2026-12-20"},
        content_type="application/json",
    )
    mine = client.get("/api/network/tasks/mine").json()
    done = client.post(f"/api/network/tasks/{created.json()['id']}/done")
    twice = client.post(f"/api/network/tasks/{created.json()['id']}/done")
    finished = client.get("/api/network/tasks/mine", {"done": True}).json()

    assert created.status_code == 201 and created.json()["owner_id"] == coordinator.pk
    assert [t["title"] for t in mine["items"]] == ["Relancer"]
    assert done.json()["done_at"] is not None and twice.status_code == 400
    assert len(finished["items"]) == 1


def test_the_api_refuses_a_reminder_out_of_bounds_with_the_field(as_user, coordinator):
    org = OrganisationFactory()

    response = as_user(coordinator).post(
        "/api/network/tasks",
        {"organisation_id": org.pk, "title": "Relancer", "due_on": "2026-12-20", "remind_days_before": 400},
        content_type="application/json",
    )

    assert response.status_code == 422 and any("remind_days_before" in k for k in response.json()["errors"])
