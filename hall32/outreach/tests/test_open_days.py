"""Open days: visitor registration, full days and tours, the guides' rota."""

import datetime as dt

import pytest
from django.utils import timezone

from hall32.core.errors import Conflict, DomainError
from hall32.core.roles import Role
from hall32.core.schoolyear import SchoolYear
from hall32.core.tests.factories import PersonFactory
from hall32.outreach import selectors, services
from hall32.outreach.models import (
    ApprenticeAvailability,
    EventKind,
    TourAssignment,
    TourSlot,
    VisitorRegistration,
)
from hall32.outreach.optimisation.rota import Guide, RotaProblem, TourDeparture, solve
from hall32.outreach.tests.factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_day():
    return EventFactory(kind=EventKind.OPEN_DAY, capacity=10, title="Portes ouvertes")


def register(event, **extra):
    data = {
        "first_name": "Inès",
        "last_name": "Roux",
        "email": "ines.roux@example.org",
        "young_people": 1,
        "girls": 1,
        "parents": 1,
    }
    data.update(extra)
    return services.visitor_register(event=event, **data)


def test_a_family_registers_and_is_counted(open_day):
    registration = register(open_day)

    assert registration.visitors == 2
    assert registration.person.email == "ines.roux@example.org"


def test_a_full_open_day_refuses_with_a_message_and_writes_nothing(open_day):
    register(open_day, parents=3, young_people=4, girls=0)

    with pytest.raises(Conflict, match="complète"):
        register(open_day, email="autre@example.org", young_people=2, girls=0, parents=2)
    assert VisitorRegistration.objects.count() == 1


def test_a_full_tour_departure_is_refused_naming_the_field(open_day):
    open_day.capacity = 100
    open_day.save()
    slot = TourSlot.objects.create(event=open_day, start=dt.time(10, 0), capacity=3)
    register(open_day, tour_slot_id=slot.pk)

    with pytest.raises(Conflict) as refused:
        register(open_day, email="b@example.org", tour_slot_id=slot.pk)
    assert refused.value.field == "tour_slot"


def test_more_girls_than_young_people_is_refused(open_day):
    with pytest.raises(DomainError) as refused:
        register(open_day, young_people=1, girls=2)
    assert refused.value.field == "girls"


def test_the_rota_covers_every_group_respects_availability_and_limits_and_is_fair():
    departures = [TourDeparture(d, f"{9 + d}h", 2) for d in range(1, 7)]
    everyone = frozenset(range(1, 7))
    guides = [Guide(g, f"G{g}", everyone, 4) for g in range(1, 4)] + [
        Guide(4, "G4", frozenset({1, 2}), 4),
        Guide(5, "G5", everyone, 1),
    ]
    problem = RotaProblem(departures, guides)

    result = solve(problem)

    assert result.complete
    for departure in departures:
        assert len(result.assignment[departure.id]) == 2
        assert len(set(result.assignment[departure.id])) == 2
    for guide in guides:
        mine = [d for d, people in result.assignment.items() if guide.id in people]
        assert set(mine) <= guide.available
        assert len(mine) <= guide.max_tours
    loads = [result.loads.get(g.id, 0) for g in guides if g.id in {1, 2, 3}]
    assert max(loads) - min(loads) <= 1  # twelve places over guides: nobody does far more


def test_the_rota_says_which_departure_lacks_guides():
    problem = RotaProblem(
        [TourDeparture(1, "10h00", 3), TourDeparture(2, "14h00", 1)],
        [Guide(1, "A", frozenset({1, 2}), 2), Guide(2, "B", frozenset({2}), 1)],
    )

    result = solve(problem)

    assert not result.complete
    assert result.messages(problem) == ["Départ 10h00 : il manque 2 guides."]


def test_the_rota_is_stored_from_registrations_and_availabilities(open_day):
    open_day.capacity = 200
    open_day.save()
    slot = TourSlot.objects.create(event=open_day, start=dt.time(10, 0), group_size=5, capacity=40)
    for index in range(4):
        register(
            open_day,
            email=f"v{index}@example.org",
            young_people=2,
            girls=1,
            parents=1,
            tour_slot_id=slot.pk,
        )
    for _ in range(3):
        availability = ApprenticeAvailability.objects.create(
            event=open_day, apprentice=PersonFactory(), max_tours=1
        )
        availability.tour_slots.add(slot)

    result = services.tour_rota_compute(event=open_day)

    assert result.complete  # 12 visitors, groups of 5: 3 guides
    assert TourAssignment.objects.filter(slot=slot).count() == 3


# --- Attendance is recorded on the day, and every page counts visitors the same way ---------------


def _move_to_the_past(event, days=10):
    event.start = timezone.now() - dt.timedelta(days=days)
    event.end = event.start + dt.timedelta(hours=8)
    event.save()


def test_a_registration_is_stored_as_expected_not_as_come(open_day):
    registration = register(open_day)

    assert registration.attended is False
    _move_to_the_past(open_day)
    year = SchoolYear.of(timezone.localtime(open_day.start).date())
    reach = selectors.reach_statistics(years=[year])[year.start_year]
    assert EventKind.OPEN_DAY not in reach and reach["total"].pupils == 0


def test_arrivals_are_recorded_on_the_day_and_not_before(open_day):
    registration = register(open_day)

    with pytest.raises(DomainError, match="jour même"):
        services.visitor_check_in(registration=registration)
    registration.refresh_from_db()
    assert registration.attended is False

    open_day.start = timezone.now() - dt.timedelta(minutes=30)
    open_day.end = open_day.start + dt.timedelta(hours=8)
    open_day.save()
    assert services.visitor_check_in(registration=registration).attended is True
    assert services.visitor_check_in(registration=registration).attended is True  # twice: no harm
    assert services.visitor_check_in(registration=registration, came=False).attended is False


def test_a_cancelled_registration_cannot_be_ticked_as_come(open_day):
    registration = register(open_day)
    services.visitor_cancel(registration=registration)
    _move_to_the_past(open_day)

    with pytest.raises(DomainError, match="annulée"):
        services.visitor_check_in(registration=registration)
    registration.refresh_from_db()
    assert registration.attended is False


def test_the_dashboard_the_public_page_the_lists_and_the_reach_count_an_open_day_alike(
    as_user, make_user, client
):
    coming = EventFactory(kind=EventKind.OPEN_DAY, capacity=400, title="Portes ouvertes de mars")
    held = EventFactory(kind=EventKind.OPEN_DAY, capacity=400, title="Portes ouvertes de janvier")
    for index in range(3):
        register(coming, email=f"c{index}@example.org", young_people=1, girls=0, parents=2)
    came = register(held, email="a@example.org", young_people=2, girls=1, parents=1)
    no_show = register(held, email="b@example.org", young_people=1, girls=0, parents=1)
    services.visitor_cancel(registration=register(held, email="x@example.org", young_people=3, girls=0))
    _move_to_the_past(held)
    services.visitor_check_in(registration=came)
    staff = as_user(make_user(Role.OUTREACH_OFFICER))

    panel = next(c for _p, c in staff.get("/").context["panels"] if "reach" in c)
    listed = {
        e.pk: e for e in staff.get("/informer/gestion/?kind=open_day").context["listing"].page.object_list
    }
    coming_page = client.get(coming.get_absolute_url())
    held_page = client.get(held.get_absolute_url())
    year = SchoolYear.of(timezone.localtime(held.start).date())
    reach = selectors.reach_statistics(years=[year])[year.start_year][EventKind.OPEN_DAY]

    # Coming: registered people (young people and parents), the same on every page.
    shown = next(e for e in panel["events"] if e.pk == coming.pk)
    assert shown.visitors == listed[coming.pk].visitors == coming_page.context["fill"].taken == 9
    assert staff.get(f"/informer/gestion/{coming.pk}/visites/").context["fill"].taken == 9
    assert '>9</span><span class="text-body-secondary"> / 400</span>' in staff.get("/").content.decode()
    # Held: those who came, recorded at the desk; the no-show and the cancelled party count nowhere.
    assert listed[held.pk].visitors_came == held_page.context["visitors"].came == 3
    assert reach.pupils + reach.parents == 3 and (reach.pupils, reach.girls, reach.parents) == (2, 1, 1)
    assert "3 visiteurs sont venus." in held_page.content.decode()
    assert no_show.pk and listed[held.pk].visitors == 5


def test_open_days_held_in_a_school_year_leave_out_cancelled_ones_and_other_events():
    paris = timezone.get_current_timezone()

    def on(day: dt.date, **extra):
        start = dt.datetime.combine(day, dt.time(9), tzinfo=paris)
        return EventFactory(kind=EventKind.OPEN_DAY, start=start, end=start + dt.timedelta(hours=8), **extra)

    on(dt.date(2022, 9, 1))  # the first day of 2022-23
    on(dt.date(2023, 3, 11))
    on(dt.date(2023, 1, 14), status="cancelled")
    on(dt.date(2022, 8, 31))  # the last day of 2021-22
    EventFactory(kind=EventKind.FORUM, start=dt.datetime(2022, 11, 8, 9, tzinfo=paris))

    assert selectors.open_days_held(year=SchoolYear(2022)) == 2
    assert selectors.open_days_held(year=SchoolYear(2021)) == 1
