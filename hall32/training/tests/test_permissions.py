"""A learner, their tutor and their parents (while a minor) see only that learner; a referral
partner sees the people they referred, and nothing else."""

import datetime as dt

import pytest

from hall32.core.models import Guardianship
from hall32.core.roles import Role
from hall32.core.tests.factories import AgencyFactory, OrganisationFactory, PersonFactory
from hall32.training.models import ContractTutor, Referral
from hall32.training.tests.factories import EnrolmentFactory, ProgrammeFactory, contract_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_learners():
    return EnrolmentFactory().person, EnrolmentFactory().person


def test_a_learner_sees_their_own_path_only(as_user, make_user, two_learners):
    mine, other = two_learners
    user = make_user(Role.LEARNER, person=mine)
    client = as_user(user)

    assert client.get(f"/former/apprenants/{mine.pk}/").status_code == 200
    assert client.get(f"/former/apprenants/{other.pk}/").status_code == 403
    assert client.get("/former/mon-parcours/")["Location"] == f"/former/apprenants/{mine.pk}/"
    assert client.get("/former/promotions/").status_code == 403


def test_a_tutor_sees_their_apprentices_only(as_user, make_user, two_learners):
    mine, other = two_learners
    tutor = make_user(Role.COMPANY_TUTOR)
    contract = contract_for(mine)
    ContractTutor.objects.create(contract=contract, person=tutor.person, job_title="Chef d'équipe")
    client = as_user(tutor)

    assert client.get(f"/former/apprenants/{mine.pk}/").status_code == 200
    assert client.get(f"/former/apprenants/{other.pk}/").status_code == 403
    assert client.get(f"/former/contrats/{contract.pk}/").status_code == 200
    assert [p.pk for p in client.get("/former/mes-apprentis/").context["people"]] == [mine.pk]


def test_a_parent_sees_their_minor_child_only_and_no_longer_once_they_are_adults(as_user, make_user):
    child = EnrolmentFactory(
        person__birth_date=dt.date.today().replace(year=dt.date.today().year - 16)
    ).person
    adult = EnrolmentFactory(person__birth_date=dt.date(2000, 1, 1)).person
    other = EnrolmentFactory().person
    parent = make_user(Role.GUARDIAN)
    Guardianship.objects.create(child=child, guardian=parent.person)
    Guardianship.objects.create(child=adult, guardian=parent.person)
    client = as_user(parent)

    assert client.get(f"/former/apprenants/{child.pk}/").status_code == 200
    assert client.get(f"/former/apprenants/{adult.pk}/").status_code == 403
    assert client.get(f"/former/apprenants/{other.pk}/").status_code == 403
    assert [p.pk for p in client.get("/former/mes-enfants/").context["people"]] == [child.pk]


def test_a_trainer_sees_the_learners_of_the_cohorts_they_teach(as_user, make_user, two_learners):
    mine, other = two_learners
    trainer = make_user(Role.TRAINER)
    mine.enrolments.first().cohort.trainers.add(trainer.person)
    client = as_user(trainer)

    assert client.get(f"/former/apprenants/{mine.pk}/").status_code == 200
    assert client.get(f"/former/apprenants/{other.pk}/").status_code == 403


def test_a_trainer_opens_only_the_cohorts_they_teach_and_their_timetables(as_user, make_user, two_learners):
    mine, other = two_learners
    trainer = make_user(Role.TRAINER)
    taught = mine.enrolments.first().cohort
    foreign = other.enrolments.first().cohort
    taught.trainers.add(trainer.person)
    client = as_user(trainer)

    assert trainer.has_perm("training.view_cohort", taught)
    assert not trainer.has_perm("training.view_cohort", foreign)
    assert client.get(f"/former/promotions/{taught.pk}/").status_code == 200
    assert client.get(f"/former/promotions/{foreign.pk}/").status_code == 403
    assert client.get(f"/former/promotions/{foreign.pk}/emploi-du-temps/").status_code == 403
    listed = client.get("/former/promotions/").context["listing"].page.object_list
    assert [c.pk for c in listed] == [taught.pk]


def test_a_trainer_who_teaches_one_session_of_a_cohort_sees_it_and_its_learners(
    as_user, make_user, two_learners
):
    from hall32.training.tests.factories import SessionFactory

    mine, _other = two_learners
    trainer = make_user(Role.TRAINER)
    cohort = mine.enrolments.first().cohort
    SessionFactory(cohort=cohort, trainer=trainer.person)
    client = as_user(trainer)

    assert client.get(f"/former/promotions/{cohort.pk}/").status_code == 200
    assert client.get(f"/former/apprenants/{mine.pk}/").status_code == 200


def test_other_staff_roles_open_no_cohort(as_user, make_user, two_learners):
    mine, _other = two_learners
    cohort = mine.enrolments.first().cohort
    for role in (Role.OUTREACH_OFFICER, Role.INDUSTRY_ENGINEER):
        assert as_user(make_user(role)).get(f"/former/promotions/{cohort.pk}/").status_code == 403


def test_a_permission_registered_twice_is_refused_so_no_generic_rule_replaces_an_object_rule():
    from hall32.core.predicates import is_manager, register_model

    with pytest.raises(KeyError):
        register_model(
            "training.cohort", view=is_manager, add=is_manager, change=is_manager, delete=is_manager
        )


def test_a_referral_partner_sees_the_people_they_referred_and_nothing_else(as_user, make_user):
    agency = AgencyFactory()
    partner = make_user(Role.REFERRAL_PARTNER, person__organisation=agency)
    colleague = PersonFactory(organisation=agency)
    programme = ProgrammeFactory()
    young = dt.date.today().replace(year=dt.date.today().year - 19)
    mine = Referral.objects.create(
        person=PersonFactory(birth_date=young),
        programme=programme,
        referred_by=agency,
        referrer=partner.person,
        created_by=partner,
        referred_on=dt.date.today(),
    )
    theirs = Referral.objects.create(
        person=PersonFactory(birth_date=young),
        programme=programme,
        referred_by=agency,
        referrer=colleague,
        referred_on=dt.date.today(),
    )
    client = as_user(partner)

    listed = list(client.get("/former/orientations/").context["listing"].page.object_list)
    assert listed == [mine]
    assert client.get(f"/former/orientations/{mine.pk}/").status_code == 200
    assert client.get(f"/former/orientations/{theirs.pk}/").status_code == 403
    for page in [
        "/former/promotions/",
        "/former/admissions/",
        "/former/contrats/nouveau/",
        "/annuaire/personnes/",
        f"/former/apprenants/{EnrolmentFactory().person.pk}/",
    ]:
        assert client.get(page).status_code == 403, page


def test_a_referral_partner_refers_someone_for_their_own_agency(as_user, make_user):
    agency = AgencyFactory()
    partner = make_user(Role.REFERRAL_PARTNER, person__organisation=agency)
    programme = ProgrammeFactory()
    young = dt.date.today().replace(year=dt.date.today().year - 18)

    response = as_user(partner).post(
        "/former/orientations/nouvelle/",
        {
            "programme": programme.pk,
            "first_name": "Yanis",
            "last_name": "Benali",
            "birth_date": young.isoformat(),
            "reason": "A quitté le lycée en novembre.",
            "referred_by": OrganisationFactory().pk,
            "consent": "on",
        },
        follow=True,
    )

    referral = Referral.objects.get()
    assert referral.referred_by == agency  # not the one posted: the partner's own agency
    assert referral.created_by == partner
    assert response.redirect_chain[-1][0] == f"/former/orientations/{referral.pk}/"


def test_a_programme_session_names_its_participants_to_its_coach_and_the_coordination_only(
    as_user, make_user
):
    from hall32.training.tests.factories import ProgrammeSessionFactory

    coach, other_trainer = make_user(Role.TRAINER), make_user(Role.TRAINER)
    session = ProgrammeSessionFactory(coach=coach.person)
    young = PersonFactory(first_name="Yanis", last_name="Décrocheur", birth_date=dt.date(2007, 5, 1))
    referral = Referral.objects.create(
        person=young,
        programme=session.programme,
        session=session,
        referred_by=AgencyFactory(),
        referred_on=dt.date(2026, 9, 1),
    )
    url = f"/former/programmes/sessions/{session.pk}/"

    for user, sees in ((coach, True), (make_user(Role.COORDINATOR), True), (other_trainer, False)):
        page = as_user(user).get(url)
        assert page.status_code == 200
        assert ("Décrocheur" in page.content.decode()) is sees
        assert (referral.get_absolute_url() in page.content.decode()) is sees
    assert as_user(other_trainer).get(referral.get_absolute_url()).status_code == 403
    assert as_user(coach).get(referral.get_absolute_url()).status_code == 200
