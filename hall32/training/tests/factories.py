import datetime as dt
import io
from decimal import Decimal

import factory
from openpyxl import Workbook

from hall32.core.tests.factories import OrganisationFactory, PersonFactory
from hall32.training.models import (
    Application,
    ApplicationStatus,
    AttendanceCode,
    Cohort,
    Competency,
    CompetencyBlock,
    Contract,
    Course,
    Enrolment,
    Programme,
    ProgrammeSession,
    Rubric,
    RubricCriterion,
    Session,
    Trade,
)


class TradeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Trade

    name = factory.Sequence(lambda n: f"Métier {n}")
    slug = factory.Sequence(lambda n: f"metier-{n}")
    family = "maintenance"
    summary = "Un métier."


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    trade = factory.SubFactory(TradeFactory)
    code = factory.Sequence(lambda n: f"BAC-{n}")
    title = factory.Sequence(lambda n: f"Bac Pro {n}")
    slug = factory.Sequence(lambda n: f"bac-pro-{n}")
    level = Course.Level.BAC_PRO
    duration_months = 36
    summary = "Une formation."
    training_hours = 1850


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    course = factory.SubFactory(CourseFactory)
    school_year = 2026
    stage = 1
    code = factory.Sequence(lambda n: f"PROMO-{n}")
    start_date = dt.date(2026, 9, 7)
    end_date = dt.date(2027, 7, 2)


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    cohort = factory.SubFactory(CohortFactory)
    person = factory.SubFactory(PersonFactory, birth_date=dt.date(2010, 3, 14))
    status = Enrolment.Status.APPRENTICE
    start_date = factory.LazyAttribute(lambda e: e.cohort.start_date)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    cohort = factory.SubFactory(CohortFactory)
    date = dt.date(2026, 9, 8)
    start = dt.time(8, 30)
    end = dt.time(12, 0)
    title = "Atelier"


def attendance_codes() -> dict[str, AttendanceCode]:
    rows = [
        ("P", "Présent", False, False, False, True),
        ("R", "Retard", False, False, True, False),
        ("A", "Absent", True, False, False, False),
        ("E", "Excusé", True, True, False, False),
    ]
    return {
        c: AttendanceCode.objects.get_or_create(
            code=c,
            defaults={
                "label": label,
                "counts_as_absence": absence,
                "is_excused": excused,
                "is_late": late,
                "is_default": default,
            },
        )[0]
        for c, label, absence, excused, late, default in rows
    }


def rubric() -> Rubric:
    made = Rubric.objects.create(name="Grille de test")
    RubricCriterion.objects.create(rubric=made, label="Curiosité", weight=3)
    RubricCriterion.objects.create(rubric=made, label="Persévérance", weight=2)
    RubricCriterion.objects.create(rubric=made, label="Communication", weight=1)
    return made


def framework(course: Course) -> list[Competency]:
    block = CompetencyBlock.objects.create(course=course, code="B1", title="Intervention")
    return [Competency.objects.create(block=block, code=f"C1.{i}", title=f"Compétence {i}") for i in (1, 2)]


def contract_for(apprentice, employer=None, **overrides) -> Contract:
    values = {
        "reference": f"A-{apprentice.pk}-{Contract.objects.count()}",
        "apprentice": apprentice,
        "course": overrides.pop("course", None) or CourseFactory(),
        "employer": employer or OrganisationFactory(),
        "start_date": dt.date(2026, 9, 1),
        "end_date": dt.date(2029, 6, 30),
        "training_start": dt.date(2026, 9, 7),
        "exam_end": dt.date(2029, 6, 20),
        "training_hours": 1850,
        "weekly_hours": Decimal("35"),
    }
    values.update(overrides)
    return Contract.objects.create(**values)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ("kind",)

    kind = Programme.Kind.DROPOUT
    name = "Rebond"
    min_age = 16
    max_age = 25
    duration_weeks = 12


class ProgrammeSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeSession

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Session {n}")
    start = dt.date(2026, 10, 5)
    end = dt.date(2026, 12, 18)


def xlsx(rows) -> bytes:
    """A spreadsheet file as a person would save it from Excel: one sheet, the given rows."""
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# matching (network's placement reads the admitted applications)
class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    reference = factory.Sequence(lambda n: f"C2027-{n:05d}")
    applicant = factory.SubFactory(PersonFactory, birth_date=dt.date(2008, 3, 14))
    course = factory.SubFactory(CourseFactory)
    school_year = 2026
    status = ApplicationStatus.ADMITTED
    motivation = "Fabriquer des pièces."
    sought_postcode = "63000"
    mobility_km = 30
