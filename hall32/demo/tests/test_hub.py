"""What the demo hub holds beyond the published figures: machines never booked twice, solved forum
plans, a programme running today, and something to do on every demo user's home."""

import datetime as dt
from collections import defaultdict

import pytest
from django.core.management import call_command
from django.utils import timezone

from hall32.core.models import User
from hall32.industry.models import Booking, Project, ScheduleRun, SimulationRun
from hall32.outreach import selectors as outreach_selectors
from hall32.outreach.models import Event, EventKind, ForumPlan
from hall32.outreach.optimisation.forum import check_plan
from hall32.training import selectors as training_selectors
from hall32.training.models import ReferralStatus

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo")]

TODAY = dt.date(2026, 11, 27)


@pytest.fixture
def demo():
    call_command("seed_demo", seed=32, today=TODAY.isoformat(), verbosity=0)


def test_the_demo_never_books_a_machine_twice_and_keeps_its_users_busy(demo):
    per_machine = defaultdict(list)
    for booking in Booking.objects.confirmed().order_by("start"):
        per_machine[booking.equipment_id].append(booking)
    overlaps = [
        (a.pk, b.pk)
        for bookings in per_machine.values()
        for a, b in zip(bookings, bookings[1:], strict=False)
        if b.start < a.end
    ]

    assert Booking.objects.filter(kind=Booking.Kind.MAINTENANCE).exists()
    assert Booking.objects.filter(kind=Booking.Kind.USAGE).count() > 300
    assert overlaps == []
    # ...and gives each demo user something to do.
    lucas = User.objects.get(username="apprenant")
    emilie = User.objects.get(username="client")
    grants = {
        g.qualification.code: g for g in lucas.person.qualification_grants.select_related("qualification")
    }

    assert grants["fa-polymere"].expires_on > grants["usinage-cn"].expires_on  # one valid, one expired
    assert Booking.objects.filter(user=lucas).exists()
    assert Project.objects.filter(client=emilie.person.organisation, quotes__status="sent").exists()
    assert ScheduleRun.objects.get().status == ScheduleRun.Status.SOLVED
    assert SimulationRun.objects.filter(kind="improve", result__best__isnull=False).exists()
    assert SimulationRun.objects.filter(kind="simulate").count() == 2


def test_the_demo_forums_have_solved_plans_and_the_next_one_a_waiting_list(demo):
    for plan in ForumPlan.objects.filter(is_current=True):
        problem = outreach_selectors.forum_problem(event=plan.event)
        assert plan.status == "OPTIMAL"
        assert check_plan(problem, outreach_selectors.plan_assignment(plan=plan)) == []
    upcoming = Event.objects.filter(
        kind=EventKind.FORUM, start__gt=dt.datetime(2026, 11, 27, tzinfo=dt.UTC)
    ).get()
    assert upcoming.bookings.waiting().count() == 2
    # A school waits for a place only if it has no class coming yet (the demo teacher's included).
    coming = set(upcoming.bookings.confirmed().values_list("school", flat=True))
    assert not coming & set(upcoming.bookings.waiting().values_list("school", flat=True))


def test_the_demo_has_a_remobilisation_running_today_with_50_participants(demo):
    running = training_selectors.programmes.sessions().get(
        programme__kind="remobilisation", start__lte=TODAY, end__gte=TODAY
    )

    assert running.participants == 50
    assert running.referrals.filter(status=ReferralStatus.IN_PROGRESS).count() == 50


def test_the_demo_homes_of_the_learner_the_parent_and_the_tutor_show_what_each_needs(client):
    call_command("seed_demo", seed=32, today=timezone.localdate().isoformat(), verbosity=0)

    def home(username: str) -> str:
        client.force_login(User.objects.get(username=username))
        return client.get("/").content.decode()

    learner, parent, tutor = home("apprenant"), home("parent"), home("tuteur")
    for page in (learner, parent, tutor):
        assert "Messages du hub" in page and "Ateliers de la Limagne" in page
        assert "Absences cette année" in page and "Au centre ou en entreprise" in page
    assert "Prochaines séances au centre" in learner and "Mes compétences" in learner
    assert "Réunion parents-formateurs" in parent and "Réunion parents-formateurs" not in learner
    assert "Lucas Moreau" in parent and "Lucas Moreau" in tutor
    assert "Évaluations à faire" in tutor and "Visites de suivi en entreprise" in tutor
