"""The registry of personal fields: every field of a model that points at a person is named there,
and erasure from it leaves no personal value anywhere, the audit trail and the PDFs included."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.apps import apps
from django.core import serializers
from django.db import models
from django.utils import timezone

from hall32.core import audit, gdpr, services
from hall32.core.models import Guardianship, Person, User
from hall32.core.roles import Role
from hall32.core.tests.factories import OrganisationFactory, PersonFactory, SchoolFactory
from hall32.core.tests.pdftext import pdf_text


def _points_at_a_person(model: type[models.Model]) -> bool:
    related = [f.related_model for f in model._meta.get_fields() if f.is_relation and f.concrete]
    related += [f.related_model for f in model._meta.many_to_many]
    return Person in related or User in related


def _project_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if m.__module__.startswith("hall32.")]


def test_every_model_that_points_at_a_person_names_each_of_its_fields_in_the_registry():
    registry = gdpr.personal_models()
    missing: dict[str, list[str]] = {}
    for model in _project_models():
        if not (_points_at_a_person(model) or audit.is_registered(model)):
            continue
        spec = registry.get(model)
        fields = [f.name for f in model._meta.concrete_fields] + [f.name for f in model._meta.many_to_many]
        unnamed = sorted(set(fields) - spec.named()) if spec else fields
        if unnamed:
            missing[model._meta.label] = unnamed
    assert missing == {}, (
        "Ces champs ne sont pas classés dans le registre des données personnelles "
        "(hall32/<app>/personal_data.py : erase= ou keep=) : " + json.dumps(missing, ensure_ascii=False)
    )


def test_the_registry_names_only_real_fields_and_each_personal_field_has_an_empty_value(db):
    for model, spec in gdpr.personal_models().items():
        names = {f.name for f in model._meta.get_fields()}
        assert set(spec.erase) | set(spec.keep) <= names, model._meta.label
        assert not set(spec.erase) & set(spec.keep), model._meta.label
        for name, how in spec.erase.items():
            if how == gdpr.BLANK and not spec.delete:
                gdpr.blank_value(model._meta.get_field(name))  # raises when none is obvious
        for lookup in spec.owners:
            model._default_manager.filter(**{lookup: None}).exists()  # the lookup resolves


def test_a_model_that_gains_an_unclassified_personal_field_fails_the_check(monkeypatch):
    from hall32.training.models import Contract

    spec = gdpr.personal_models()[Contract]
    fewer = gdpr.PersonalData(
        model=Contract,
        owners=spec.owners,
        erase={k: v for k, v in spec.erase.items() if k != "nationality"},
        keep=spec.keep,
    )
    monkeypatch.setitem(gdpr._personal, Contract, fewer)

    assert "nationality" in {f.name for f in Contract._meta.concrete_fields} - fewer.named()


# --- Erasure leaves nothing behind ---------------------------------------------------------------

SECRETS = [
    "Zébulon",
    "Quaternaire",
    "zebulon.quaternaire@exemple.org",
    "06 11 22 33 44",
    "12 rue Introuvable",
    "Saint-Flour-Unique",
    "démonter les moteurs",
    "Maths 14",
    "Collège Imaginaire",
    "retard de bus répété",
    "soudure impeccable",
    "harcèlement au collège",
    "atelier du soir",
    "vélo cassé",
    "Poursuit chez Michelin",
    "Pièce de mon projet",
    "zebulon-q",
    "allergie aux poussières",
]


@pytest.fixture
def rich_learner(db, make_user):
    """A 16-year-old with data in every app, all written through audited saves."""
    from hall32.industry.tests.factories import BookingFactory, GrantFactory
    from hall32.outreach.models import VisitorRegistration
    from hall32.outreach.tests.factories import ClassBookingFactory, EventFactory
    from hall32.training.models import (
        Application,
        Attendance,
        Enrolment,
        Evaluation,
        Interview,
        Outcome,
        ProgressNote,
        Referral,
    )
    from hall32.training.tests.factories import (
        CohortFactory,
        ProgrammeSessionFactory,
        SessionFactory,
        attendance_codes,
        contract_for,
        framework,
        rubric,
    )

    manager = make_user(Role.COORDINATOR)
    with audit.acting_as(manager):
        learner = PersonFactory(
            first_name="Zébulon",
            last_name="Quaternaire",
            birth_date=dt.date(2010, 4, 5),
            email="zebulon.quaternaire@exemple.org",
            phone="06 11 22 33 44",
            address="12 rue Introuvable",
            postcode="15100",
            city="Saint-Flour",
            gender=Person.Gender.MALE,
        )
        account = make_user(Role.LEARNER, person=learner, username="zebulon-q")
        parent = PersonFactory(first_name="Anne", last_name="Parent", phone="06 99 99 99 99")
        services.guardian_add(child=learner, guardian=parent, relationship=Guardianship.Relationship.MOTHER)
        cohort = CohortFactory()
        enrolment = Enrolment.objects.create(cohort=cohort, person=learner, start_date=cohort.start_date)
        codes = attendance_codes()
        session = SessionFactory(cohort=cohort)
        Attendance.objects.create(
            session=session, learner=learner, code=codes["R"], note="retard de bus répété"
        )
        competency = framework(cohort.course)[0]
        Evaluation.objects.create(
            learner=learner,
            competency=competency,
            evaluator_role="trainer",
            level=3,
            evaluated_on=dt.date(2026, 10, 1),
            comment="soudure impeccable",
        )
        application = Application.objects.create(
            reference="CAND-Z",
            applicant=learner,
            course=cohort.course,
            school_year=2026,
            motivation="J'aime démonter les moteurs",
            school_grades="Maths 14",
            last_school="Collège Imaginaire",
            company_name="Garage du coin",
        )
        Interview.objects.create(
            application=application,
            rubric=rubric(),
            held_on=dt.date(2026, 5, 1),
            notes="harcèlement au collège",
        )
        contract = contract_for(
            learner,
            course=cohort.course,
            enrolment=enrolment,
            birth_commune="Saint-Flour-Unique",
            birth_department="15",
            nationality="3",
            disability_rqth=True,
            last_class="atelier du soir",
            status="signed",
        )
        session_p = ProgrammeSessionFactory()
        referral = Referral.objects.create(
            person=learner,
            programme=session_p.programme,
            session=session_p,
            referred_by=OrganisationFactory(kind="agency"),
            referred_on=dt.date(2026, 9, 1),
            reason="vélo cassé",
        )
        ProgressNote.objects.create(
            referral=referral, week=1, written_on=dt.date(2026, 9, 8), note="vélo cassé"
        )
        Outcome.objects.create(
            learner=learner,
            course=cohort.course,
            exit_date=dt.date(2026, 7, 1),
            situation="further_study",
            detail="Poursuit chez Michelin",
        )
        GrantFactory(person=learner, notes="allergie aux poussières")
        BookingFactory(user=account, title="Pièce de mon projet", notes="allergie aux poussières")
        event = EventFactory(kind="open_day")
        VisitorRegistration.objects.create(event=event, person=learner, young_people=1)
        ClassBookingFactory(teacher=learner, school=SchoolFactory(), needs="allergie aux poussières")
    return {"learner": learner, "account": account, "parent": parent, "contract": contract}


def _everything() -> str:
    objects = []
    for model in apps.get_models():
        if model.__module__.startswith("hall32.") or model._meta.app_label in {"auth"}:
            objects.extend(model._default_manager.all())
    return serializers.serialize("json", objects, ensure_ascii=False)


def test_the_fixture_does_write_each_secret_somewhere(rich_learner):
    dumped = _everything()

    assert [s for s in SECRETS if s not in dumped] == []


def test_erasure_leaves_no_personal_value_in_any_table_nor_in_the_audit_trail(rich_learner, direction):
    services.person_erase(person=rich_learner["learner"], by=direction)

    dumped = _everything()
    assert [s for s in SECRETS if s in dumped] == []


def test_erasure_blanks_the_contract_s_cerfa_part_and_the_pdf_no_longer_prints_it(rich_learner, direction):
    from hall32.training.models import Contract
    from hall32.training.pdf import contract_pdf

    services.person_erase(person=rich_learner["learner"], by=direction)

    contract = Contract.objects.get(pk=rich_learner["contract"].pk)
    assert (contract.birth_commune, contract.birth_department, contract.nationality) == ("", "", "")
    assert contract.disability_rqth is False and contract.last_class == ""
    assert (contract.start_date, contract.status) == (dt.date(2026, 9, 1), "signed")  # figures stay
    text = pdf_text(contract_pdf(contract, problems=[], pay=[], hall=None))
    assert "Saint-Flour-Unique" not in text and "Étrangère" not in text
    assert "non · non · non" in " ".join(text.split())  # RQTH, athlete, business project


def test_erasure_kills_the_person_s_secret_links_and_feed_tokens(rich_learner, direction, client):
    from hall32.outreach.models import ClassBooking, VisitorRegistration
    from hall32.training.models import Application

    learner = rich_learner["learner"]
    before = {
        "application": Application.objects.get(applicant=learner).token,
        "registration": VisitorRegistration.objects.get(person=learner).token,
        "booking": ClassBooking.objects.get(teacher=learner).token,
    }

    services.person_erase(person=learner, by=direction)

    assert Application.objects.get(applicant=learner).token != before["application"]
    assert VisitorRegistration.objects.get(person=learner).token != before["registration"]
    assert ClassBooking.objects.get(teacher=learner).token != before["booking"]
    assert client.get(f"/former/candidature/{before['application']}/").status_code == 404


def test_what_the_erased_account_did_stays_in_the_trail_under_its_anonymous_name(rich_learner, direction):
    from hall32.core.models import AuditEntry

    account = rich_learner["account"]
    parent = rich_learner["parent"]
    with audit.acting_as(account):
        parent.phone = "06 12 12 12 12"
        services.person_save(person=parent)
    services.person_erase(person=rich_learner["learner"], by=direction)

    made = AuditEntry.objects.filter(actor=account)
    assert made.exists()
    assert set(made.values_list("actor_label", flat=True)) == {f"efface-{rich_learner['learner'].pk}"}


def test_published_figures_are_the_same_before_and_after_erasing_learners(db, direction):
    """Erasure keeps what the figures count: students per year, leavers' outcomes, programmes,
    outreach reach, partner companies."""
    from hall32.core.schoolyear import SchoolYear
    from hall32.training import selectors as training
    from hall32.training.models import Enrolment, Outcome
    from hall32.training.tests.factories import CohortFactory, contract_for

    cohort = CohortFactory(school_year=2022, start_date=dt.date(2022, 9, 5), end_date=dt.date(2023, 7, 1))
    learners = []
    for i in range(6):
        person = PersonFactory(gender="F" if i % 2 else "M", birth_date=dt.date(2006, 3, i + 1))
        Enrolment.objects.create(cohort=cohort, person=person, start_date=cohort.start_date)
        contract_for(person, course=cohort.course, status="signed", disability_rqth=bool(i % 3))
        Outcome.objects.create(
            learner=person,
            course=cohort.course,
            exit_date=dt.date(2023, 7, 1),
            situation="further_study" if i < 4 else "employed",
            completed=True,
            diploma_obtained=i != 5,
        )
        learners.append(person)
    year = SchoolYear(2022)

    def figures() -> dict:
        return {
            "students": training.cohorts.students_in(year=year),
            "trained": training.cohorts.people_trained(years=[year]),
            "outcomes": training.outcomes.outcome_stats(years=[year]),
            "women": Enrolment.objects.filter(person__gender="F").count(),
            "born_2006": Enrolment.objects.filter(person__birth_date__year=2006).count(),
        }

    before = figures()
    for person in learners[:3]:
        services.person_erase(person=person, by=direction)

    assert figures() == before
    assert before["students"] == 6


def test_a_guardian_s_link_goes_and_the_erased_child_leaves_the_guardian_s_home(rich_learner, direction):
    services.person_erase(person=rich_learner["learner"], by=direction)

    assert not Guardianship.objects.filter(guardian=rich_learner["parent"]).exists()
    assert Person.objects.get(pk=rich_learner["learner"].pk).erased_at <= timezone.now()
