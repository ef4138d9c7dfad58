"""E-mails of the Pôle Industrie: a booking made, moved or cancelled for someone by someone else
(with the invitation), a quote sent to the client (with its PDF), a quote's answer to the engineer."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from hall32.core.emails import address_of, long_day, when
from hall32.core.models import User
from hall32.core.roles import Role
from hall32.industry import ical
from hall32.industry.models import Booking, Quote

BOOKING_SUBJECTS = {
    "made": gettext_noop("Machine réservée pour vous : %(machine)s"),
    "moved": gettext_noop("Réservation modifiée : %(machine)s"),
    "cancelled": gettext_noop("Réservation annulée : %(machine)s"),
}


def booking_email(booking: Booking, kind: str, *, by: User | None) -> EmailMessage | None:
    """To the person a booking is for, when someone else made, moved or cancelled it."""
    person = booking.user
    address = address_of(person)
    if person is None or not address or kind not in BOOKING_SUBJECTS:
        return None
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            "industry/email/booking.txt",
            {
                "booking": booking,
                "kind": kind,
                "name": person.person.first_name if person.person else person.get_full_name(),
                "by": by.display_name if by else _("Le Pôle Industrie"),
                "when": when(booking.start, booking.end),
                "url": f"{settings.SITE_URL}{booking.get_absolute_url()}",
            },
        )
        subject = _(BOOKING_SUBJECTS[kind]) % {"machine": booking.equipment.name}
    method = "CANCEL" if booking.status == Booking.Status.CANCELLED else "REQUEST"
    message = EmailMessage(subject=subject, body=body, to=[address])
    message.attach(
        f"hall32-reservation-{booking.pk}.ics",
        ical.booking_invitation(booking, address=address, name=person.display_name),
        f"text/calendar; charset=utf-8; method={method}",
    )
    return message


def quote_sent_email(quote: Quote) -> EmailMessage | None:
    """To the client's contact for the project, with the quote as a PDF."""
    from hall32.industry.pdf import quote_pdf

    project = quote.project
    contact = project.contact
    if contact is None or not contact.email:
        return None
    net, vat, gross = quote.totals()
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            "industry/email/quote_sent.txt",
            {
                "quote": quote,
                "project": project,
                "contact": contact,
                "gross": gross,
                "net": net,
                "valid_until": long_day(quote.valid_until) if quote.valid_until else "",
                "url": f"{settings.SITE_URL}{quote.get_absolute_url()}",
            },
        )
        subject = _("Devis %(number)s : %(project)s") % {"number": quote.number, "project": project.title}
    message = EmailMessage(subject=subject, body=body, to=[contact.email])
    message.attach(f"hall32-devis-{quote.number}.pdf", quote_pdf(quote), "application/pdf")
    return message


def quote_decided_email(quote: Quote) -> EmailMessage | None:
    """To the project's engineer (or, without one, the Pôle's engineers), unless they recorded the
    answer themselves."""
    project = quote.project
    if project.lead_id:
        recipients = [project.lead] if project.lead_id != quote.decided_by_id else []
    else:
        engineers = User.objects.filter(groups__name=Role.INDUSTRY_ENGINEER, is_active=True)
        if quote.decided_by_id:
            engineers = engineers.exclude(pk=quote.decided_by_id)
        recipients = list(engineers.select_related("person"))
    addresses = sorted({a for a in (address_of(u) for u in recipients) if a})
    if not addresses:
        return None
    accepted = quote.status == Quote.Status.ACCEPTED
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            "industry/email/quote_decided.txt",
            {
                "quote": quote,
                "project": project,
                "accepted": accepted,
                "by": quote.decided_by.display_name if quote.decided_by else project.client.name,
                "on": long_day(quote.decided_on) if quote.decided_on else "",
                "url": f"{settings.SITE_URL}{quote.get_absolute_url()}",
            },
        )
        subject = (
            _("Devis %(number)s accepté : %(project)s")
            if accepted
            else _("Devis %(number)s refusé : %(project)s")
        ) % {"number": quote.number, "project": project.title}
    return EmailMessage(subject=subject, body=body, to=addresses)
