"""The demo Pôle Industrie matches the hub's published figures and never double-books."""

from collections import defaultdict

import pytest
from django.core.management import call_command

from hall32.core.models import User
from hall32.industry.models import Booking, Project, ScheduleRun, SimulationRun
from hall32.industry.selectors import client_return

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo")]


@pytest.fixture
def demo():
    call_command("seed_demo", seed=32, today="2026-11-27", verbosity=0)


def test_the_demo_has_30_clients_4_large_groups_and_77_percent_returning(demo):
    figures = client_return()

    assert figures.clients == 30
    assert figures.large_groups == 4
    assert figures.by_size == {"large_group": 4, "sme": 26}
    assert figures.returning == 23
    assert round(100 * figures.rate) == 77


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
