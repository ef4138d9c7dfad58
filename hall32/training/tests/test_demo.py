"""The demo hub's training figures match the hub's published ones."""

import pytest
from django.core.management import call_command

from hall32.training.models import Enrolment

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo")]


def students(year: int) -> int:
    return (
        Enrolment.objects.filter(cohort__school_year=year, cohort__course__level__in=["bac_pro", "bts"])
        .values("person")
        .distinct()
        .count()
    )


def test_the_demo_has_117_students_in_2019_and_197_in_2022():
    call_command("seed_demo", seed=32, today="2026-11-27", verbosity=0)

    assert students(2019) == 117
    assert students(2022) == 197


def test_the_demo_reproduces_the_published_training_figures():
    import datetime as dt

    from hall32.core.schoolyear import school_years
    from hall32.training import selectors
    from hall32.training.models import ProgrammeSession, Referral, ReferralStatus

    call_command("seed_demo", seed=32, today="2026-11-27", verbosity=0)

    assert selectors.people_trained(years=school_years(2019, 2022)) == 680
    stats = selectors.outcomes.outcome_stats(years=school_years(2019, 2022))
    assert round(100 * stats.continuing_share) == 54
    dropout_2021 = ProgrammeSession.objects.get(programme__kind="dropout", start__year=2021)
    assert Referral.objects.filter(session=dropout_2021).exclude(status=ReferralStatus.REFERRED).count() == 8
    spring_2022 = ProgrammeSession.objects.get(programme__kind="remobilisation", start__year=2022)
    assert spring_2022.start.month in (4, 5, 6)
    assert spring_2022.referrals.count() == 12
    assert spring_2022.referrals.filter(outcome="job_offer").count() == 7
    running = ProgrammeSession.objects.filter(
        programme__kind="remobilisation", start__lte=dt.date(2026, 11, 27), end__gte=dt.date(2026, 11, 27)
    ).get()
    assert running.referrals.filter(status=ReferralStatus.IN_PROGRESS).count() == 50


def test_the_demo_homes_of_the_learner_the_parent_and_the_tutor_show_what_each_needs(client):
    from django.utils import timezone

    call_command("seed_demo", seed=32, today=timezone.localdate().isoformat(), verbosity=0)

    from hall32.core.models import User

    def home(username: str) -> str:
        client.force_login(User.objects.get(username=username))
        return client.get("/").content.decode()

    learner, parent, tutor = home("apprenant"), home("parent"), home("tuteur")
    for page in (learner, parent, tutor):
        assert "Messages du hub" in page and "Ateliers de la Limagne" in page
        assert "Absences cette année" in page and "Au centre ou en entreprise" in page
    assert "Prochaines séances au centre" in learner and "Mes compétences" in learner
    assert "Réunion parents-formateurs" in parent and "Réunion parents-formateurs" not in learner
    assert "Lucas Moreau" in parent and "Lucas Moreau" in tutor
    assert "Évaluations à faire" in tutor and "Visites de suivi en entreprise" in tutor
