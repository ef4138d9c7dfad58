"""In Chromium: the all-machines calendar shows one row per machine, grouped by family, each
booking on its machine's row where it falls in the day; the family filter narrows the rows; a click
on a free moment of a row opens the booking dialog for that machine; on a phone, one day."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hall32.core.roles import Role
from hall32.core.tests.factories import TEST_PASSWORD
from hall32.industry.models import Equipment
from hall32.industry.tests.factories import BookingFactory, EquipmentFactory, next_monday_at

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def hall(make_user):
    make_user(Role.INDUSTRY_ENGINEER, username="thomas")
    lathe = EquipmentFactory(name="Tour CN Haas ST-10", code="US-T1", category=Equipment.Category.MACHINING)
    printer = EquipmentFactory(name="HP Multi Jet Fusion 5200", code="FA-P3")
    BookingFactory(equipment=lathe, start=next_monday_at(9), end=next_monday_at(12), title="Axes de robot")
    # A night print, from Monday 18:00 to Tuesday 06:00: on both days, each part where it falls.
    BookingFactory(
        equipment=printer,
        start=next_monday_at(18),
        end=next_monday_at(18) + dt.timedelta(hours=12),
        title="Impression de nuit",
    )
    return {"lathe": lathe, "printer": printer}


def _slots(page, code):
    """Each booking part on a machine's row: its day and where it sits in that day (0 to 1)."""
    return page.evaluate(
        """(code) => [...document.querySelectorAll(`tr[data-machine="${code}"] .mb-slot`)].map((slot) => {
            const track = slot.closest('.mb-track').getBoundingClientRect(), box = slot.getBoundingClientRect();
            const column = slot.closest('td').cellIndex;
            return {
              day: document.querySelectorAll('.mb-table thead th')[column].dataset.date,
              from: (box.left - track.left) / track.width,
              to: (box.right - track.left) / track.width,
              title: slot.title,
            };
        })""",
        code,
    )


def test_the_week_shows_each_machine_s_bookings_on_its_row(page, login_in_browser, hall):
    page.set_viewport_size({"width": 1280, "height": 900})
    login_in_browser("thomas", TEST_PASSWORD)
    page.goto("/innover/planning/calendrier/")
    page.locator(".fc-next-button").click()

    monday = next_monday_at(9).date()
    rows = page.locator(".mb-table tbody tr[data-machine]")
    expect(rows).to_have_count(2)
    expect(page.locator(".mb-family")).to_have_text(
        ["Fabrication additive polymère", "Usinage"], ignore_case=True
    )
    expect(rows.filter(has_text="Tour CN Haas ST-10").locator(".mb-slot")).to_have_count(1)
    lathe = _slots(page, "US-T1")
    assert [s["day"] for s in lathe] == [monday.isoformat()]
    assert lathe[0]["from"] == pytest.approx(9 / 24, abs=0.01) and lathe[0]["to"] == pytest.approx(
        12 / 24, abs=0.01
    )
    assert lathe[0]["title"].startswith("09:00–12:00 · Axes de robot")
    night = _slots(page, "FA-P3")
    assert [s["day"] for s in night] == [monday.isoformat(), (monday + dt.timedelta(days=1)).isoformat()]
    assert night[0]["from"] == pytest.approx(18 / 24, abs=0.01) and night[0]["to"] == pytest.approx(
        1, abs=0.01
    )
    assert night[1]["from"] == pytest.approx(0, abs=0.01) and night[1]["to"] == pytest.approx(
        6 / 24, abs=0.01
    )
    # Read at a glance: the week fits the page, no sideways scrolling.
    assert page.evaluate(
        "() => document.querySelector('.mb-scroll').scrollWidth <= document.querySelector('.mb-scroll').clientWidth"
    )

    page.locator("#calendar-category").select_option(Equipment.Category.MACHINING)
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Tour CN Haas ST-10")


def test_a_click_on_a_free_moment_of_a_row_books_that_machine_from_there(page, login_in_browser, hall):
    page.set_viewport_size({"width": 1280, "height": 900})
    login_in_browser("thomas", TEST_PASSWORD)
    page.goto("/innover/planning/calendrier/")
    page.locator(".fc-next-button").click()
    wednesday = next_monday_at(9).date() + dt.timedelta(days=2)

    track = page.locator(
        'tr[data-machine="US-T1"] td:nth-child(4) .mb-track'
    )  # th, Monday, Tuesday, Wednesday
    expect(page.locator('tr[data-machine="US-T1"] .mb-slot')).to_have_count(1)  # next week's bookings are in
    box = track.bounding_box()
    track.click(position={"x": box["width"] * (14.2 / 24), "y": box["height"] / 2})

    dialog = page.locator("#booking-modal")
    expect(dialog.get_by_role("heading", name="Tour CN Haas ST-10")).to_be_visible()
    expect(page.locator("#id_start")).to_have_value(f"{wednesday.isoformat()}T14:00")
    expect(page.locator("#id_end")).to_have_value(f"{wednesday.isoformat()}T16:00")


def test_on_a_phone_the_calendar_shows_one_day_with_every_machine(page, login_in_browser, hall):
    page.set_viewport_size({"width": 390, "height": 844})
    login_in_browser("thomas", TEST_PASSWORD)
    page.goto("/innover/planning/calendrier/")

    expect(page.locator(".mb-table thead th.mb-day")).to_have_count(1)
    expect(page.locator(".mb-table thead th.mb-day")).to_have_attribute(
        "data-date", timezone.localdate().isoformat()
    )
    expect(page.locator(".mb-table tbody tr[data-machine] th a")).to_have_text(
        ["HP Multi Jet Fusion 5200", "Tour CN Haas ST-10"]
    )
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
