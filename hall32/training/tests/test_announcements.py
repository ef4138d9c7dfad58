"""Messages from the hub: the coordination posts them to a cohort or to all, for learners, parents
or tutors; they show on the homes of the people concerned between their two dates, and nowhere else."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from hall32.core.errors import DomainError
from hall32.core.models import Guardianship
from hall32.core.roles import Role
from hall32.training import selectors
from hall32.training.models import Announcement, Contract, ContractTutor
from hall32.training.services.announcements import announcement_create, announcement_delete
from hall32.training.tests.factories import CohortFactory, EnrolmentFactory, contract_for

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def cohorts(today):
    return [CohortFactory(start_date=today - 30 * DAY, end_date=today + 200 * DAY) for _ in range(2)]


def post(by, *, cohort=None, audience="everyone", title="Réunion", published_on=None, expires_on=None):
    return announcement_create(
        title=title,
        body="Jeudi à 18 h, salle polyvalente.",
        audience=audience,
        cohort=cohort,
        published_on=published_on or timezone.localdate(),
        expires_on=expires_on,
        by=by,
    )


def titles(user, today):
    return {a.title for a in selectors.homes.announcements_for(user=user, today=today)}


def test_a_learner_sees_the_messages_for_learners_of_their_cohort_or_of_all(
    cohorts, coordinator, make_user, today
):
    mine, other = cohorts
    learner = make_user(Role.LEARNER, person=EnrolmentFactory(cohort=mine, start_date=mine.start_date).person)
    post(coordinator, title="À tous")
    post(coordinator, cohort=mine, audience="learners", title="À ma promotion")
    post(coordinator, cohort=other, audience="learners", title="À une autre promotion")
    post(coordinator, cohort=mine, audience="guardians", title="Aux parents")
    post(coordinator, cohort=mine, audience="tutors", title="Aux tuteurs")

    assert titles(learner, today) == {"À tous", "À ma promotion"}


def test_a_message_shows_from_its_date_until_it_expires(cohorts, coordinator, make_user, today):
    learner = make_user(
        Role.LEARNER, person=EnrolmentFactory(cohort=cohorts[0], start_date=cohorts[0].start_date).person
    )
    post(coordinator, title="Affiché", expires_on=today)
    post(coordinator, title="Demain", published_on=today + DAY)
    post(coordinator, title="Expiré", published_on=today - 3 * DAY, expires_on=today - DAY)

    assert titles(learner, today) == {"Affiché"}
    assert titles(learner, today + DAY) == {"Demain"}


def test_a_parent_sees_the_messages_of_their_minor_childs_cohort_only(cohorts, coordinator, make_user, today):
    mine, other = cohorts
    parent = make_user(Role.GUARDIAN)
    minor = EnrolmentFactory(
        cohort=mine, start_date=mine.start_date, person__birth_date=today.replace(year=today.year - 15, day=1)
    ).person
    adult = EnrolmentFactory(
        cohort=other, start_date=other.start_date, person__birth_date=dt.date(2000, 1, 1)
    ).person
    for child in (minor, adult):
        Guardianship.objects.create(child=child, guardian=parent.person)
    post(coordinator, cohort=mine, audience="guardians", title="Parents de ma promotion")
    post(coordinator, cohort=other, audience="guardians", title="Parents de la promotion de l'aîné")
    post(coordinator, cohort=mine, audience="learners", title="Aux apprenants")

    assert titles(parent, today) == {"Parents de ma promotion"}


def test_a_tutor_sees_the_messages_for_tutors_of_their_apprentices_cohorts(
    cohorts, coordinator, make_user, today
):
    mine, other = cohorts
    tutor = make_user(Role.COMPANY_TUTOR)
    apprentice = EnrolmentFactory(cohort=mine, start_date=mine.start_date).person
    contract = contract_for(apprentice, status=Contract.Status.SIGNED, end_date=today + 300 * DAY)
    ContractTutor.objects.create(contract=contract, person=tutor.person, job_title="Chef d'atelier")
    post(coordinator, audience="tutors", title="À tous les tuteurs")
    post(coordinator, cohort=mine, audience="tutors", title="Aux tuteurs de la promotion")
    post(coordinator, cohort=other, audience="tutors", title="Aux tuteurs d'une autre promotion")

    assert titles(tutor, today) == {"À tous les tuteurs", "Aux tuteurs de la promotion"}


def test_a_message_to_all_cohorts_reaches_only_people_the_hub_follows(coordinator, make_user, today):
    post(coordinator, title="À tous")

    for role in (Role.LEARNER, Role.GUARDIAN, Role.COMPANY_TUTOR, Role.TRAINER, Role.CLIENT):
        assert titles(make_user(role), today) == set()


def test_the_messages_show_on_the_home_page_of_those_concerned(cohorts, coordinator, make_user, as_user):
    learner = make_user(
        Role.LEARNER, person=EnrolmentFactory(cohort=cohorts[0], start_date=cohorts[0].start_date).person
    )
    post(coordinator, title="Fermeture pour les fêtes")

    page = as_user(learner).get("/").content.decode()

    assert "Messages du hub" in page and "Fermeture pour les fêtes" in page
    assert "Messages du hub" not in as_user(make_user(Role.LEARNER)).get("/").content.decode()


@pytest.mark.parametrize(
    "changes,field",
    [
        ({"title": "  "}, "title"),
        ({"audience": "everybody"}, "audience"),
        ({"expires_on": timezone.localdate() - DAY}, "expires_on"),
    ],
)
def test_a_message_with_bad_input_is_refused_naming_the_field(coordinator, changes, field):
    values = {"title": "Réunion", "audience": "everyone", "expires_on": None} | changes

    with pytest.raises(DomainError) as refused:
        post(coordinator, **values)

    assert refused.value.field == field
    assert not Announcement.objects.exists()


def test_only_the_coordination_and_direction_post_or_withdraw_messages(
    coordinator, trainer, learner, as_user
):
    for user in (trainer, learner):
        with pytest.raises(DomainError):
            post(user)
        assert as_user(user).get("/former/messages/").status_code == 403
    message = post(coordinator)
    with pytest.raises(DomainError):
        announcement_delete(announcement=message, by=trainer)
    assert Announcement.objects.count() == 1


def test_the_form_posts_a_message_and_shows_bad_dates_next_to_the_field(coordinator, cohorts, as_user, today):
    client = as_user(coordinator)
    form = {
        "title": "Examens blancs",
        "body": "Semaine du 8 mars.",
        "audience": "learners",
        "cohort": cohorts[0].pk,
        "published_on": today.isoformat(),
        "expires_on": (today - DAY).isoformat(),
    }

    refused = client.post("/former/messages/nouveau/", form)
    assert refused.status_code == 200
    assert "doit suivre la date de publication" in refused.content.decode()
    assert refused.context["form"].errors["expires_on"]
    assert not Announcement.objects.exists()

    form["expires_on"] = (today + 10 * DAY).isoformat()
    assert client.post("/former/messages/nouveau/", form)["Location"] == "/former/messages/"
    made = Announcement.objects.get()
    assert (made.cohort, made.audience, made.created_by) == (cohorts[0], "learners", coordinator)


def test_withdrawing_a_message_asks_first_then_removes_it(coordinator, as_user):
    message = post(coordinator, title="À retirer")
    client = as_user(coordinator)

    assert (
        "Retirer le message «\u00a0À retirer\u00a0»\u00a0?"
        in client.get(f"/former/messages/{message.pk}/retirer/").content.decode()
    )
    client.post(f"/former/messages/{message.pk}/retirer/", {})
    assert Announcement.objects.exists()
    client.post(f"/former/messages/{message.pk}/retirer/", {"confirm": "on"})
    assert not Announcement.objects.exists()


def test_the_list_of_messages_takes_a_bounded_number_of_queries(
    coordinator, cohorts, as_user, django_assert_max_num_queries
):
    for index in range(15):
        post(coordinator, cohort=cohorts[index % 2], title=f"Message {index}")
    client = as_user(coordinator)

    with django_assert_max_num_queries(12):
        response = client.get("/former/messages/?shown=now")

    assert response.status_code == 200
    assert "Message 14" in response.content.decode()
