"""The yearly training figures (students, people trained), on small cohorts with known answers."""

import datetime as dt

import pytest

from hall32.core.schoolyear import SchoolYear
from hall32.core.tests.factories import AgencyFactory, PersonFactory
from hall32.training.models import Course, Referral, ReferralStatus
from hall32.training.selectors import people_trained, students_in
from hall32.training.tests.factories import (
    CohortFactory,
    EnrolmentFactory,
    ProgrammeFactory,
    ProgrammeSessionFactory,
)

pytestmark = pytest.mark.django_db


def cohort(year: int, level: str = Course.Level.BAC_PRO):
    return CohortFactory(school_year=year, course__level=level)


def enrol(cohort, person=None):
    return EnrolmentFactory(cohort=cohort, **({"person": person} if person else {})).person


def test_students_are_the_distinct_learners_of_initial_training_in_the_year():
    bac_pro, bts = cohort(2019), cohort(2019, Course.Level.BTS)
    enrol(bac_pro), enrol(bac_pro)
    enrol(bts, enrol(bac_pro))  # in two initial cohorts: counted once
    enrol(bts)
    enrol(cohort(2019, Course.Level.SHORT))  # continuing training: not a student
    enrol(cohort(2020))  # next year

    assert students_in(year=SchoolYear(2019)) == 4
    assert students_in(year=SchoolYear(2020)) == 1


def refer(*, status=ReferralStatus.INTAKE, intake_on=None, session=None, person=None) -> Referral:
    programme = session.programme if session else ProgrammeFactory()
    return Referral.objects.create(
        person=person or PersonFactory(),
        programme=programme,
        session=session,
        referred_by=AgencyFactory(),
        referred_on=intake_on or dt.date(2020, 1, 6),
        status=status,
        intake_on=intake_on,
    )


def test_people_trained_are_learners_of_any_cohort_and_programme_participants_counted_once():
    # Over 2019-20 and 2020-21: from 1 September 2019 to 31 August 2021.
    years = [SchoolYear(2019), SchoolYear(2020)]
    learner = enrol(cohort(2019))
    enrol(cohort(2020, Course.Level.SHORT))  # continuing training counts too
    enrol(cohort(2021))  # after the years
    within = ProgrammeSessionFactory(start=dt.date(2019, 10, 7), end=dt.date(2019, 12, 20))
    before = ProgrammeSessionFactory(start=dt.date(2019, 3, 4), end=dt.date(2019, 6, 28))
    refer(session=within, intake_on=dt.date(2019, 10, 7))  # counted
    refer(session=within, intake_on=dt.date(2019, 10, 7), person=learner)  # already counted
    refer(session=within, status=ReferralStatus.REFERRED)  # referred, never taken in
    refer(session=before, intake_on=dt.date(2019, 3, 4))  # session ended before the years
    refer(intake_on=dt.date(2021, 2, 1))  # counted: no session, taken in during the years
    refer(intake_on=dt.date(2021, 9, 6))  # taken in after the years

    assert people_trained(years=years) == 4
