"""A learner's timetable feed: one secret link per subscriber (the learner, each parent, a trainer),
kept as a digest, renewed without cutting the others off, and closed as soon as its subscriber may
no longer see the timetable; its times come with their Paris VTIMEZONE."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from hall32.core.models import Guardianship
from hall32.core.roles import Role
from hall32.core.tests.calendars import events, parse_paris
from hall32.training.models import CalendarToken
from hall32.training.tests.factories import EnrolmentFactory, SessionFactory

pytestmark = pytest.mark.django_db

FEED = re.compile(r"https?://[^\"'<\s]+/former/agenda/([\w-]+)\.ics")


def _years_ago(years: int, *, days: int = 0) -> dt.date:
    today = timezone.localdate()
    return today.replace(year=today.year - years, day=min(today.day, 28)) - dt.timedelta(days=days)


@pytest.fixture
def family(make_user):
    """A 16-year-old learner with an account, and two parents with theirs."""
    enrolment = EnrolmentFactory(person__birth_date=_years_ago(16))
    child = enrolment.person
    SessionFactory(cohort=enrolment.cohort, date=timezone.localdate() + dt.timedelta(days=3), title="Usinage")
    learner = make_user(Role.LEARNER, person=child)
    mother, father = make_user(Role.GUARDIAN), make_user(Role.GUARDIAN)
    for parent in (mother, father):
        Guardianship.objects.create(child=child, guardian=parent.person)
    return child, learner, mother, father


def _new_link(client, child) -> str:
    response = client.post(reverse("training:learner_feed_create", args=[child.pk]))
    assert response.status_code == 200
    return FEED.search(response.content.decode()).group(1)


def _feed(client, raw):
    return client.get(reverse("training:learner_feed", args=[raw]))


def test_the_learner_and_each_parent_get_their_own_link(client, family):
    child, learner, mother, father = family
    links = []
    for user in (learner, mother, father):
        client.force_login(user)
        links.append(_new_link(client, child))
    client.logout()

    assert len(set(links)) == 3
    assert CalendarToken.objects.filter(person=child).count() == 3
    for raw in links:
        assert "Usinage" in _feed(client, raw).content.decode()


def test_a_parent_renewing_their_link_leaves_the_learners_working(client, family):
    child, learner, mother, _father = family
    client.force_login(learner)
    learners_link = _new_link(client, child)
    client.force_login(mother)
    first = _new_link(client, child)

    second = _new_link(client, child)
    client.logout()

    assert _feed(client, first).status_code == 404
    assert _feed(client, second).status_code == 200
    assert _feed(client, learners_link).status_code == 200


def test_a_parents_link_stops_once_the_learner_turns_18_and_the_learners_own_goes_on(client, family):
    child, learner, mother, _father = family
    client.force_login(learner)
    learners_link = _new_link(client, child)
    client.force_login(mother)
    mothers_link = _new_link(client, child)
    client.logout()

    child.birth_date = _years_ago(18, days=1)
    child.save(update_fields=["birth_date"])

    assert _feed(client, mothers_link).status_code == 404
    assert _feed(client, learners_link).status_code == 200


def test_a_deactivated_account_link_stops_working(client, family):
    child, learner, _mother, _father = family
    client.force_login(learner)
    raw = _new_link(client, child)
    client.logout()

    learner.is_active = False
    learner.save(update_fields=["is_active"])

    assert _feed(client, raw).status_code == 404


def test_the_database_keeps_only_a_digest_and_the_link_is_shown_once(client, family):
    child, learner, _mother, _father = family
    client.force_login(learner)

    raw = _new_link(client, child)
    page = client.get(reverse("training:learner_detail", args=[child.pk])).content.decode()

    stored = CalendarToken.objects.get(person=child, subscriber=learner)
    assert raw not in stored.digest and len(raw) >= 43
    assert raw not in page and "Votre lien d'agenda personnel est actif" in page


def test_someone_who_may_not_see_the_timetable_makes_no_link(as_user, family, make_user):
    child, *_ = family
    client = as_user(make_user(Role.GUARDIAN))  # a parent, but not this learner's

    response = client.post(reverse("training:learner_feed_create", args=[child.pk]))

    assert response.status_code == 403
    assert not CalendarToken.objects.filter(person=child).exists()


def test_an_unknown_link_is_not_found(client):
    assert _feed(client, "pas-un-vrai-lien").status_code == 404


def test_the_feed_gives_paris_times_with_their_vtimezone(client, family):
    child, learner, _mother, _father = family
    client.force_login(learner)
    raw = _new_link(client, child)

    calendar = parse_paris(_feed(client, raw).content)

    (session,) = events(calendar)
    assert session["DTSTART"].params["TZID"] == "Europe/Paris"
    assert session["DTSTART"].dt.time() == dt.time(8, 30)


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_each_old_link_to_its_learners_account_and_keeps_its_url(client):
    before, after = [("training", "0002_announcements")], [("training", "0003_calendar_token_per_subscriber")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        old = executor.loader.project_state(before).apps
        Person = old.get_model("core", "Person")
        with_account = Person.objects.create(first_name="Léa", last_name="Martin")
        without_account = Person.objects.create(first_name="Tom", last_name="Petit")
        account = old.get_model("core", "User").objects.create(username="lea", person=with_account)
        Token = old.get_model("training", "CalendarToken")
        old_url_token = str(Token.objects.create(person=with_account).token)
        Token.objects.create(person=without_account)

        MigrationExecutor(connection).migrate(after)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

    (token,) = CalendarToken.objects.all()
    assert (token.person_id, token.subscriber_id) == (with_account.pk, account.pk)
    assert old_url_token not in token.digest
    assert client.get(reverse("training:learner_feed", args=[old_url_token])).status_code == 200
