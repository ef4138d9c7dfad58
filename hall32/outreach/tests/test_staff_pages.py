"""Staff pages: events list and detail, cancellation with confirmation, planning, open days."""

import datetime as dt

import pytest

from hall32.core.roles import Role
from hall32.outreach.models import ClassBooking, Event, EventKind, ForumPlan
from hall32.outreach.tests.factories import (
    ClassBookingFactory,
    EventFactory,
    SlotFactory,
    WorkshopFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(as_user, make_user):
    return as_user(make_user(Role.OUTREACH_OFFICER))


def test_the_event_list_searches_filters_and_counts_pupils(officer, django_assert_max_num_queries):
    forum = EventFactory(title="Forum d'automne", capacity=100)
    EventFactory(title="Salon Auversup", kind=EventKind.TRADE_FAIR)
    for _ in range(5):
        ClassBookingFactory(event=forum)

    with django_assert_max_num_queries(10):
        response = officer.get("/informer/gestion/?kind=forum")

    events = list(response.context["listing"].page.object_list)
    assert [e.title for e in events] == ["Forum d'automne"]
    assert events[0].booked_pupils == 120
    assert [
        e.title for e in officer.get("/informer/gestion/?q=auversup").context["listing"].page.object_list
    ] == ["Salon Auversup"]


@pytest.mark.parametrize("role,status", [(Role.TRAINER, 200), (Role.TEACHER, 403), (Role.LEARNER, 403)])
def test_who_sees_the_staff_event_list(as_user, make_user, role, status):
    assert as_user(make_user(role)).get("/informer/gestion/").status_code == status


def test_a_trainer_may_look_but_not_create_events(as_user, make_user):
    client = as_user(make_user(Role.TRAINER))

    assert client.get("/informer/gestion/nouveau/").status_code == 403


def test_creating_an_event_checks_its_dates(officer):
    response = officer.post(
        "/informer/gestion/nouveau/",
        {
            "title": "Forum",
            "kind": "forum",
            "status": "published",
            "start": "2031-03-10T09:00",
            "end": "2031-03-10T08:00",
            "capacity": 100,
        },
    )

    assert "end" in response.context["form"].errors
    assert not Event.objects.exists()

    response = officer.post(
        "/informer/gestion/nouveau/",
        {
            "title": "Forum",
            "kind": "forum",
            "status": "published",
            "start": "2031-03-10T09:00",
            "end": "2031-03-10T16:00",
            "capacity": 100,
            "for_pupils": "on",
            "registration_open": "on",
        },
        follow=True,
    )
    event = Event.objects.get()
    assert event.slug.startswith("forum-2031-03-10")
    assert "Événement créé." in response.content.decode()


def test_cancelling_an_event_needs_confirmation(officer):
    event = EventFactory()
    ClassBookingFactory(event=event)

    officer.post(f"/informer/gestion/{event.pk}/annuler/", {})
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED

    officer.post(f"/informer/gestion/{event.pk}/annuler/", {"confirm": "on"})
    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED
    assert not event.bookings.active().exists()


@pytest.fixture
def forum_day():
    event = EventFactory(capacity=200)
    slots = [SlotFactory(event=event, start=dt.time(9 + i, 0), end=dt.time(9 + i, 40)) for i in range(3)]
    from hall32.core.tests.factories import PersonFactory

    workshops = []
    for name in ["Robotique", "Usinage", "Maintenance"]:
        workshop = WorkshopFactory(event=event, name=name, capacity=30)
        workshop.apprentices.add(PersonFactory())
        workshops.append(workshop)
    bookings = [ClassBookingFactory(event=event, pupils=25, girls=12, boys=13) for _ in range(3)]
    return event, slots, workshops, bookings


def test_the_planner_runs_as_a_job_and_shows_a_proven_optimal_grid(
    officer, forum_day, django_capture_on_commit_callbacks
):
    event, _slots, _workshops, bookings = forum_day

    with django_capture_on_commit_callbacks(execute=True):
        officer.post(f"/informer/gestion/{event.pk}/planning/calculer/", {"time_limit": "5"})
    response = officer.get(f"/informer/gestion/{event.pk}/planning/")

    plan = ForumPlan.objects.get(event=event, is_current=True)
    assert plan.status == "OPTIMAL"
    assert plan.assignments.count() == 9
    body = response.content.decode()
    assert "Le meilleur planning possible" in body
    assert bookings[0].class_name in body


def test_a_hand_edit_that_breaks_a_rule_is_refused_naming_it(
    officer, forum_day, django_capture_on_commit_callbacks
):
    event, slots, workshops, bookings = forum_day
    with django_capture_on_commit_callbacks(execute=True):
        officer.post(f"/informer/gestion/{event.pk}/planning/calculer/", {"time_limit": "5"})
    plan = ForumPlan.objects.get(is_current=True)
    first = bookings[0]
    cells = {(a.booking_id, a.slot_id): a.workshop_id for a in plan.assignments.all()}
    other = next(b for b in bookings if b != first)
    data = {f"c{b}_s{s}": w for (b, s), w in cells.items()}
    data[f"c{first.pk}_s{slots[0].pk}"] = cells[
        (other.pk, slots[0].pk)
    ]  # two classes of 25 in a 30-place workshop

    response = officer.post(f"/informer/gestion/{event.pk}/planning/modifier/", data, follow=True)

    assert "Modification refusée" in response.content.decode()
    assert "dépasse sa capacité" in response.content.decode()
    assert ForumPlan.objects.get(is_current=True) == plan


def test_a_valid_hand_edit_is_kept_as_a_new_plan(officer, forum_day, django_capture_on_commit_callbacks):
    event, slots, workshops, bookings = forum_day
    with django_capture_on_commit_callbacks(execute=True):
        officer.post(f"/informer/gestion/{event.pk}/planning/calculer/", {"time_limit": "5"})
    plan = ForumPlan.objects.get(is_current=True)
    cells = {(a.booking_id, a.slot_id): a.workshop_id for a in plan.assignments.all()}
    # Swap the first two slots of every class: the rotation stays valid.
    data = {}
    for b in bookings:
        data[f"c{b.pk}_s{slots[0].pk}"] = cells[(b.pk, slots[1].pk)]
        data[f"c{b.pk}_s{slots[1].pk}"] = cells[(b.pk, slots[0].pk)]
        data[f"c{b.pk}_s{slots[2].pk}"] = cells[(b.pk, slots[2].pk)]

    response = officer.post(f"/informer/gestion/{event.pk}/planning/modifier/", data, follow=True)

    current = ForumPlan.objects.get(is_current=True)
    assert current.status == ForumPlan.Status.EDITED and current != plan
    assert "toutes les contraintes sont respectées" in response.content.decode()


def test_the_plan_exports_as_pdf_and_ical(officer, forum_day, django_capture_on_commit_callbacks):
    event, _slots, _workshops, bookings = forum_day
    with django_capture_on_commit_callbacks(execute=True):
        officer.post(f"/informer/gestion/{event.pk}/planning/calculer/", {"time_limit": "5"})
    plan = ForumPlan.objects.get(is_current=True)

    by_class = officer.get(f"/informer/gestion/{event.pk}/planning/{plan.pk}/pdf/")
    by_workshop = officer.get(f"/informer/gestion/{event.pk}/planning/{plan.pk}/pdf/?by=workshop")
    ics = officer.get(f"/informer/gestion/{event.pk}/planning/{plan.pk}/classe/{bookings[0].pk}.ics")

    assert by_class["Content-Type"] == by_workshop["Content-Type"] == "application/pdf"
    assert by_class.content.startswith(b"%PDF") and by_workshop.content.startswith(b"%PDF")
    assert ics.content.count(b"BEGIN:VEVENT") == 3
    workshop = plan.assignments.first().workshop
    per_workshop = officer.get(f"/informer/gestion/{event.pk}/planning/{plan.pk}/atelier/{workshop.pk}.ics")
    assert (
        per_workshop.content.count(b"BEGIN:VEVENT")
        == plan.assignments.filter(workshop=workshop).values("slot").distinct().count()
    )


def test_an_impossible_day_explains_itself_on_the_page(
    officer, forum_day, django_capture_on_commit_callbacks
):
    event, _slots, workshops, _bookings = forum_day
    for w in workshops:
        w.apprentices.clear()

    with django_capture_on_commit_callbacks(execute=True):
        officer.post(f"/informer/gestion/{event.pk}/planning/calculer/", {"time_limit": "5"})
    response = officer.get(f"/informer/gestion/{event.pk}/planning/")

    body = response.content.decode()
    assert "pas trouvé de planning" in body
    assert "apprenti" in body
    assert not ForumPlan.objects.filter(is_current=True).exists()


def test_the_no_show_button_takes_a_class_out_of_the_statistics(officer):
    booking = ClassBookingFactory()

    officer.post(f"/informer/gestion/reservations/{booking.pk}/absent/")

    booking.refresh_from_db()
    assert booking.status == ClassBooking.Status.NO_SHOW


def test_a_teacher_sees_their_own_bookings_only(as_user, make_user, django_assert_max_num_queries):
    teacher = make_user(Role.TEACHER)
    mine = ClassBookingFactory(teacher=teacher.person, class_name="3e Mine")
    ClassBookingFactory(teacher=teacher.person, status=ClassBooking.Status.CANCELLED)
    ClassBookingFactory(class_name="3e Autre")

    client = as_user(teacher)
    with django_assert_max_num_queries(12):
        response = client.get("/informer/mes-reservations/")

    names = [b.class_name for b in response.context["upcoming"]]
    assert names == [mine.class_name]
    assert len(response.context["listing"].page.object_list) == 1
    assert as_user(teacher).get("/").status_code == 200


def test_the_outreach_gdpr_section_lists_a_teachers_bookings(make_user):
    from hall32.core import services as core_services

    teacher = make_user(Role.TEACHER)
    ClassBookingFactory(teacher=teacher.person, class_name="3e Export")

    data = core_services.person_export(person=teacher.person, by=teacher)

    assert data["informer"]["réservations_de_classe"][0]["classe"] == "3e Export"
