"""Training API: apply online, cohorts, a learner's path, yearly figures."""

import datetime as dt
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from pydantic import field_validator

from hall32.core.models import Person
from hall32.core.schoolyear import SchoolYear, school_years
from hall32.training import selectors
from hall32.training.models import Application, Course
from hall32.training.services import admissions as admission_services
from hall32.web.apikit import LAST_ACCEPTED_YEAR, StartYear, require

router = Router(tags=["training"])


def _email(value: str) -> str:
    try:
        validate_email(value)
    except DjangoValidationError:
        raise ValueError("adresse de courriel invalide") from None
    return value


class GuardianIn(Schema):
    first_name: str = Field("", max_length=100)
    last_name: str = Field(min_length=1, max_length=100)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=30)


class ApplicationIn(Schema):
    course_id: int
    # One applies from the opening year on (the shared StartYear starts five years earlier).
    school_year: int = Field(ge=settings.HUB_FIRST_SCHOOL_YEAR, le=LAST_ACCEPTED_YEAR)
    first_name: str = Field(min_length=1, max_length=100)
    last_name: str = Field(min_length=1, max_length=100)
    birth_date: dt.date
    email: str = Field(max_length=254)
    phone: str = Field("", max_length=30)
    postcode: str = Field("", pattern=r"^(\d{5})?$")
    motivation: str = Field(min_length=1, max_length=5000)
    guardian: GuardianIn | None = None

    @field_validator("email")
    @classmethod
    def email_is_valid(cls, value: str) -> str:
        return _email(value)


class ApplicationOut(Schema):
    reference: str
    token: uuid.UUID
    status: str
    course_id: int
    school_year: int


class CohortOut(Schema):
    id: int
    code: str
    course: str
    school_year: int
    stage: int
    learners: int

    @staticmethod
    def resolve_course(obj) -> str:
        return obj.course.title


class CompetencyOut(Schema):
    code: str
    title: str
    acquired: bool
    trainer_level: int | None
    tutor_level: int | None


class PathOut(Schema):
    learner: str
    course: str
    progress: float
    competencies: list[CompetencyOut]


class FiguresOut(Schema):
    school_year: str
    students: int
    people_trained: int


@router.post("/applications", response={201: ApplicationOut}, auth=None, summary="Candidater (sans compte)")
def apply(request: HttpRequest, payload: ApplicationIn):
    course = get_object_or_404(Course.objects.published(), pk=payload.course_id)
    guardian = None
    if payload.guardian is not None:
        guardian = admission_services.GuardianContact(
            payload.guardian.first_name,
            payload.guardian.last_name,
            payload.guardian.email,
            payload.guardian.phone,
        )
    application = admission_services.application_submit(
        course=course,
        school_year=payload.school_year,
        guardian=guardian,
        motivation=payload.motivation,
        applicant=admission_services.Applicant(
            payload.first_name,
            payload.last_name,
            payload.birth_date,
            payload.email,
            payload.phone,
            postcode=payload.postcode,
        ),
    )
    return Status(201, application)


@router.get("/applications/{token}", response=ApplicationOut, auth=None, summary="Suivre sa candidature")
def application_status(request: HttpRequest, token: uuid.UUID):
    return get_object_or_404(Application, token=token)


@router.get(
    "/cohorts", response=list[CohortOut], summary="Promotions (celles qu'on forme, pour un·e formateur·rice)"
)
def cohorts(request: HttpRequest, school_year: StartYear | None = None):
    require(request, "training.view_cohorts")
    found = selectors.cohorts.cohort_list(user=request.user).order_by("-school_year", "code")
    return found.filter(school_year=school_year) if school_year is not None else found


@router.get("/learners/{learner_id}/path", response=PathOut, summary="Le parcours d'un·e apprenant·e")
def learner_path(request: HttpRequest, learner_id: int, course_id: int | None = None):
    learner = get_object_or_404(Person, pk=learner_id)
    require(request, "training.view_learner", learner)
    courses = selectors.paths.courses_of(learner=learner)
    course = next((c for c in courses if c.pk == course_id), courses[0] if courses else None)
    if course is None:
        from django.http import Http404

        raise Http404
    path = selectors.paths.learner_path(learner=learner, course=course)
    return {
        "learner": learner.full_name,
        "course": course.title,
        "progress": path.progress,
        "competencies": [
            {
                "code": c.competency.code,
                "title": c.competency.title,
                "acquired": c.acquired,
                "trainer_level": c.by_trainer.level if c.by_trainer else None,
                "tutor_level": c.by_tutor.level if c.by_tutor else None,
            }
            for b in path.blocks
            for c in b.competencies
        ],
    }


@router.get("/figures", response=list[FiguresOut], summary="Élèves et personnes formées par année scolaire")
def figures(request: HttpRequest):
    require(request, "training.view_outcomes")
    current = SchoolYear.of(timezone.localdate()).start_year
    return [
        {
            "school_year": y.label,
            "students": selectors.students_in(year=y),
            "people_trained": selectors.people_trained(years=[y]),
        }
        for y in school_years(settings.HUB_FIRST_SCHOOL_YEAR, current)
    ]
