"""The open-day desk: find a family by name, tick its arrival, the counts follow."""

import datetime as dt

import pytest
from django.utils import timezone

from hall32.core.roles import Role
from hall32.core.tests.factories import PersonFactory
from hall32.outreach.models import EventKind, EventStaff, VisitorRegistration
from hall32.outreach.tests.factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def today_open_day():
    start = timezone.now() - dt.timedelta(minutes=30)
    return EventFactory(kind=EventKind.OPEN_DAY, start=start, end=start + dt.timedelta(hours=8))


def registration(event, last_name, **extra):
    person = PersonFactory(first_name="Léa", last_name=last_name)
    return VisitorRegistration.objects.create(
        event=event, person=person, young_people=1, parents=extra.pop("parents", 1), **extra
    )


@pytest.fixture
def desk(as_user, make_user, today_open_day):
    """A trainer on the day's team stands at the desk."""
    trainer = make_user(Role.TRAINER)
    EventStaff.objects.create(event=today_open_day, person=trainer.person)
    return as_user(trainer)


def test_staff_not_on_the_day_s_team_see_no_family_name(as_user, make_user, today_open_day):
    registration(today_open_day, "Martin")
    other = as_user(make_user(Role.TRAINER))

    assert other.get(f"/informer/gestion/{today_open_day.pk}/accueil/").status_code == 403
    page = other.get(f"/informer/gestion/{today_open_day.pk}/visites/")
    assert page.status_code == 200 and "Martin" not in page.content.decode()
    officer = as_user(make_user(Role.OUTREACH_OFFICER)).get(f"/informer/gestion/{today_open_day.pk}/visites/")
    assert "Martin" in officer.content.decode()


def test_the_desk_finds_a_family_by_name_and_lists_the_cancelled_nowhere(
    desk, today_open_day, django_assert_max_num_queries
):
    registration(today_open_day, "Martin")
    registration(today_open_day, "Bernard")
    registration(today_open_day, "Martinez", cancelled_at=timezone.now())
    for index in range(10):
        registration(today_open_day, f"Famille {index}")
    url = f"/informer/gestion/{today_open_day.pk}/accueil/"

    with django_assert_max_num_queries(14):
        response = desk.get(url, {"q": "mart"})

    assert [r.person.last_name for r in response.context["listing"].page.object_list] == ["Martin"]
    assert response.context["visitors"].registered == 24
    assert "autofocus" in response.content.decode()


def test_ticking_an_arrival_updates_the_row_and_the_counts_in_place(desk, today_open_day):
    family = registration(today_open_day, "Martin", parents=2)
    registration(today_open_day, "Bernard")
    url = f"/informer/gestion/{today_open_day.pk}/accueil/{family.pk}/"

    response = desk.post(url, {"came": "1"}, HTTP_HX_REQUEST="true")

    family.refresh_from_db()
    assert family.attended is True
    body = response.content.decode()
    assert f'id="visitor-{family.pk}"' in body and "Retirer l'arrivée de Léa Martin" in body
    assert 'id="check-in-counts"' in body and 'hx-swap-oob="true"' in body
    assert '<strong class="fs-5">3</strong> venu·e·s sur 5 inscrit·e·s' in body

    desk.post(url, {"came": "0"}, HTTP_HX_REQUEST="true")
    family.refresh_from_db()
    assert family.attended is False


def test_without_javascript_the_tick_comes_back_to_the_same_search(desk, today_open_day):
    family = registration(today_open_day, "Martin")
    back = f"/informer/gestion/{today_open_day.pk}/accueil/?q=mar"

    response = desk.post(
        f"/informer/gestion/{today_open_day.pk}/accueil/{family.pk}/", {"came": "1", "next": back}
    )
    elsewhere = desk.post(
        f"/informer/gestion/{today_open_day.pk}/accueil/{family.pk}/",
        {"came": "1", "next": "https://ailleurs.example/"},
    )

    assert response.status_code == 302 and response["Location"] == back
    assert elsewhere["Location"] == f"/informer/gestion/{today_open_day.pk}/accueil/"
    assert "Arrivée de Léa Martin enregistrée." in desk.get(back).content.decode()


def test_before_the_day_the_desk_says_so_and_records_nothing(as_user, make_user):
    coming = EventFactory(kind=EventKind.OPEN_DAY)
    family = registration(coming, "Martin")
    desk = as_user(make_user(Role.OUTREACH_OFFICER))

    page = desk.get(f"/informer/gestion/{coming.pk}/accueil/").content.decode()
    refused = desk.post(
        f"/informer/gestion/{coming.pk}/accueil/{family.pk}/", {"came": "1"}, HTTP_HX_REQUEST="true"
    )

    assert "les arrivées s&#x27;enregistrent le jour même" in page
    assert "Enregistrer l'arrivée" not in page and "Pointer l'arrivée" not in page
    assert 'role="alert">La journée n&#x27;a pas encore eu lieu' in refused.content.decode()
    family.refresh_from_db()
    assert family.attended is False


@pytest.mark.parametrize("role", [Role.TEACHER, Role.LEARNER, Role.CLIENT])
def test_only_hub_staff_tick_arrivals(as_user, make_user, today_open_day, role):
    family = registration(today_open_day, "Martin")
    client = as_user(make_user(role))

    assert client.get(f"/informer/gestion/{today_open_day.pk}/accueil/").status_code == 403
    assert client.post(f"/informer/gestion/{today_open_day.pk}/accueil/{family.pk}/").status_code == 403
    family.refresh_from_db()
    assert family.attended is False


def test_a_visitor_s_data_export_says_whether_they_came(today_open_day):
    from hall32.core import services as core_services

    family = registration(today_open_day, "Martin", attended=True)

    data = core_services.person_export(person=family.person, by=None)

    assert data["informer"]["inscriptions_portes_ouvertes"][0]["venu"] is True
