"""Admissions: online applications, the pipeline, rubric-scored interviews, reasoned decisions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hall32.core import services as core_services
from hall32.core.models import Guardianship, Person, User
from hall32.training.errors import Conflict, TrainingError
from hall32.training.law import age_on
from hall32.training.models import (
    DECISIONS,
    TRANSITIONS,
    Application,
    ApplicationStatus,
    ApplicationStep,
    Contract,
    Course,
    Interview,
    InterviewScore,
    Rubric,
)


@dataclass(frozen=True)
class Applicant:
    first_name: str
    last_name: str
    birth_date: dt.date
    email: str
    phone: str = ""
    gender: str = "X"
    postcode: str = ""
    city: str = ""


@dataclass(frozen=True)
class GuardianContact:
    first_name: str
    last_name: str
    email: str = ""
    phone: str = ""
    relationship: str = Guardianship.Relationship.GUARDIAN


def _notify(application_id: int, kind: str) -> None:
    from hall32.training.tasks import send_application_email

    transaction.on_commit(lambda: send_application_email.delay(application_id, kind))


APPLICATION_REFERENCES = core_services.ReferenceSeries(
    kind="training.application", model=Application, field="reference", prefix="C{year}-", digits=4
)


@transaction.atomic
def application_submit(
    *,
    course: Course,
    school_year: int,
    applicant: Applicant,
    guardian: GuardianContact | None,
    motivation: str,
    heard_from: str = Application.HeardFrom.OTHER,
    situation: str = Application.Situation.COLLEGE,
    last_school: str = "",
    school_grades: str = "",
    has_company: bool = False,
    company_name: str = "",
    desired_start: dt.date | None = None,
    mobility_km: int = 25,
) -> Application:
    """An application from the public form (no account). Minors must give a guardian's contact."""
    if not course.is_published:
        raise TrainingError(_("Cette formation ne recrute pas en ce moment."), field="course")
    today = timezone.localdate()
    age = age_on(applicant.birth_date, today)
    if age < 13 or age > 60:
        raise TrainingError(_("Vérifiez la date de naissance."), field="birth_date")
    if age < 18 and (guardian is None or not guardian.last_name or not (guardian.email or guardian.phone)):
        raise TrainingError(
            _(
                "Candidat·e mineur·e : indiquez le nom et le courriel ou le téléphone d'un parent "
                "ou responsable légal."
            ),
            field="guardian_last_name",
        )
    if len(motivation.strip()) < 20:
        raise TrainingError(
            _("Dites-nous en quelques phrases ce qui vous motive (20 caractères au moins)."),
            field="motivation",
        )
    person = (
        Person.objects.active()
        .filter(
            email__iexact=applicant.email,
            birth_date=applicant.birth_date,
            last_name__iexact=applicant.last_name,
        )
        .first()
    )
    if person is None:
        person = core_services.person_save(
            person=Person(
                first_name=applicant.first_name.strip(),
                last_name=applicant.last_name.strip(),
                birth_date=applicant.birth_date,
                email=applicant.email.strip().lower(),
                phone=applicant.phone,
                gender=applicant.gender,
                postcode=applicant.postcode,
                city=applicant.city,
                consent_contact=True,
            )
        )
    elif Application.objects.filter(applicant=person, course=course, school_year=school_year).exists():
        raise Conflict(
            _(
                "Vous avez déjà candidaté à cette formation pour cette rentrée : utilisez le lien "
                "reçu par courriel pour suivre votre candidature."
            ),
            field="course",
        )
    if guardian is not None and guardian.last_name:
        parent = None
        if guardian.email:
            parent = (
                Person.objects.active().filter(email__iexact=guardian.email).exclude(pk=person.pk).first()
            )
        if parent is None:
            parent = core_services.person_save(
                person=Person(
                    first_name=guardian.first_name.strip() or "–",
                    last_name=guardian.last_name.strip(),
                    email=guardian.email.strip().lower(),
                    phone=guardian.phone,
                )
            )
        Guardianship.objects.get_or_create(
            child=person, guardian=parent, defaults={"relationship": guardian.relationship}
        )
    application = Application.objects.create(
        reference=core_services.reference_issue(series=APPLICATION_REFERENCES, year=school_year),
        applicant=person,
        course=course,
        school_year=school_year,
        motivation=motivation.strip(),
        heard_from=heard_from,
        situation=situation,
        last_school=last_school,
        school_grades=school_grades,
        has_company=has_company,
        company_name=company_name,
        sought_trade=course.trade,
        sought_postcode=applicant.postcode,
        mobility_km=mobility_km,
        desired_start=desired_start or dt.date(school_year, 9, 1),
    )
    ApplicationStep.objects.create(
        application=application, from_status="", to_status=ApplicationStatus.RECEIVED
    )
    _notify(application.pk, "received")
    return application


@transaction.atomic
def application_move(
    *, application: Application, to_status: str, by: User | None, note: str = ""
) -> Application:
    """Move an application one step along the pipeline; a step the pipeline does not allow is
    refused, naming where it can go. Decisions go through application_decide (they need reasons)."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    allowed = TRANSITIONS[application.status]
    if to_status not in allowed:
        labels = ", ".join(str(ApplicationStatus(s).label) for s in allowed) or _("aucune (dossier clos)")
        raise TrainingError(
            _("Passage impossible de « %(from)s » à « %(to)s ». Étapes possibles : %(allowed)s.")
            % {
                "from": ApplicationStatus(application.status).label,
                "to": ApplicationStatus(to_status).label,
                "allowed": labels,
            },
            field="status",
            code="transition",
        )
    if to_status in DECISIONS:
        raise TrainingError(_("Une décision s'enregistre avec ses motifs."), field="status", code="decision")
    if (
        to_status == ApplicationStatus.CONTRACT_SIGNED
        and not Contract.objects.filter(
            apprentice=application.applicant, course=application.course, status=Contract.Status.SIGNED
        ).exists()
    ):
        raise TrainingError(
            _("Aucun contrat signé pour ce·tte candidat·e dans cette formation."), field="status"
        )
    ApplicationStep.objects.create(
        application=application,
        from_status=application.status,
        to_status=to_status,
        by=by if by and by.pk else None,
        note=note,
    )
    application.status = to_status
    application.save(update_fields=["status", "updated_at"])
    _notify(application.pk, to_status)
    return application


@transaction.atomic
def application_decide(
    *, application: Application, admitted: bool, reasons: str, by: User | None
) -> Application:
    """Admit or turn down, always with the reasons (they go into the letter)."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    to_status = ApplicationStatus.ADMITTED if admitted else ApplicationStatus.REJECTED
    if to_status not in TRANSITIONS[application.status]:
        raise TrainingError(
            _("Pas de décision possible à l'étape « %(from)s ».")
            % {"from": ApplicationStatus(application.status).label},
            field="status",
            code="transition",
        )
    if len(reasons.strip()) < 10:
        raise TrainingError(_("Motivez la décision : elle figurera dans le courrier."), field="reasons")
    ApplicationStep.objects.create(
        application=application,
        from_status=application.status,
        to_status=to_status,
        by=by if by and by.pk else None,
        note=reasons.strip(),
    )
    application.status = to_status
    application.decision_reasons = reasons.strip()
    application.decided_at = timezone.now()
    application.decided_by = by if by and by.pk else None
    application.save()
    _notify(application.pk, to_status)
    return application


def rubric_score(weights_and_values: list[tuple[int, int]], maximum: int = 4) -> float:
    """Weighted score out of 100. It takes only the rubric's criteria: never school grades."""
    total = sum(w * maximum for w, _v in weights_and_values)
    if total == 0:
        return 0.0
    return round(100 * sum(w * v for w, v in weights_and_values) / total, 1)


@transaction.atomic
def interview_record(
    *,
    application: Application,
    rubric: Rubric,
    interviewer: User | None,
    held_on: dt.date,
    scores: dict[int, int],
    notes: str = "",
) -> Interview:
    """Record a motivation interview: every criterion of the rubric scored 0 to 4."""
    if application.status != ApplicationStatus.INTERVIEW:
        raise TrainingError(
            _("L'entretien se note quand la candidature est à l'étape « Entretien de motivation »."),
            field="status",
        )
    criteria = list(rubric.criteria.all())
    missing = [c.label for c in criteria if c.pk not in scores]
    if missing:
        raise TrainingError(
            _("Notez chaque critère : %(missing)s.") % {"missing": ", ".join(missing)}, field="scores"
        )
    for criterion in criteria:
        if not 0 <= scores[criterion.pk] <= criterion.MAX_SCORE:
            raise TrainingError(_("Les notes vont de 0 à 4."), field=f"criterion_{criterion.pk}")
    interview = Interview.objects.create(
        application=application,
        rubric=rubric,
        held_on=held_on,
        notes=notes,
        interviewer=interviewer if interviewer and interviewer.pk else None,
    )
    InterviewScore.objects.bulk_create(
        InterviewScore(interview=interview, criterion=c, value=scores[c.pk]) for c in criteria
    )
    interview.score = rubric_score([(c.weight, scores[c.pk]) for c in criteria])
    interview.save(update_fields=["score"])
    return interview
