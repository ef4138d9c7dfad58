"""Outcome statistics, computed from the recorded outcomes."""

import datetime as dt
import re

import pytest

from hall32.core.errors import DomainError
from hall32.core.schoolyear import SchoolYear
from hall32.training.models import Outcome, Situation
from hall32.training.selectors.outcomes import outcome_stats
from hall32.training.services.outcomes import outcome_followup, outcome_record
from hall32.training.tests.factories import CourseFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db


def leaver(course, situation, exit_date=dt.date(2022, 7, 5), completed=True, diploma=True):
    enrolment = EnrolmentFactory(cohort__course=course)
    return outcome_record(
        learner=enrolment.person,
        course=course,
        exit_date=exit_date,
        situation=situation,
        completed=completed,
        diploma_obtained=diploma if completed else False,
    )


def test_the_share_continuing_is_computed_from_the_outcomes():
    course = CourseFactory()
    for situation in [Situation.FURTHER_STUDY] * 7 + [Situation.EMPLOYED] * 4 + [Situation.JOB_SEEKING] * 2:
        leaver(course, situation)
    leaver(course, Situation.FURTHER_STUDY, exit_date=dt.date(2023, 9, 10))  # next school year
    leaver(course, Situation.EMPLOYED, completed=False)

    stats = outcome_stats(years=[SchoolYear(2021)])

    assert (stats.leavers, stats.further_study, stats.employed, stats.job_seeking) == (14, 7, 5, 2)
    assert stats.continuing_share == pytest.approx(7 / 14)
    assert stats.success_rate == pytest.approx(13 / 13)
    assert outcome_stats(years=[SchoolYear(2021), SchoolYear(2023)]).leavers == 15


def test_no_leavers_gives_no_share():
    assert outcome_stats(years=[SchoolYear(2030)]).continuing_share is None


def test_an_interrupted_path_cannot_carry_a_diploma():
    course = CourseFactory()
    enrolment = EnrolmentFactory(cohort__course=course)

    with pytest.raises(DomainError):
        outcome_record(
            learner=enrolment.person,
            course=course,
            exit_date=dt.date(2022, 2, 1),
            situation=Situation.EMPLOYED,
            completed=False,
            diploma_obtained=True,
        )
    assert not Outcome.objects.exists()


def test_the_follow_up_is_six_months_later():
    outcome = leaver(CourseFactory(), Situation.JOB_SEEKING)

    with pytest.raises(DomainError) as early:
        outcome_followup(outcome=outcome, situation=Situation.EMPLOYED, on=dt.date(2022, 9, 1))
    assert early.value.field == "followup_on"

    outcome_followup(outcome=outcome, situation=Situation.EMPLOYED, on=dt.date(2023, 1, 10))
    outcome.refresh_from_db()
    assert outcome.followup_situation == Situation.EMPLOYED


def test_leavers_are_listed_by_name_only_to_those_who_may_open_their_record(as_user, make_user):
    from django.urls import reverse

    from hall32.core.roles import Role

    course = CourseFactory()
    ours = leaver(course, Situation.FURTHER_STUDY)
    theirs = leaver(CourseFactory(), Situation.EMPLOYED)
    trainer = make_user(Role.TRAINER)
    ours.learner.enrolments.get().cohort.trainers.add(trainer.person)
    url = reverse("training:outcome_list")

    def names(user):
        response = as_user(user).get(url)
        assert response.status_code == 200
        return {o.learner for o in response.context["listing"].page.object_list}, response

    coordinator_sees, _ = names(make_user(Role.COORDINATOR))
    trainer_sees, page = names(trainer)
    engineer_sees, engineer_page = names(make_user(Role.INDUSTRY_ENGINEER))

    assert coordinator_sees == {ours.learner, theirs.learner}
    assert trainer_sees == {ours.learner}
    assert engineer_sees == set()
    assert "liste nominative des sortants est réservée" in engineer_page.content.decode()
    # The figures still cover the whole school for everyone who may open the page.
    assert engineer_page.context["per_year"] == page.context["per_year"]
    links = re.findall(r'href="(/former/apprenants/\d+/)"', page.content.decode())
    assert links == [f"/former/apprenants/{ours.learner.pk}/"]
    assert as_user(trainer).get(links[0]).status_code == 200


def test_the_published_share_covers_the_hub_s_years_the_settings_name(as_user, make_user, settings):
    from django.urls import reverse

    from hall32.core.roles import Role

    settings.HUB_FIRST_SCHOOL_YEAR, settings.HUB_PUBLISHED_RESULTS_LAST_YEAR = 2020, 2021
    course = CourseFactory()
    leaver(course, Situation.FURTHER_STUDY, exit_date=dt.date(2020, 7, 3))  # before the opening
    leaver(course, Situation.FURTHER_STUDY, exit_date=dt.date(2021, 7, 2))
    leaver(course, Situation.EMPLOYED, exit_date=dt.date(2022, 7, 1))
    leaver(course, Situation.EMPLOYED, exit_date=dt.date(2022, 9, 5))  # after the published years

    response = as_user(make_user(Role.COORDINATOR)).get(reverse("training:outcome_list"))

    published = response.context["published"]
    assert (published.leavers, published.further_study) == (2, 1)
    assert "Depuis l'ouverture jusqu'en 2021-2022 : 50" in response.content.decode()


def test_the_published_years_stop_at_the_current_school_year(settings):
    from hall32.training.selectors.outcomes import published_years

    settings.HUB_FIRST_SCHOOL_YEAR, settings.HUB_PUBLISHED_RESULTS_LAST_YEAR = 2019, 2022

    assert published_years(today=dt.date(2026, 11, 27)) == [SchoolYear(y) for y in (2019, 2020, 2021, 2022)]
    assert published_years(today=dt.date(2021, 10, 1)) == [
        SchoolYear(2019),
        SchoolYear(2020),
        SchoolYear(2021),
    ]
