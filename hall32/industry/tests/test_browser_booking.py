"""In Chromium: a learner books a machine by dragging over a free slot of its week calendar, or from
the free-machine search, which then no longer offers the machine just booked."""

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
    expect(dialog.get_by_role("heading", name=printer.name)).to_be_visible()
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


def test_a_machine_booked_from_the_free_machine_search_leaves_the_results(page, login_in_browser, make_user):
    lathe = EquipmentFactory(name="Tour CN Haas ST-10", qualification=None)
    EquipmentFactory(name="Robot collaboratif UR10e", qualification=None)
    taken = EquipmentFactory(name="Scanner 3D GOM ATOS Q", qualification=None)
    BookingFactory(equipment=taken, start=next_monday_at(9), end=next_monday_at(12))
    make_user(Role.LEARNER, username="lucas")
    day = next_monday_at(9).date().isoformat()

    login_in_browser("lucas", TEST_PASSWORD)
    page.goto("/innover/disponibles/")
    page.locator("#id_start").fill(f"{day}T10:00")
    page.locator("#id_end").fill(f"{day}T11:00")
    page.get_by_role("button", name="Chercher").click()

    results = page.locator("#free-results")
    expect(results.get_by_text("2 machines libres sur toute la plage.")).to_be_visible()
    # The results area holds the results only: one page, one navigation bar, one heading.
    expect(page.locator("nav.navbar")).to_have_count(1)
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("#free-results")).to_have_count(1)
    expect(results.get_by_text(taken.name)).to_have_count(0)
    assert page.url.endswith(f"start={day}T10%3A00&end={day}T11%3A00&category=")

    results.locator(".list-group-item").filter(has_text=lathe.name).get_by_role(
        "button", name="Réserver"
    ).click()
    expect(page.get_by_role("dialog", name=lathe.name)).to_be_visible()
    dialog = page.locator("#booking-modal")
    expect(dialog.get_by_role("heading", name=lathe.name)).to_be_visible()
    expect(page.get_by_text("Chargement…")).to_have_count(0)
    dialog.get_by_role("button", name="Réserver").click()
    expect(dialog.get_by_text("Réservation confirmée")).to_be_visible()

    expect(results.get_by_text("1 machine libre sur toute la plage.")).to_be_visible()
    expect(results.get_by_text(lathe.name)).to_have_count(0)
    dialog.get_by_role("button", name="Fermer").last.click()
    expect(results.get_by_text("Robot collaboratif UR10e")).to_be_visible()
    booking = Booking.objects.get(equipment=lathe)
    assert timezone.localtime(booking.start).strftime("%H:%M") == "10:00"
