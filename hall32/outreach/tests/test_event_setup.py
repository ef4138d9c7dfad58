"""Setting up an event's rows from its pages: a forum's workshops and slots, an open day's tour
departures, and what each apprentice guide can give (each replaced in one transaction)."""

import datetime as dt

import pytest

from hall32.core.roles import Role
from hall32.outreach.models import ApprenticeAvailability, EventKind, ForumSlot, TourSlot, Workshop
from hall32.outreach.tests.factories import EventFactory, SlotFactory, WorkshopFactory
from hall32.training.tests.factories import EnrolmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(as_user, make_user):
    return as_user(make_user(Role.OUTREACH_OFFICER))


def management(prefix, total, initial):
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": str(initial)}


def test_the_planner_renames_deletes_and_adds_workshops_and_slots_at_once(officer):
    forum = EventFactory(kind=EventKind.FORUM)
    kept = WorkshopFactory(event=forum, name="Soudure")
    gone = WorkshopFactory(event=forum, name="Peinture")
    slot = SlotFactory(event=forum)

    response = officer.post(
        f"/informer/gestion/{forum.pk}/planning/ateliers/",
        {
            **management("workshops", 3, 2),
            "workshops-0-id": kept.pk,
            "workshops-0-name": "Soudure TIG",
            "workshops-0-capacity": "24",
            "workshops-0-min_apprentices": "0",
            "workshops-1-id": gone.pk,
            "workshops-1-name": "Peinture",
            "workshops-1-capacity": "30",
            "workshops-1-min_apprentices": "0",
            "workshops-1-DELETE": "on",
            "workshops-2-name": "Robotique",
            "workshops-2-capacity": "20",
            "workshops-2-min_apprentices": "0",
            **management("slots", 2, 1),
            "slots-0-id": slot.pk,
            "slots-0-start": "09:00",
            "slots-0-end": "09:40",
            "slots-1-start": "10:00",
            "slots-1-end": "10:40",
        },
    )

    assert response.status_code == 302
    assert sorted(Workshop.objects.filter(event=forum).values_list("name", "capacity")) == [
        ("Robotique", 20),
        ("Soudure TIG", 24),
    ]
    assert list(ForumSlot.objects.filter(event=forum).order_by("start").values_list("start", flat=True)) == [
        dt.time(9, 0),
        dt.time(10, 0),
    ]


def test_the_team_adds_an_open_days_tour_departures(officer):
    open_day = EventFactory(kind=EventKind.OPEN_DAY)

    response = officer.post(
        f"/informer/gestion/{open_day.pk}/visites/",
        {
            "form": "slots",
            **management("slots", 1, 0),
            "slots-0-start": "14:00",
            "slots-0-duration_minutes": "45",
            "slots-0-group_size": "12",
            "slots-0-capacity": "36",
        },
    )

    assert response.status_code == 302
    assert list(TourSlot.objects.filter(event=open_day).values_list("start", "capacity")) == [
        (dt.time(14, 0), 36)
    ]


@pytest.fixture
def guide_day():
    open_day = EventFactory(kind=EventKind.OPEN_DAY)
    early = TourSlot.objects.create(event=open_day, start=dt.time(10, 0))
    late = TourSlot.objects.create(event=open_day, start=dt.time(15, 0))
    apprentice = EnrolmentFactory(start_date=dt.date(2020, 9, 1)).person
    said = ApprenticeAvailability.objects.create(event=open_day, apprentice=apprentice, max_tours=1)
    said.tour_slots.set([early])
    return open_day, apprentice, late


def guide_post(open_day, apprentice, slot):
    return {
        "form": "guide",
        "guide-apprentice": apprentice.pk,
        "guide-tour_slots": [slot.pk],
        "guide-max_tours": "2",
    }


def test_what_a_guide_can_give_replaces_what_they_said_before(officer, guide_day):
    open_day, apprentice, late = guide_day

    response = officer.post(
        f"/informer/gestion/{open_day.pk}/visites/", guide_post(open_day, apprentice, late)
    )

    assert response.status_code == 302
    now = ApprenticeAvailability.objects.get(event=open_day, apprentice=apprentice)
    assert now.max_tours == 2 and list(now.tour_slots.all()) == [late]


def test_a_guide_s_availability_that_fails_to_save_leaves_the_old_one(officer, guide_day, monkeypatch):
    open_day, apprentice, late = guide_day

    def broken(self, *args, **kwargs):
        raise RuntimeError("the database went away mid-save")

    monkeypatch.setattr(ApprenticeAvailability, "save", broken)
    with pytest.raises(RuntimeError):
        officer.post(f"/informer/gestion/{open_day.pk}/visites/", guide_post(open_day, apprentice, late))

    before = ApprenticeAvailability.objects.get(event=open_day, apprentice=apprentice)
    assert before.max_tours == 1 and [s.start for s in before.tour_slots.all()] == [dt.time(10, 0)]
