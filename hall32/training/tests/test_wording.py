"""Durations and age ranges in words: « 1 mois », "1 month", « 18 ans et plus » (never "18-None")."""

import datetime as dt

import pytest
from django.utils import translation

from hall32.core.roles import Role
from hall32.training import law
from hall32.training.models import Course, Programme
from hall32.training.tests.factories import ProgrammeFactory


@pytest.mark.parametrize(
    ("months", "french", "english"),
    [
        (1, "1 mois", "1 month"),
        (10, "10 mois", "10 months"),
        (12, "1 an", "1 year"),
        (36, "3 ans", "3 years"),
    ],
)
def test_a_course_length_is_written_with_its_plural(months, french, english):
    course = Course(duration_months=months)

    with translation.override("fr"):
        assert course.duration_label == french
    with translation.override("en"):
        assert course.duration_label == english


@pytest.mark.parametrize(
    ("low", "high", "french", "english"),
    [
        (16, 25, "16 à 25 ans", "16 to 25 years old"),
        (18, None, "18 ans et plus", "18 and over"),
        (None, 25, "jusqu'à 25 ans", "up to 25 years old"),
        (None, None, "", ""),
    ],
)
def test_a_programmes_age_range_reads_right_when_a_bound_is_missing(low, high, french, english):
    programme = Programme(min_age=low, max_age=high)

    with translation.override("fr"):
        assert programme.age_label == french
    with translation.override("en"):
        assert programme.age_label == english


@pytest.mark.django_db
def test_the_programme_list_never_prints_none(as_user, make_user):
    ProgrammeFactory(kind=Programme.Kind.REMOBILISATION, min_age=18, max_age=None, duration_weeks=1)
    client = as_user(make_user(Role.COORDINATOR))

    page = client.get("/former/programmes/").content.decode()

    assert "1 semaine · 18 ans et plus" in page
    assert "None" not in page


def test_the_contract_rules_speak_english_on_english_pages():
    facts = law.ContractFacts(
        birth=dt.date(2013, 3, 1),
        start=dt.date(2026, 12, 1),
        end=dt.date(2027, 3, 1),
        training_start=None,
        weekly_hours=35,
        pay=[],
        tutor_births=[],
        tutor_loads=[],
    )

    with translation.override("en"):
        messages = [p.message for p in law.check_contract(facts)]
    with translation.override("fr"):
        french = [p.message for p in law.check_contract(facts)]

    assert (
        "The apprentice must be at least 15 at the start of the contract (art. L6222-1): 13 on 1 December 2026."
        in messages
    )
    assert (
        "L'apprenti·e doit avoir au moins 15 ans au début du contrat (art. L6222-1) : 13 ans le 1er décembre 2026."
        in french
    )
    assert all("contrat" not in m for m in messages)
