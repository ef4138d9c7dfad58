"""Contract rules (ages, dates, duration, hours, minimum pay, tutors), the PDF, the three-month alert."""

import datetime as dt
from decimal import Decimal

import pytest

from hall32.core.errors import DomainError
from hall32.core.tests.factories import OrganisationFactory, PersonFactory
from hall32.training import law
from hall32.training.models import Contract, ContractPayPeriod
from hall32.training.selectors.contracts import learners_without_contract
from hall32.training.services.contracts import TutorInput, contract_save
from hall32.training.tests.factories import CohortFactory, CourseFactory, EnrolmentFactory, contract_for


def draft(apprentice, **overrides):
    values = {
        "apprentice": apprentice,
        "course": CourseFactory(),
        "employer": OrganisationFactory(),
        "start_date": dt.date(2026, 9, 1),
        "end_date": dt.date(2029, 6, 30),
        "training_start": dt.date(2026, 9, 7),
        "exam_end": dt.date(2029, 6, 20),
        "training_hours": 1850,
        "weekly_hours": Decimal("35"),
    }
    values.update(overrides)
    return Contract(**values)


def tutor(**overrides):
    return TutorInput(PersonFactory(birth_date=dt.date(1982, 2, 2), **overrides), "Technicien de maintenance")


# --- The law itself (no database) ---------------------------------------------------------------------


def test_the_pay_bracket_changes_the_first_of_the_month_after_the_birthday():
    birth = dt.date(2008, 3, 14)  # 18 on 14 March 2026
    assert law.minimum_percent(birth=birth, contract_year=1, on=dt.date(2026, 3, 20)) == 27
    assert law.minimum_percent(birth=birth, contract_year=1, on=dt.date(2026, 4, 1)) == 43


@pytest.mark.parametrize(
    "age,year,percent",
    [
        (16, 1, 27),
        (17, 2, 39),
        (17, 3, 55),
        (19, 1, 43),
        (20, 3, 67),
        (22, 1, 53),
        (25, 2, 61),
        (24, 3, 78),
        (27, 1, 100),
    ],
)
def test_the_legal_minimum_by_age_and_contract_year(age, year, percent):
    on = dt.date(2026, 10, 1)
    birth = dt.date(on.year - age, 6, 1)
    assert law.minimum_percent(birth=birth, contract_year=year, on=on) == percent


def test_a_period_takes_the_highest_minimum_it_meets():
    percent, since = law.minimum_for_period(
        birth=dt.date(2008, 3, 14), contract_year=1, start=dt.date(2025, 9, 1), end=dt.date(2026, 8, 31)
    )
    assert (percent, since) == (43, dt.date(2026, 4, 1))


def test_contract_years_are_cut_at_the_end():
    years = law.contract_years(dt.date(2026, 9, 1), dt.date(2028, 6, 30))
    assert years == [
        (1, dt.date(2026, 9, 1), dt.date(2027, 8, 31)),
        (2, dt.date(2027, 9, 1), dt.date(2028, 6, 30)),
    ]


# --- The service refuses, naming the rule, and writes nothing ---------------------------------------------


@pytest.mark.django_db
def test_an_apprentice_younger_than_15_on_the_start_date_is_refused_naming_the_rule():
    child = PersonFactory(birth_date=dt.date(2011, 10, 1))  # 14 on 1 September 2026

    with pytest.raises(DomainError) as refused:
        contract_save(contract=draft(child), tutors=[tutor()])

    assert refused.value.code == "age_min" and refused.value.field == "start_date"
    assert "L6222-1" in refused.value.message and "14 ans" in refused.value.message
    assert not Contract.objects.exists()


@pytest.mark.django_db
def test_a_contract_ending_before_it_starts_is_refused():
    with pytest.raises(DomainError) as refused:
        contract_save(
            contract=draft(PersonFactory(birth_date=dt.date(2008, 1, 1)), end_date=dt.date(2026, 8, 1)),
            tutors=[tutor()],
        )

    assert refused.value.field == "end_date"
    assert "postérieure" in refused.value.message
    assert not Contract.objects.exists()


@pytest.mark.django_db
def test_pay_below_the_legal_minimum_is_refused_with_the_rule():
    apprentice = PersonFactory(birth_date=dt.date(2004, 5, 5))  # 22: 53 % in year 1

    with pytest.raises(DomainError) as refused:
        contract_save(contract=draft(apprentice), tutors=[tutor()], pay={1: Decimal("45")})

    assert refused.value.field == "pay_1"
    assert "53 %" in refused.value.message and "D6222-26" in refused.value.message


@pytest.mark.django_db
def test_without_a_chosen_pay_the_minimum_is_applied_year_by_year():
    apprentice = PersonFactory(birth_date=dt.date(2008, 3, 14))

    contract = contract_save(contract=draft(apprentice), tutors=[tutor()])

    # 18 in March 2026 (43 %), 21 in March 2029: from April 2029 year 3 pays 78 %, not 67 %.
    assert list(ContractPayPeriod.objects.filter(contract=contract).values_list("year_index", "percent")) == [
        (1, Decimal("43")),
        (2, Decimal("51")),
        (3, Decimal("78")),
    ]
    assert contract.reference.startswith("A2026-")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "overrides,field",
    [
        ({"weekly_hours": Decimal("38")}, "weekly_hours"),  # a minor
        ({"end_date": dt.date(2027, 1, 31)}, "end_date"),  # five months
        ({"end_date": dt.date(2029, 12, 31)}, "end_date"),  # over three years
        ({"training_start": dt.date(2027, 1, 15)}, "training_start"),
    ],
)
def test_other_rules_are_checked_field_by_field(overrides, field):
    minor = PersonFactory(birth_date=dt.date(2010, 1, 1))

    with pytest.raises(DomainError) as refused:
        contract_save(contract=draft(minor, **overrides), tutors=[tutor()])

    assert field in refused.value.errors


@pytest.mark.django_db
def test_a_tutor_follows_two_apprentices_at_most():
    busy = PersonFactory(birth_date=dt.date(1980, 1, 1))
    for _ in range(2):
        other = contract_save(
            contract=draft(PersonFactory(birth_date=dt.date(2007, 1, 1))),
            tutors=[TutorInput(busy, "Chef d'équipe")],
        )
        Contract.objects.filter(pk=other.pk).update(status=Contract.Status.SIGNED)

    with pytest.raises(DomainError) as refused:
        contract_save(
            contract=draft(PersonFactory(birth_date=dt.date(2007, 1, 1))),
            tutors=[TutorInput(busy, "Chef d'équipe")],
        )
    assert "R6223-6" in refused.value.message


@pytest.mark.django_db
def test_the_contract_form_shows_every_broken_rule_next_to_its_field(as_user, make_user):
    from hall32.core.roles import Role

    client = as_user(make_user(Role.COORDINATOR))
    apprentice = PersonFactory(birth_date=dt.date(2011, 10, 1))
    EnrolmentFactory(person=apprentice)
    company = OrganisationFactory()
    contact = PersonFactory(organisation=company, birth_date=dt.date(1980, 1, 1))
    course = CourseFactory()

    response = client.post(
        "/former/contrats/nouveau/",
        {
            "apprentice": apprentice.pk,
            "course": course.pk,
            "employer": company.pk,
            "kind": "11",
            "start_date": "2026-09-01",
            "end_date": "2029-06-30",
            "weekly_hours": "35",
            "training_start": "2026-09-07",
            "exam_end": "2029-06-20",
            "training_hours": "1850",
            "employer_type": "11",
            "nationality": "1",
            "social_regime": "2",
            "prior_situation": "1",
            "highest_diploma": "0",
            "tutor_1": contact.pk,
            "tutor_1_job": "Chef d'équipe",
            "tutor_1_years": "5",
            "pay_1": "20",
        },
    )

    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "start_date" in errors and "pay_1" in errors
    assert not Contract.objects.exists()


@pytest.mark.django_db
def test_the_contract_document_is_a_pdf_with_its_checks(as_user, make_user):
    from hall32.core.roles import Role

    apprentice = PersonFactory(birth_date=dt.date(2008, 3, 14))
    contract = contract_save(contract=draft(apprentice), tutors=[tutor()])

    response = as_user(make_user(Role.COORDINATOR)).get(f"/former/contrats/{contract.pk}/document.pdf")

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_a_tutor_s_contract_pdf_leaves_out_the_apprentice_s_own_part_which_the_hub_s_copy_prints(
    as_user, make_user
):
    from hall32.core.roles import Role
    from hall32.core.tests.pdftext import pdf_text
    from hall32.training.models import ContractTutor

    apprentice = PersonFactory(birth_date=dt.date(2009, 3, 14), address="7 chemin Discret")
    contract = contract_for(
        apprentice,
        birth_commune="Riom-ès-Montagnes",
        nationality="3",
        disability_rqth=True,
        last_class="Seconde générale",
    )
    company_tutor = make_user(Role.COMPANY_TUTOR)
    ContractTutor.objects.create(contract=contract, person=company_tutor.person, job_title="Chef d'atelier")

    for_tutor = pdf_text(as_user(company_tutor).get(f"/former/contrats/{contract.pk}/document.pdf").content)
    for_hub = pdf_text(
        as_user(make_user(Role.COORDINATOR)).get(f"/former/contrats/{contract.pk}/document.pdf").content
    )

    for private in ("Riom-ès-Montagnes", "Étrangère", "Seconde générale", "7 chemin Discret", "RQTH"):
        assert private not in for_tutor, private
        assert private in for_hub, private
    assert (
        apprentice.last_name.upper() in for_tutor and "14/03/2009" in for_tutor
    )  # a minor, as a tutor must know


# --- The three-month alert ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_apprentices_without_a_contract_three_months_after_their_start_are_listed():
    course = CourseFactory()
    cohort = CohortFactory(course=course, start_date=dt.date(2026, 9, 7))
    with_contract = EnrolmentFactory(cohort=cohort)
    without = EnrolmentFactory(cohort=cohort)
    student = EnrolmentFactory(cohort=cohort, status="student")
    contract_for(with_contract.person, course=course, status=Contract.Status.SIGNED)

    before = learners_without_contract(today=dt.date(2026, 12, 6))
    after = learners_without_contract(today=dt.date(2026, 12, 7))

    assert list(before) == []
    assert list(after) == [without]
    assert student not in after


@pytest.mark.django_db
def test_a_broken_contract_puts_the_apprentice_back_on_the_alert():
    cohort = CohortFactory(start_date=dt.date(2025, 9, 1), end_date=dt.date(2026, 8, 31), school_year=2025)
    enrolment = EnrolmentFactory(cohort=cohort)
    contract_for(
        enrolment.person,
        status=Contract.Status.SIGNED,
        start_date=dt.date(2025, 9, 1),
        broken_on=dt.date(2026, 1, 15),
    )

    assert list(learners_without_contract(today=dt.date(2026, 2, 1))) == [enrolment]


@pytest.mark.django_db
def test_a_new_contract_starts_with_the_opco_of_the_last_contract_whatever_its_name(as_user, make_user):
    from hall32.core.roles import Role

    older, usual = OrganisationFactory(name="Opco 2i"), OrganisationFactory(name="AKTO (OPCO des services)")
    contract_for(PersonFactory(), opco=older)
    contract_for(PersonFactory(), opco=usual)
    apprentice = PersonFactory(birth_date=dt.date(2010, 1, 5))
    EnrolmentFactory(person=apprentice)

    page = as_user(make_user(Role.COORDINATOR)).get(f"/former/contrats/nouveau/?apprenti={apprentice.pk}")

    assert page.context["form"].initial["opco"] == usual.pk


@pytest.mark.django_db
def test_the_hubs_own_organisation_is_found_by_its_uai_not_its_name(settings):
    from hall32.core.selectors import hub_organisation

    hub = OrganisationFactory(name="CFA Hall 32 – Clermont", kind="school", uai="0632032S")
    OrganisationFactory(name="Hall 32")
    settings.HUB_UAI = "0632032S"

    assert hub_organisation() == hub
    settings.HUB_UAI = ""
    assert hub_organisation() is None


# matching: the draft network opens for an accepted introduction


def test_a_draft_contract_is_opened_pre_filled_with_the_legal_minimum_and_the_tutor_if_allowed(db):
    from hall32.core.tests.factories import OrganisationFactory, PersonFactory
    from hall32.training.services.contracts import contract_draft_open
    from hall32.training.tests.factories import ApplicationFactory, CourseFactory

    course = CourseFactory(duration_months=24, training_hours=1200, rhythm="2 semaines / 2 semaines")
    application = ApplicationFactory(course=course, applicant=PersonFactory(birth_date=dt.date(2006, 1, 1)))
    employer = OrganisationFactory()
    young_tutor = PersonFactory(birth_date=dt.date(2010, 1, 1))

    contract = contract_draft_open(
        apprentice=application.applicant, employer=employer, start_date=dt.date(2026, 9, 7)
    )
    without = contract_draft_open(
        apprentice=PersonFactory(),
        employer=employer,
        start_date=dt.date(2026, 9, 7),
        course=course,
        tutor=young_tutor,
        job_title="Technicien",
    )

    assert contract.is_draft and contract.course == course  # the admitted application's course
    assert contract.end_date == dt.date(2028, 9, 6) and contract.training_hours == 1200
    assert contract.rhythm == "2 semaines / 2 semaines"
    assert contract.pay_periods.count() == 2
    assert not without.tutors.exists()  # a minor cannot be a tutor: left for the coordinator to name
