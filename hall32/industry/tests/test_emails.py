"""E-mails of the Pôle Industrie: a booking made, moved or cancelled for someone by someone else
(with its invitation, METHOD:REQUEST or CANCEL, on one UID), a quote sent to the client's contact
with its PDF, a quote's answer to the project's engineer; nothing when people act for themselves."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from hall32.core.errors import DomainError, Forbidden
from hall32.core.roles import Role
from hall32.core.tests.calendars import events, parse_paris
from hall32.core.tests.factories import OrganisationFactory
from hall32.industry.models import Booking, ProjectStatus, Quote
from hall32.industry.services import bookings as booking_services
from hall32.industry.services import projects as project_services
from hall32.industry.tests.factories import EquipmentFactory, ProjectFactory, next_monday_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def printer():
    return EquipmentFactory(name="Imprimante F370", code="FA-P1")


@pytest.fixture
def emilie(make_user):
    """A client user of a company, with her address on her personal record only."""
    user = make_user(Role.CLIENT, person__first_name="Émilie", person__email="emilie@client.example")
    user.person.organisation = OrganisationFactory(name="Michelin")
    user.person.save()
    return user


def _invitation(message) -> tuple[str, Calendar]:
    (name, content, mimetype) = message.attachments[0]
    assert name.endswith(".ics")
    return mimetype, parse_paris(content)


def _book(printer, by, *, for_user=None, hour=9):
    start = next_monday_at(hour)
    return booking_services.booking_create(
        equipment=printer,
        start=start,
        end=start + dt.timedelta(hours=2),
        by=by,
        title="Support capteur V2",
        for_user=for_user,
    )


def _booking_of(printer, user) -> Booking:
    start = next_monday_at(9)
    return Booking.objects.create(
        equipment=printer, user=user, start=start, end=start + dt.timedelta(hours=2), title="Essai"
    )


def test_a_booking_an_engineer_makes_for_a_client_is_sent_to_her_with_the_invitation(
    engineer, emilie, printer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        booking = _book(printer, engineer, for_user=emilie)

    assert booking.user == emilie
    (message,) = mail.outbox
    assert message.to == ["emilie@client.example"]
    assert message.subject == "Machine réservée pour vous\u00a0: Imprimante F370"
    assert "Bonjour Émilie" in message.body and engineer.display_name in message.body
    assert "lundi" in message.body and "09:00 – 11:00" in message.body
    mimetype, calendar = _invitation(message)
    assert "method=REQUEST" in mimetype and calendar["METHOD"] == "REQUEST"
    (event,) = events(calendar)
    assert event["DTSTART"].params["TZID"] == "Europe/Paris"
    assert event["DTSTART"].dt.replace(tzinfo=None) == timezone.localtime(booking.start).replace(tzinfo=None)
    assert event["DTSTART"].dt.hour == 9
    assert str(event["UID"]) == f"booking-{booking.pk}@hall32"
    assert str(event["ATTENDEE"]) == "mailto:emilie@client.example"


def test_cancelling_someone_elses_booking_sends_the_cancellation_for_the_same_event(
    engineer, emilie, printer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        booking = _book(printer, engineer, for_user=emilie)
    with django_capture_on_commit_callbacks(execute=True):
        booking_services.booking_cancel(booking=booking, by=engineer)

    made, cancelled = mail.outbox
    assert cancelled.to == ["emilie@client.example"]
    assert cancelled.subject == "Réservation annulée\u00a0: Imprimante F370"
    mimetype, calendar = _invitation(cancelled)
    assert "method=CANCEL" in mimetype and calendar["METHOD"] == "CANCEL"
    (event,) = events(calendar)
    (first,) = events(_invitation(made)[1])
    assert event["UID"] == first["UID"] and event["STATUS"] == "CANCELLED"
    assert event["SEQUENCE"] > first.get("SEQUENCE", 0)
    assert event["DTSTART"].params["TZID"] == "Europe/Paris" and event["DTSTART"].dt.hour == 9


def test_moving_someone_elses_booking_sends_the_updated_invitation(
    engineer, emilie, printer, django_capture_on_commit_callbacks
):
    booking = _booking_of(printer, emilie)
    start = next_monday_at(14)

    with django_capture_on_commit_callbacks(execute=True):
        booking_services.booking_update(
            booking=booking, start=start, end=start + dt.timedelta(hours=1), by=engineer, title=booking.title
        )

    (message,) = mail.outbox
    assert message.subject == "Réservation modifiée\u00a0: Imprimante F370"
    (event,) = events(_invitation(message)[1])
    assert event["DTSTART"].dt.hour == 14 and event["DTSTART"].params["TZID"] == "Europe/Paris"


def test_nothing_is_sent_when_people_book_and_cancel_for_themselves(
    emilie, printer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        booking = _book(printer, emilie)
        booking_services.booking_cancel(booking=booking, by=emilie)
        _book(printer, emilie, for_user=emilie, hour=14)

    assert mail.outbox == []


def test_only_an_engineer_books_for_someone_else(make_user, emilie, printer):
    learner = make_user(Role.LEARNER)

    with pytest.raises(Forbidden) as refusal:
        _book(printer, learner, for_user=emilie)

    assert refusal.value.field == "for_user"
    assert not Booking.objects.exists()


def test_the_booking_form_offers_engineers_to_book_for_someone(as_user, engineer, emilie, printer):
    client = as_user(engineer)
    start = timezone.localtime(next_monday_at(9)).strftime("%Y-%m-%dT%H:%M")
    end = timezone.localtime(next_monday_at(11)).strftime("%Y-%m-%dT%H:%M")

    page = client.get(reverse("industry:booking_create"))
    client.post(
        reverse("industry:booking_create"),
        {"equipment": printer.pk, "start": start, "end": end, "title": "Essai", "for_user": emilie.pk},
    )

    assert "Pour" in page.content.decode()
    assert Booking.objects.get().user == emilie


@pytest.fixture
def quote(make_user, emilie, engineer):
    project = ProjectFactory(
        client=emilie.person.organisation, contact=emilie.person, lead=engineer, status=ProjectStatus.STUDY
    )
    return project_services.quote_create(
        project=project,
        lines=[project_services.LineInput("engineering", "Étude", Decimal("10"), "h", Decimal("85.00"))],
    )


def test_a_sent_quote_goes_to_the_clients_contact_with_its_pdf(
    engineer, quote, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        project_services.quote_send(quote=quote, by=engineer)

    (message,) = mail.outbox
    assert message.to == ["emilie@client.example"]
    assert message.subject == f"Devis {quote.number}\u00a0: {quote.project.title}"
    assert "1\u00a0020,00\u00a0€" in message.body  # 10 h at 85 € plus 20 % VAT
    name, content, mimetype = message.attachments[0]
    assert mimetype == "application/pdf" and content.startswith(b"%PDF") and quote.number in name


def test_the_clients_answer_goes_to_the_projects_engineer(
    engineer, emilie, quote, django_capture_on_commit_callbacks
):
    engineer.email = "ingenieur@hall32.example"
    engineer.save(update_fields=["email"])
    project_services.quote_send(quote=quote, by=engineer)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        project_services.quote_decide(quote=quote, accepted=False, by=emilie)

    (message,) = mail.outbox
    assert message.to == ["ingenieur@hall32.example"]
    assert message.subject == f"Devis {quote.number} refusé\u00a0: {quote.project.title}"
    assert emilie.display_name in message.body


def test_an_accepted_quote_is_announced_to_the_engineer(
    engineer, emilie, quote, django_capture_on_commit_callbacks
):
    project_services.quote_send(quote=quote, by=engineer)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        project_services.quote_decide(quote=quote, accepted=True, by=emilie)

    (message,) = mail.outbox
    assert message.to == [engineer.person.email]
    assert message.subject == f"Devis {quote.number} accepté\u00a0: {quote.project.title}"
    assert Quote.objects.get(pk=quote.pk).status == Quote.Status.ACCEPTED


def test_the_engineer_recording_the_answer_is_not_told_about_it(
    engineer, quote, django_capture_on_commit_callbacks
):
    project_services.quote_send(quote=quote, by=engineer)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        project_services.quote_decide(quote=quote, accepted=True, by=engineer)

    assert mail.outbox == []


def test_an_engineer_cannot_book_for_an_account_without_access_to_the_machines(engineer, make_user, printer):
    outsider = make_user()  # an account with no role

    with pytest.raises(DomainError) as refusal:
        _book(printer, engineer, for_user=outsider)

    assert refusal.value.field == "for_user"
    assert not Booking.objects.exists()


def test_without_an_engineer_on_the_project_the_answer_goes_to_the_poles_engineers(
    make_user, engineer, emilie, quote, django_capture_on_commit_callbacks
):
    other = make_user(Role.INDUSTRY_ENGINEER, person__email="autre.ingenieur@hall32.example")
    quote.project.lead = None
    quote.project.save(update_fields=["lead"])
    project_services.quote_send(quote=quote, by=engineer)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        project_services.quote_decide(quote=quote, accepted=True, by=emilie)

    (message,) = mail.outbox
    assert sorted(message.to) == sorted([engineer.person.email, other.person.email])
