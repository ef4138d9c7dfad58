"""E-mails to teachers about their bookings and to open-day visitors about their registration, each
with the event's iCal attachment."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from hall32.core.emails import when
from hall32.outreach import ical, selectors
from hall32.outreach.models import ClassBooking, VisitorRegistration

SUBJECTS = {
    "confirmed": gettext_noop("Réservation confirmée : %(event)s"),
    "waitlisted": gettext_noop("Liste d'attente : %(event)s"),
    "promoted": gettext_noop("Une place s'est libérée : %(event)s"),
    "cancelled": gettext_noop("Réservation annulée : %(event)s"),
    "event_cancelled": gettext_noop("Événement annulé : %(event)s"),
    "reminder": gettext_noop("Rappel : %(event)s approche"),
}
WITH_CALENDAR = {"confirmed", "promoted", "reminder"}


def booking_email(booking: ClassBooking, kind: str) -> EmailMessage:
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "booking": booking,
            "event": booking.event,
            "kind": kind,
            "position": selectors.waiting_position(booking=booking),
            "status_url": f"{settings.SITE_URL}{booking.get_absolute_url()}",
            "cancel_url": f"{settings.SITE_URL}{booking.get_absolute_url()}annuler/",
        }
        body = render_to_string("outreach/email/booking.txt", context)
        subject = _(SUBJECTS[kind]) % {"event": booking.event.title}
    message = EmailMessage(subject=subject, body=body, to=[booking.teacher.email])
    if kind in WITH_CALENDAR:
        message.attach(
            f"hall32-{booking.event.slug}.ics",
            ical.event_ics(booking.event, booking=booking),
            "text/calendar; charset=utf-8; method=PUBLISH",
        )
    return message


def visitor_email(registration: VisitorRegistration) -> EmailMessage | None:
    """The confirmation of an open-day registration, with the day (and the tour) for the calendar."""
    person, event = registration.person, registration.event
    if not person.email:
        return None
    with translation.override(settings.LANGUAGE_CODE):
        status_url = f"{settings.SITE_URL}{reverse('outreach:visitor_status', args=[registration.token])}"
        body = render_to_string(
            "outreach/email/visitor.txt",
            {
                "registration": registration,
                "person": person,
                "event": event,
                "when": when(event.start, event.end),
                "status_url": status_url,
            },
        )
        subject = _("Inscription confirmée : %(event)s") % {"event": event.title}
    message = EmailMessage(subject=subject, body=body, to=[person.email])
    message.attach(
        f"hall32-{event.slug}.ics",
        ical.visit_ics(registration),
        "text/calendar; charset=utf-8; method=PUBLISH",
    )
    return message
