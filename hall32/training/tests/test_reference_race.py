"""Applications and contracts saved at the same moment each get their own reference (PostgreSQL)."""

import datetime as dt
from decimal import Decimal

import pytest

from hall32.core.tests.concurrency import race, skip_unless_postgres
from hall32.core.tests.factories import OrganisationFactory, PersonFactory
from hall32.training.models import Application, Contract
from hall32.training.services import admissions
from hall32.training.services.contracts import TutorInput, contract_save
from hall32.training.tests.factories import CourseFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_twenty_applications_sent_at_once_get_twenty_different_references():
    skip_unless_postgres()
    course = CourseFactory()

    references, errors = race(
        20,
        lambda i: (
            admissions.application_submit(
                course=course,
                school_year=2027,
                guardian=None,
                applicant=admissions.Applicant(
                    "Léa", f"Martin{i}", dt.date(2000, 1, 1), f"lea{i}@example.org", postcode="63000"
                ),
                motivation="J'aime comprendre comment fonctionnent les machines et les réparer.",
            ).reference
        ),
    )

    assert errors == []
    assert sorted(references) == [f"C2027-{n:04d}" for n in range(1, 21)]
    assert Application.objects.count() == 20


def test_twenty_contracts_saved_at_once_get_twenty_different_references():
    skip_unless_postgres()
    course, employer = CourseFactory(), OrganisationFactory()
    apprentices = [PersonFactory(birth_date=dt.date(2004, 5, 5)) for _ in range(20)]
    tutors = [PersonFactory(birth_date=dt.date(1982, 2, 2)) for _ in range(20)]

    def save(i: int) -> str:
        contract = Contract(
            apprentice=apprentices[i],
            course=course,
            employer=employer,
            start_date=dt.date(2026, 9, 1),
            end_date=dt.date(2029, 6, 30),
            training_start=dt.date(2026, 9, 7),
            exam_end=dt.date(2029, 6, 20),
            training_hours=1850,
            weekly_hours=Decimal("35"),
        )
        return contract_save(contract=contract, tutors=[TutorInput(tutors[i], "Technicien")]).reference

    references, errors = race(20, save)

    assert errors == []
    assert sorted(references) == [f"A2026-{n:05d}" for n in range(1, 21)]
    assert Contract.objects.count() == 20
