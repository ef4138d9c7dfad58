"""The demo hub's partner network: every kind of partnership with the published partner counts
kept, years of exchanges and follow-up tasks, open offers, and unplaced candidates ready for a
matching run."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from hall32.core.models import Person, User
from hall32.core.schoolyear import SchoolYear
from hall32.network import selectors as network
from hall32.network.models import (
    CandidatePreference,
    CandidateProfile,
    CompanyRating,
    ContactRole,
    FollowUpTask,
    Interaction,
    Offer,
    Partnership,
)
from hall32.training.models import Application, ApplicationStatus, Contract

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo")]

TODAY = dt.date(2026, 11, 27)
PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def demo():
    call_command("seed_demo", seed=32, today=TODAY.isoformat(), verbosity=0)


def test_the_demo_network_has_every_kind_of_partner_and_keeps_the_partner_counts(demo):
    counts = network.partner_companies_by_year(years=[SchoolYear(2019), SchoolYear(2022)])
    kinds = set(Partnership.objects.filter(stage=Partnership.Stage.PARTNER).values_list("kind", flat=True))
    stages = set(Partnership.objects.values_list("stage", flat=True))
    partners = set(
        Partnership.objects.open()
        .filter(stage=Partnership.Stage.PARTNER)
        .values_list("organisation", flat=True)
    )
    with_people = set(Person.objects.filter(organisation__in=partners).values_list("organisation", flat=True))
    with_main = ContactRole.objects.filter(role=ContactRole.Role.MAIN, is_primary=True)

    assert (counts[SchoolYear(2019)], counts[SchoolYear(2022)]) == (17, 75)
    assert kinds == set(Partnership.Kind.values)
    assert stages == set(Partnership.Stage.values)
    assert len(with_people) > 150
    assert set(with_main.values_list("organisation", flat=True)) >= with_people  # a main contact each
    assert {ContactRole.Role.TUTOR, ContactRole.Role.TEACHER, ContactRole.Role.ADVISOR} <= set(
        ContactRole.objects.values_list("role", flat=True)
    )


def test_the_demo_has_years_of_exchanges_and_its_staff_have_tasks_due_this_week(demo):
    coordinator = User.objects.get(username="coordination")
    years = {at.year for at in Interaction.objects.values_list("happened_at", flat=True)}
    times = [at.astimezone(PARIS) for at in Interaction.objects.values_list("happened_at", flat=True)]
    open_tasks = FollowUpTask.objects.filter(owner=coordinator, done_at__isnull=True)
    week = open_tasks.filter(due_on__gte=TODAY, due_on__lte=TODAY + dt.timedelta(days=6))

    assert {2023, 2024, 2025, 2026} <= years
    assert all(t.weekday() < 5 and dt.time(8) <= t.time() <= dt.time(18) for t in times)
    assert Interaction.objects.filter(contacts__isnull=False).count() > 500
    assert set(Interaction.objects.values_list("kind", flat=True)) == set(Interaction.Kind.values)
    assert week.count() >= 3 and open_tasks.filter(due_on__lt=TODAY).exists()
    assert FollowUpTask.objects.filter(done_at__isnull=False).count() > 100
    others = FollowUpTask.objects.filter(owner__username__in=["promotion", "ingenieur"], done_at__isnull=True)
    assert set(others.values_list("owner__username", flat=True)) == {"promotion", "ingenieur"}


def test_the_demo_has_open_offers_and_unplaced_candidates_with_profiles_and_wishes(demo):
    offers = Offer.objects.open().select_related("company", "course")
    companies = set(
        Partnership.objects.open()
        .filter(stage=Partnership.Stage.PARTNER, kind__in=Partnership.PARTNER_COMPANY_KINDS)
        .values_list("organisation", flat=True)
    )
    unplaced = Application.objects.filter(
        status=ApplicationStatus.ADMITTED, school_year__in=[2026, 2027]
    ).exclude(applicant__in=Contract.objects.values("apprentice"))
    wishes = CandidatePreference.objects.select_related("offer")

    assert offers.count() >= 25 and Offer.objects.exclude(status=Offer.Status.OPEN).count() >= 20
    assert all(o.company_id in companies and o.company.kind == "company" for o in offers)
    assert all(
        o.rncp_code == o.course.rncp_code and o.rome_code and o.reference.startswith("OFF-") for o in offers
    )
    assert offers.filter(adults_only=True).exists() and offers.filter(needs_car=True).exists()
    assert offers.filter(start_date__year=2027, start_date__month=9).exists()
    assert 20 <= unplaced.count() <= 40
    assert (
        CandidateProfile.objects.filter(person__in=unplaced.values("applicant")).count() == unplaced.count()
    )
    assert all(15 <= p.max_km <= 50 and p.skills for p in CandidateProfile.objects.all())
    assert wishes.values("person").distinct().count() >= 15
    assert all(w.offer.status == Offer.Status.OPEN for w in wishes)
    assert CompanyRating.objects.exists()


def test_the_demo_has_one_matching_run_done_with_both_assignments_to_compare(demo):
    from hall32.network.models import MatchingAssignment, MatchingRun

    [run] = MatchingRun.objects.all()
    algorithms = set(run.assignments.values_list("algorithm", flat=True))

    assert run.status == MatchingRun.Status.DONE
    assert run.started_by.username == "coordination"
    assert algorithms == {MatchingAssignment.Algorithm.OPTIMAL, MatchingAssignment.Algorithm.STABLE}
    assert run.summary["optimal"]["placed"] > 0
    assert run.summary["stable"]["blocking_pairs"] == 0
    assert run.summary["optimal"]["total_score"] >= run.summary["greedy"]["total_score"]
