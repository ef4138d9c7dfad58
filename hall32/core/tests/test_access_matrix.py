"""docs/access.md's matrix (role x kind of person x fields) is what the code does, person by person,
on pages and in the API."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings

from hall32.core import access
from hall32.core.models import Guardianship, Organisation
from hall32.core.roles import Role
from hall32.core.tests.factories import OrganisationFactory, PersonFactory, SchoolFactory

DOC = Path(settings.BASE_DIR) / "docs" / "access.md"
ALL_ROLES = [str(r) for r in Role.values]


def matrix() -> list[tuple[str, str, frozenset[str]]]:
    """The rows of the doc's matrix: (role, kind, fields); role "*" for any role."""
    text = DOC.read_text(encoding="utf-8")
    table = text.split("## The matrix", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 3 or not cells[1].startswith("`"):
            continue
        role = "*" if cells[0] == "any role" else cells[0].strip("`")
        kind = re.match(r"`([a-z_]+)`", cells[1]).group(1)
        rows.append((role, kind, frozenset(re.findall(r"`([a-z_]+)`", cells[2]))))
    return rows


def test_the_doc_names_every_grant_and_only_real_roles_and_field_groups():
    rows = matrix()
    assert {kind for _r, kind, _f in rows} == {g.kind for g in access.grants()}
    assert {role for role, _k, _f in rows} <= {*ALL_ROLES, "*", "coach"}
    assert all(fields <= access.ALL for _r, _k, fields in rows)


@pytest.fixture
def world(db, make_user):
    """One person of each kind, and one user per role related to them as the kinds say."""
    from hall32.industry.tests.factories import GrantFactory, ProjectFactory
    from hall32.outreach.models import EventStaff, VisitorRegistration
    from hall32.outreach.tests.factories import ClassBookingFactory, EventFactory
    from hall32.training.models import ContractTutor, Enrolment, Referral
    from hall32.training.tests.factories import CohortFactory, ProgrammeSessionFactory, contract_for

    minor = dt.date.today().replace(year=dt.date.today().year - 16)
    company = OrganisationFactory(name="Usinage du Puy")
    client_company = OrganisationFactory(name="Client SA")
    school = SchoolFactory()
    agency = OrganisationFactory(kind=Organisation.Kind.AGENCY)

    users = {r: make_user(r) for r in ALL_ROLES}
    users["coach"] = make_user()  # an outside coach, with an account but no hub role
    for role, organisation in {
        "company_tutor": company,
        "client": client_company,
        "teacher": school,
        "referral_partner": agency,
    }.items():
        person = users[role].person
        person.organisation = organisation
        person.save()

    learner = users["learner"].person
    learner.birth_date = minor
    learner.save()
    other_learner = PersonFactory(birth_date=minor)
    guardian = users["guardian"].person
    Guardianship.objects.create(child=learner, guardian=guardian, relationship="mother")

    cohort = CohortFactory()
    cohort.trainers.add(users["trainer"].person)
    Enrolment.objects.create(cohort=cohort, person=learner, start_date=cohort.start_date)
    Enrolment.objects.create(cohort=CohortFactory(), person=other_learner, start_date=cohort.start_date)
    contract = contract_for(learner, employer=company, course=cohort.course)
    ContractTutor.objects.create(contract=contract, person=users["company_tutor"].person, job_title="Chef")
    session = ProgrammeSessionFactory(coach=users["coach"].person)
    Referral.objects.create(
        person=learner,
        programme=session.programme,
        session=session,
        referred_by=agency,
        referrer=users["referral_partner"].person,
        referred_on=dt.date(2026, 9, 1),
    )
    GrantFactory(person=learner)
    event = EventFactory()
    EventStaff.objects.create(event=event, person=learner, role="guide")
    ClassBookingFactory(event=event, school=school, teacher=users["teacher"].person)
    visitor = PersonFactory(birth_date=None)
    VisitorRegistration.objects.create(event=event, person=visitor, young_people=1)
    colleague = PersonFactory(organisation=client_company)
    ProjectFactory(client=client_company, lead=users["industry_engineer"])

    p = {role: users[role].person for role in users}
    kinds = {
        learner: {
            "learner_taught",
            "apprentice",
            "minor_child",
            "referred_person",
            "programme_participant",
            "machine_user",
            "outreach_apprentice",
        },
        other_learner: set(),
        guardian: {"own_guardian"},
        p["company_tutor"]: {"tutor_of_learner_taught", "tutor_of_learner", "contact", "company_contact"},
        p["teacher"]: {"contact", "visitor"},
        p["client"]: {"contact", "company_contact", "colleague"},
        colleague: {"contact", "company_contact", "colleague"},
        p["referral_partner"]: {"contact"},
        visitor: {"visitor"},
    }
    for role in ("direction", "coordinator", "outreach_officer", "industry_engineer", "trainer"):
        kinds[p[role]] = {"staff"}
    kinds[p["coach"]] = set()
    kinds[p["trainer"]] |= {"trainer_of_learner"}
    kinds[p["industry_engineer"]] |= {"project_engineer"}
    return users, kinds


def _expected(role: str, user, person, kinds: set[str], rows) -> frozenset[str]:
    roles = {role}
    mine = kinds | {"everyone"} | ({"self"} if person.pk == user.person_id else set())
    opened: set[str] = set()
    for row_role, kind, fields in rows:
        if (row_role in roles or row_role == "*") and kind in mine:
            opened |= fields
    return frozenset(opened)


def test_each_role_sees_each_kind_of_person_with_exactly_the_fields_the_doc_gives(world):
    users, kinds = world
    rows = matrix()
    wrong = []
    for role, user in users.items():
        for person, person_kinds in kinds.items():
            expected = _expected(role, user, person, person_kinds, rows)
            got = access.visible_fields(user, person)
            if got != expected:
                wrong.append((role, str(person), sorted(expected), sorted(got)))
    assert wrong == []


def test_the_directory_lists_exactly_the_people_a_role_sees(world):
    users, kinds = world
    trainer = users["trainer"]
    listed = set(access.people_visible_to(trainer).values_list("pk", flat=True))

    assert listed == {p.pk for p in kinds if access.visible_fields(trainer, p)}
    assert any(p.pk not in listed for p in kinds)  # the trainer does not see everyone


def test_a_trainer_reads_a_17_year_old_s_name_but_not_their_birth_date_address_or_guardians(world, client):
    users, kinds = world
    learner = users["learner"].person
    learner.address, learner.phone = "3 impasse Privée", "06 55 44 33 22"
    learner.save()
    client.force_login(users["trainer"])

    page = client.get(f"/annuaire/personnes/{learner.pk}/").content.decode()

    assert learner.last_name in page
    assert "impasse Privée" not in page and "06 55 44 33 22" not in page
    assert "Date de naissance" not in page and "Responsables légaux" not in page
    assert users["guardian"].person.last_name not in page


def test_a_trainer_gets_403_on_a_person_outside_their_cohorts_and_does_not_find_them_in_the_list(
    world, client
):
    users, kinds = world
    other = next(p for p, k in kinds.items() if not k and p.pk != users["learner"].person_id)
    client.force_login(users["trainer"])

    assert client.get(f"/annuaire/personnes/{other.pk}/").status_code == 403
    assert client.get(f"/api/core/people/{other.pk}").status_code == 403
    listing = client.get("/annuaire/personnes/", {"q": other.last_name}).context["listing"]
    assert listing.total == 0


def test_the_api_returns_the_same_fields_as_the_matrix_and_nulls_the_others(world, client):
    users, kinds = world
    learner = users["learner"].person
    client.force_login(users["company_tutor"])

    data = client.get(f"/api/core/people/{learner.pk}").json()

    assert set(data["visible_fields"]) == set(access.visible_fields(users["company_tutor"], learner))
    assert data["birth_date"] == learner.birth_date.isoformat()  # a tutor must know a minor is one
    assert data["address"] is None and data["postcode"] is None and data["consent_image"] is None


def test_searching_the_directory_on_a_hidden_field_finds_nothing(world, client):
    users, kinds = world
    learner = users["learner"].person
    learner.city = "Ambert-Secret"
    learner.save()
    client.force_login(users["trainer"])

    found = client.get("/annuaire/personnes/", {"q": "Ambert-Secret"}).context["listing"]
    api = client.get("/api/core/people", {"q": "Ambert-Secret"}).json()
    by_name = client.get("/annuaire/personnes/", {"q": learner.last_name}).context["listing"]

    assert found.total == 0 and api["count"] == 0
    assert by_name.total == 1


def test_an_outreach_officer_edits_a_contact_without_seeing_a_field_they_may_not_read(world, client):
    users, kinds = world
    contact = users["teacher"].person
    contact.birth_date = dt.date(1980, 1, 2)
    contact.save()
    client.force_login(users["outreach_officer"])

    form = client.get(f"/annuaire/personnes/{contact.pk}/modifier/")
    response = client.post(
        f"/annuaire/personnes/{contact.pk}/modifier/",
        {
            "first_name": contact.first_name,
            "last_name": contact.last_name,
            "email": "prof@college.example",
            "phone": "04 73 00 00 00",
            "organisation": contact.organisation_id,
            "job_title": "Professeur",
        },
    )

    assert "birth_date" not in form.context["form"].fields
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.birth_date == dt.date(1980, 1, 2) and contact.phone == "04 73 00 00 00"
    assert client.get(f"/annuaire/personnes/{users['learner'].person_id}/modifier/").status_code == 403


def test_the_admin_is_closed_to_every_role_but_the_managers(world, client):
    users, kinds = world
    for role, user in users.items():
        client.force_login(user)
        status = client.get("/admin/core/person/").status_code
        assert (status == 200) == (role in {"direction", "coordinator"}), role
