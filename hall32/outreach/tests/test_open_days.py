"""Open days: visitor registration, full days and tours, the guides' rota."""

import datetime as dt

import pytest

from hall32.core.errors import Conflict, DomainError
from hall32.core.tests.factories import PersonFactory
from hall32.outreach import services
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
