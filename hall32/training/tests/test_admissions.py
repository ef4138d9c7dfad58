"""The admission pipeline: the public form, allowed and refused steps, reasoned decisions, letters."""

import datetime as dt

import pytest
from django.core import mail

from hall32.core.errors import Conflict, DomainError
from hall32.core.models import Guardianship
from hall32.core.roles import Role
from hall32.training.models import Application, ApplicationStatus, ApplicationStep
from hall32.training.services import admissions as services
from hall32.training.services.contracts import TutorInput, contract_save, contract_sign
from hall32.training.tests.factories import CourseFactory

pytestmark = pytest.mark.django_db


def submit(course, *, birth=dt.date(2000, 1, 1), guardian=None, email="lea.martin@example.org", **extra):
    return services.application_submit(
        course=course,
        school_year=2027,
        guardian=guardian,
        applicant=services.Applicant("Léa", "Martin", birth, email, postcode="63000"),
        motivation="J'aime comprendre comment fonctionnent les machines et les réparer.",
        **extra,
    )


def move(application, *statuses):
    for status in statuses:
        application = services.application_move(application=application, to_status=status, by=None)
    return application


def test_an_application_starts_received_with_its_history(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        application = submit(CourseFactory())

    assert application.status == ApplicationStatus.RECEIVED
    assert application.reference == "C2027-0001"
    assert list(application.steps.values_list("to_status", flat=True)) == ["received"]
    assert "Candidature reçue" in mail.outbox[0].subject


def test_a_minor_must_give_a_guardian_contact():
    course = CourseFactory()
    minor = dt.date.today().replace(year=dt.date.today().year - 15)

    with pytest.raises(DomainError) as refused:
        submit(course, birth=minor)
    assert refused.value.field == "guardian_last_name"

    application = submit(
        course, birth=minor, guardian=services.GuardianContact("Anne", "Martin", "anne@example.org")
    )
    assert Guardianship.objects.filter(
        child=application.applicant, guardian__email="anne@example.org"
    ).exists()


def test_applying_twice_to_the_same_course_and_intake_is_refused():
    course = CourseFactory()
    submit(course)

    with pytest.raises(Conflict):
        submit(course)


@pytest.mark.parametrize(
    "path",
    [
        ["info_meeting", "interview", "immersion"],
        ["info_meeting", "interview", "withdrawn"],
        ["withdrawn"],
    ],
)
def test_allowed_steps_move_the_application(path):
    application = move(submit(CourseFactory()), *path)

    assert application.status == path[-1]
    assert [s.to_status for s in application.steps.all()] == ["received", *path]


@pytest.mark.parametrize(
    "before,target",
    [
        ([], "interview"),  # skipping the information meeting
        ([], "immersion"),
        (["info_meeting"], "received"),  # going back
        (["info_meeting", "interview", "immersion"], "contract_signed"),  # no decision yet
        (["withdrawn"], "info_meeting"),  # a closed file
    ],
)
def test_refused_steps_say_where_the_application_can_go_and_change_nothing(before, target):
    application = move(submit(CourseFactory()), *before)
    steps = ApplicationStep.objects.count()

    with pytest.raises(DomainError) as refused:
        services.application_move(application=application, to_status=target, by=None)

    assert refused.value.code == "transition"
    assert "Étapes possibles" in refused.value.message
    application.refresh_from_db()
    assert application.status == (before[-1] if before else "received")
    assert ApplicationStep.objects.count() == steps


def test_a_decision_goes_through_its_own_service_and_needs_reasons():
    application = move(submit(CourseFactory()), "info_meeting", "interview", "immersion")

    with pytest.raises(DomainError) as refused:
        services.application_move(application=application, to_status="admitted", by=None)
    assert refused.value.code == "decision"
    with pytest.raises(DomainError) as no_reason:
        services.application_decide(application=application, admitted=True, reasons="ok", by=None)
    assert no_reason.value.field == "reasons"

    decided = services.application_decide(
        application=application, admitted=True, reasons="Très motivé, belle journée d'immersion.", by=None
    )
    assert decided.status == "admitted" and decided.decided_at is not None


def test_an_interview_may_reject_directly_but_not_admit():
    application = move(submit(CourseFactory()), "info_meeting", "interview")

    with pytest.raises(DomainError):
        services.application_decide(
            application=application, admitted=True, reasons="Motivation évidente.", by=None
        )
    rejected = services.application_decide(
        application=application,
        admitted=False,
        reasons="Projet à mûrir : nous conseillons un stage de découverte.",
        by=None,
    )
    assert rejected.status == "rejected"


def test_the_decision_letter_is_attached_to_the_mail(django_capture_on_commit_callbacks):
    application = move(submit(CourseFactory()), "info_meeting", "interview", "immersion")

    with django_capture_on_commit_callbacks(execute=True):
        services.application_decide(
            application=application,
            admitted=False,
            reasons="Le projet professionnel reste à construire.",
            by=None,
        )

    letter = mail.outbox[-1]
    assert letter.attachments[0][0].endswith(".pdf")
    assert letter.attachments[0][1].startswith(b"%PDF")


def test_contract_signed_needs_a_signed_contract_and_signing_moves_the_application(make_user):
    from hall32.core.tests.factories import OrganisationFactory, PersonFactory

    course = CourseFactory()
    application = move(submit(course, birth=dt.date(2004, 5, 1)), "info_meeting", "interview", "immersion")
    services.application_decide(
        application=application, admitted=True, reasons="Motivation remarquable.", by=None
    )
    with pytest.raises(DomainError, match="Aucun contrat signé"):
        services.application_move(application=application, to_status="contract_signed", by=None)

    from hall32.training.models import Contract

    tutor = PersonFactory(birth_date=dt.date(1980, 1, 1))
    contract = contract_save(
        contract=Contract(
            apprentice=application.applicant,
            course=course,
            employer=OrganisationFactory(),
            start_date=dt.date(2027, 9, 1),
            end_date=dt.date(2030, 6, 30),
            training_start=dt.date(2027, 9, 6),
            exam_end=dt.date(2030, 6, 20),
            training_hours=1850,
        ),
        tutors=[TutorInput(tutor, "Chef d'équipe")],
    )
    contract_sign(contract=contract, signed_on=dt.date(2027, 8, 20), by=None)

    application.refresh_from_db()
    assert application.status == ApplicationStatus.CONTRACT_SIGNED


def test_the_public_form_creates_an_application_without_an_account(
    client, django_capture_on_commit_callbacks
):
    course = CourseFactory()
    data = {
        "course": course.pk,
        "school_year": "2027",
        "first_name": "Léa",
        "last_name": "Martin",
        "birth_date": "2001-04-03",
        "gender": "F",
        "email": "lea@example.org",
        "postcode": "63000",
        "situation": "bac",
        "motivation": "J'aime la mécanique et je veux un métier concret.",
        "mobility_km": "25",
        "heard_from": "forum",
        "consent": "on",
        "guardian_relationship": "mother",
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/former/candidater/", data, follow=True)

    application = Application.objects.get()
    assert response.redirect_chain[-1][0] == f"/former/candidature/{application.token}/"
    assert "Candidature envoyée" in response.content.decode()


def test_the_public_form_shows_errors_next_to_fields_and_saves_nothing(client):
    course = CourseFactory()

    response = client.post(
        "/former/candidater/",
        {
            "course": course.pk,
            "school_year": "2027",
            "first_name": "Léa",
            "last_name": "M",
            "birth_date": "pas une date",
            "email": "x",
            "postcode": "63",
            "motivation": "",
            "situation": "bac",
            "heard_from": "forum",
            "gender": "F",
        },
    )

    assert response.status_code == 400
    for field in ["birth_date", "email", "postcode", "motivation", "consent"]:
        assert field in response.context["form"].errors
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    "role,status",
    [
        (Role.COORDINATOR, 200),
        (Role.DIRECTION, 200),
        (Role.TRAINER, 403),
        (Role.LEARNER, 403),
        (Role.REFERRAL_PARTNER, 403),
    ],
)
def test_who_opens_the_pipeline(as_user, make_user, role, status):
    assert as_user(make_user(role)).get("/former/admissions/").status_code == status


def test_the_pipeline_page_moves_an_application(as_user, make_user):
    application = submit(CourseFactory())
    client = as_user(make_user(Role.COORDINATOR))

    response = client.post(
        f"/former/admissions/{application.pk}/etape/", {"to_status": "info_meeting"}, follow=True
    )

    application.refresh_from_db()
    assert application.status == "info_meeting"
    assert "Candidature passée" in response.content.decode()


def test_admitted_candidates_without_company_are_listed_with_what_they_seek(as_user, make_user):
    application = move(
        submit(CourseFactory(), email="a@example.org"), "info_meeting", "interview", "immersion"
    )
    services.application_decide(
        application=application, admitted=True, reasons="Très motivé et curieux.", by=None
    )

    response = as_user(make_user(Role.COORDINATOR)).get(
        "/former/admissions/sans-entreprise/", {"school_year": 2027}
    )

    assert application in response.context["applications"]
    assert "63000" in response.content.decode()


@pytest.mark.django_db
def test_the_application_form_answers_nothing_for_the_candidate_in_advance(client):
    from hall32.training.forms import ApplicationForm

    form = ApplicationForm()
    page = client.get("/former/candidater/").content.decode()

    assert form.fields["heard_from"].choices[0] == ("", "Choisissez…")
    assert form.fields["situation"].choices[0] == ("", "Choisissez…")
    assert "---------" not in page
    blank = ApplicationForm(data={"heard_from": "", "situation": ""})
    assert "heard_from" in blank.errors and "situation" in blank.errors
