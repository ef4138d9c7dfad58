"""In Chromium: a learner books a machine by dragging over a free slot of its week calendar."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hall32.core.roles import Role
from hall32.core.tests.factories import TEST_PASSWORD
from hall32.industry.models import Booking
from hall32.industry.tests.factories import BookingFactory, EquipmentFactory, GrantFactory, next_monday_at

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_booking_is_made_in_the_calendar(page, login_in_browser, make_user):
    printer = EquipmentFactory(name="Imprimante 3D Stratasys F370", runs_unattended=False)
    lucas = make_user(Role.LEARNER, username="lucas")
    GrantFactory(person=lucas.person, qualification__name="Impression 3D polymère")
    printer.qualification = lucas.person.qualification_grants.get().qualification
    printer.save()
    monday = next_monday_at(9)
    BookingFactory(equipment=printer, start=next_monday_at(13), end=next_monday_at(15), title="Déjà pris")

    login_in_browser("lucas", TEST_PASSWORD)
    page.goto(f"/innover/equipements/{printer.pk}/")
    page.locator(".fc-next-button").click()
    expect(page.locator(".fc-event").filter(has_text="Réservé")).to_have_count(1)
    # Monday is the first day column; drag from 10:00 to the end of the 11:30 slot.
    monday_column = page.locator(
        f"td.fc-timegrid-col[data-date='{monday.date().isoformat()}']"
    ).bounding_box()
    ten = page.locator("td.fc-timegrid-slot-lane[data-time='10:00:00']").bounding_box()
    half_past_eleven = page.locator("td.fc-timegrid-slot-lane[data-time='11:30:00']").bounding_box()
    x = monday_column["x"] + monday_column["width"] / 2
    page.mouse.move(x, ten["y"] + 3)
    page.mouse.down()
    page.mouse.move(x, half_past_eleven["y"] + half_past_eleven["height"] - 3, steps=10)
    page.mouse.up()

    dialog = page.locator("#booking-modal")
    expect(dialog.get_by_role("heading", name="Réserver une machine")).to_be_visible()
    expect(page.locator("#id_start")).to_have_value(f"{monday.date().isoformat()}T10:00")
    expect(page.locator("#id_end")).to_have_value(f"{monday.date().isoformat()}T12:00")
    page.locator("#id_title").fill("Pièces du robot suiveur")
    dialog.get_by_role("button", name="Réserver").click()

    expect(dialog.get_by_text("Réservation confirmée")).to_be_visible()
    dialog.get_by_role("button", name="Fermer").last.click()
    expect(page.locator(".fc-event").filter(has_text="Pièces du robot suiveur")).to_have_count(1)
    booking = Booking.objects.get(title="Pièces du robot suiveur")
    assert booking.user == lucas and booking.equipment == printer
    assert timezone.localtime(booking.start).strftime("%H:%M") == "10:00"
    assert timezone.localtime(booking.end).strftime("%H:%M") == "12:00"
