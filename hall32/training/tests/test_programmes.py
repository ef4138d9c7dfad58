"""Targeted programmes: referral, intake, weekly notes, outcome."""

import datetime as dt

import pytest

from hall32.core.errors import DomainError
from hall32.core.tests.factories import AgencyFactory, OrganisationFactory, PersonFactory
from hall32.training.models import Programme, ReferralStatus
from hall32.training.selectors.programmes import sessions
from hall32.training.services import programmes as services
from hall32.training.tests.factories import ProgrammeFactory, ProgrammeSessionFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 9, 20)


def refer(birth=dt.date(2006, 5, 1), programme=None):
    return services.referral_create(
        person=PersonFactory(birth_date=birth),
        programme=programme or ProgrammeFactory(),
        referred_by=AgencyFactory(),
        referrer=None,
        referred_on=TODAY,
    )


def test_a_path_goes_referral_intake_progress_outcome():
    session = ProgrammeSessionFactory()
    referral = refer(programme=session.programme)

    referral = services.referral_move(
        referral=referral, to_status=ReferralStatus.INTAKE, on=dt.date(2026, 10, 5), session=session
    )
    referral = services.referral_move(
        referral=referral, to_status=ReferralStatus.IN_PROGRESS, on=dt.date(2026, 10, 5)
    )
    services.progress_note_add(
        referral=referral, week=1, note="Bonne implication en atelier.", on=dt.date(2026, 10, 9), by=None
    )
    referral = services.referral_outcome(
        referral=referral, outcome="job_offer", on=dt.date(2026, 12, 20), employer=OrganisationFactory()
    )

    assert referral.status == ReferralStatus.COMPLETED and referral.intake_on == dt.date(2026, 10, 5)
    assert referral.notes.count() == 1
    assert sessions().get(pk=session.pk).offers == 1


def test_a_session_counts_its_participants_taken_in_and_their_job_offers():
    session = ProgrammeSessionFactory()
    paths = []
    for _ in range(4):
        referral = refer(programme=session.programme)
        paths.append(
            services.referral_move(
                referral=referral, to_status=ReferralStatus.INTAKE, on=dt.date(2026, 10, 5), session=session
            )
        )
    refer(programme=session.programme)  # referred only: not a participant yet
    for referral, outcome in zip(paths, ["job_offer", "employment", "training"], strict=False):
        referral = services.referral_move(
            referral=referral, to_status=ReferralStatus.IN_PROGRESS, on=dt.date(2026, 10, 5)
        )
        services.referral_outcome(referral=referral, outcome=outcome, on=dt.date(2026, 12, 18), employer=None)

    row = sessions().get(pk=session.pk)

    assert (row.participants, row.offers) == (4, 2)  # a job offer or a job; not further training


def test_the_programmes_age_limits_apply_on_the_referral_day():
    with pytest.raises(DomainError, match="16-25 ans"):
        refer(birth=dt.date(1990, 1, 1))


def test_steps_cannot_be_skipped_and_a_path_closes_with_an_outcome():
    referral = refer()

    with pytest.raises(DomainError, match="Passage impossible"):
        services.referral_move(referral=referral, to_status=ReferralStatus.COMPLETED, on=TODAY)
    services.referral_move(referral=referral, to_status=ReferralStatus.INTAKE, on=TODAY)
    with pytest.raises(DomainError, match="session"):
        services.referral_move(referral=referral, to_status=ReferralStatus.IN_PROGRESS, on=TODAY)


def test_weekly_notes_stay_within_the_programme():
    session = ProgrammeSessionFactory(
        programme=ProgrammeFactory(
            kind=Programme.Kind.REMOBILISATION, duration_weeks=10, min_age=None, max_age=None
        )
    )
    referral = refer(birth=dt.date(1975, 1, 1), programme=session.programme)
    referral = services.referral_move(
        referral=referral, to_status=ReferralStatus.INTAKE, on=TODAY, session=session
    )

    with pytest.raises(DomainError, match="Semaine de 1 à 10"):
        services.progress_note_add(referral=referral, week=11, note="…", on=TODAY, by=None)


def test_a_second_open_referral_to_the_same_programme_is_refused():
    programme = ProgrammeFactory()
    person = PersonFactory(birth_date=dt.date(2006, 1, 1))
    services.referral_create(
        person=person, programme=programme, referred_by=AgencyFactory(), referrer=None, referred_on=TODAY
    )

    with pytest.raises(DomainError, match="déjà une orientation"):
        services.referral_create(
            person=person, programme=programme, referred_by=AgencyFactory(), referrer=None, referred_on=TODAY
        )
