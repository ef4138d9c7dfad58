"""GDPR: what the Pôle Industrie holds about a person is exported, and erased on request."""

import pytest

from hall32.core import services as core_services
from hall32.core.roles import Role
from hall32.industry.models import Booking, QualificationGrant
from hall32.industry.tests.factories import BookingFactory, GrantFactory

pytestmark = pytest.mark.django_db


def test_a_person_s_qualifications_and_bookings_are_exported_then_erased(make_user, direction):
    learner = make_user(Role.LEARNER)
    grant = GrantFactory(person=learner.person, qualification__name="Usinage CN")
    booking = BookingFactory(user=learner, title="Support de mon projet de BTS", notes="avec mon tuteur")

    exported = core_services.person_export(person=learner.person, by=direction)
    core_services.person_erase(person=learner.person, by=direction)

    section = exported["innover"]
    assert section["habilitations"][0]["habilitation"] == "Usinage CN"
    assert section["réservations_machines"][0]["objet"] == "Support de mon projet de BTS"
    assert not QualificationGrant.objects.filter(pk=grant.pk).exists()
    booking = Booking.objects.get(pk=booking.pk)  # the machine's history keeps the slot...
    assert (booking.title, booking.notes) == ("", "")  # ...without what the person wrote
