"""E-mails of the network app: an introduction proposed, its interview, its outcome, to both sides
(the candidate, and the company's contact for the offer). In French, plain text; queued on commit
by the services; addresses are never logged."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from hall32.core.emails import long_day
from hall32.network.models import Introduction

SUBJECTS = {
    Introduction.Status.PROPOSED: gettext_noop("Mise en relation : %(title)s"),
    Introduction.Status.INTERVIEW: gettext_noop("Entretien prévu : %(title)s"),
    Introduction.Status.ACCEPTED: gettext_noop("Mise en relation acceptée : %(title)s"),
    Introduction.Status.REFUSED: gettext_noop("Mise en relation sans suite : %(title)s"),
    Introduction.Status.WITHDRAWN: gettext_noop("Mise en relation retirée : %(title)s"),
}


def company_address(introduction: Introduction) -> str:
    """Whom to write to at the company: the offer's contact, else its tutor, else the company."""
    offer = introduction.offer
    if offer.contact_email:
        return offer.contact_email
    if offer.tutor_id and offer.tutor and offer.tutor.email:
        return offer.tutor.email
    return offer.company.email or ""


def introduction_emails(introduction: Introduction) -> list[EmailMessage]:
    """One message to the candidate and one to the company, for the introduction's status now;
    a side without an address gets none."""
    messages = []
    offer = introduction.offer
    interview = timezone.localtime(introduction.interview_at) if introduction.interview_at else None
    with translation.override(settings.LANGUAGE_CODE):
        subject = _(SUBJECTS[introduction.status]) % {"title": offer.title}
        for side, address in (
            ("candidate", introduction.person.email),
            ("company", company_address(introduction)),
        ):
            if not address:
                continue
            body = render_to_string(
                "network/email/introduction.txt",
                {
                    "introduction": introduction,
                    "offer": offer,
                    "person": introduction.person,
                    "side": side,
                    "status": introduction.status,
                    "interview": f"{long_day(interview.date())}, {interview:%H:%M}" if interview else "",
                    "start": long_day(offer.start_date),
                },
            )
            messages.append(EmailMessage(subject=subject, body=body, to=[address]))
    return messages
