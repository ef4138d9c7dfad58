"""E-mails of the training app: to applicants (and their parents), and absence alerts."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from hall32.core.models import User
from hall32.core.roles import Role
from hall32.training.models import AbsenceAlert, Application

SUBJECTS = {
    "received": gettext_noop("Candidature reçue : %(course)s"),
    "info_meeting": gettext_noop("Votre candidature : réunion d'information"),
    "interview": gettext_noop("Votre candidature : entretien de motivation"),
    "immersion": gettext_noop("Votre candidature : journée d'immersion"),
    "admitted": gettext_noop("Bonne nouvelle : vous êtes admis·e à Hall 32"),
    "rejected": gettext_noop("Réponse à votre candidature"),
    "contract_signed": gettext_noop("Votre contrat d'apprentissage est signé"),
    "withdrawn": gettext_noop("Désistement enregistré"),
}


def application_email(application: Application, kind: str) -> EmailMessage | None:
    applicant = application.applicant
    recipients = [applicant.email] if applicant.email else []
    if applicant.is_minor:
        recipients += [
            g.guardian.email for g in applicant.guardianships.select_related("guardian") if g.guardian.email
        ]
    if not recipients or kind not in SUBJECTS:
        return None
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            "training/email/application.txt",
            {
                "application": application,
                "kind": kind,
                "status_url": f"{settings.SITE_URL}/former/candidature/{application.token}/",
            },
        )
        subject = _(SUBJECTS[kind]) % {"course": application.course.title}
    message = EmailMessage(subject=subject, body=body, to=recipients[:1], cc=recipients[1:])
    if kind in {"admitted", "rejected"}:
        from hall32.training.pdf import decision_letter_pdf

        message.attach(
            f"hall32-decision-{application.reference}.pdf",
            decision_letter_pdf(application),
            "application/pdf",
        )
    return message


def absence_email(alert: AbsenceAlert, stats) -> list[EmailMessage]:
    """To the coordination; and to the parents of a minor learner."""
    learner, cohort = alert.learner, alert.cohort
    coordinators = list(
        User.objects.filter(groups__name=Role.COORDINATOR, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    messages = []
    with translation.override(settings.LANGUAGE_CODE):
        context = {"learner": learner, "cohort": cohort, "stats": stats, "alert": alert}
        if coordinators:
            messages.append(
                EmailMessage(
                    subject=_("Absences : %(name)s dépasse le seuil") % {"name": learner.full_name},
                    body=render_to_string("training/email/absence_staff.txt", context),
                    to=coordinators,
                )
            )
        if learner.is_minor:
            parents = [
                g.guardian.email for g in learner.guardianships.select_related("guardian") if g.guardian.email
            ]
            if parents:
                messages.append(
                    EmailMessage(
                        subject=_("Absences de %(name)s à Hall 32") % {"name": learner.first_name},
                        body=render_to_string("training/email/absence_parents.txt", context),
                        to=parents,
                    )
                )
    return messages
