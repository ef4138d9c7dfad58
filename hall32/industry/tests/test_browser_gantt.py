"""In Chromium: a schedule's Gantt opens on the schedule's first day, labels every row, shows every
bar whole at 1280 px, and scrolls inside its frame on a phone, its labels staying in view."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hall32.core.roles import Role
from hall32.core.tests.factories import TEST_PASSWORD
from hall32.industry.models import Equipment, ScheduledOperation, ScheduleRun
from hall32.industry.tests.factories import EquipmentFactory, next_monday_at

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def run(make_user):
    """Two jobs over three days; the last operation ends at midnight, the chart's right edge."""
    engineer = make_user(Role.INDUSTRY_ENGINEER, username="thomas")
    printer = EquipmentFactory(name="HP Multi Jet Fusion 5200", code="FA-P3")
    mill = EquipmentFactory(
        name="Centre d'usinage 5 axes DMG Mori DMU 50", code="US-5X", category=Equipment.Category.MACHINING
    )
    monday = next_monday_at(8)
    run = ScheduleRun.objects.create(
        name="Série pilote", not_before=monday, status=ScheduleRun.Status.SOLVED, created_by=engineer
    )
    at = lambda days, hour, minute=0: monday.replace(hour=hour, minute=minute) + dt.timedelta(days=days)  # noqa: E731
    for job, sequence, machine, start, end in [
        ("OF-01", 1, printer, at(0, 8), at(0, 13)),
        ("OF-01", 2, mill, at(0, 13), at(0, 14, 30)),
        ("OF-02", 1, printer, at(0, 13), at(1, 9)),
        ("OF-02", 2, mill, at(1, 22), at(2, 0)),
    ]:
        ScheduledOperation.objects.create(
            run=run,
            job_label=job,
            sequence=sequence,
            equipment=machine,
            duration_minutes=(end - start).seconds // 60,
            start=start,
            end=end,
        )
    return run


def _open(page, login_in_browser, run, width):
    page.set_viewport_size({"width": width, "height": 900})
    login_in_browser("thomas", TEST_PASSWORD)
    page.goto(run.get_absolute_url())
    expect(page.locator("#gantt .bar-wrapper")).to_have_count(4)


def test_the_gantt_opens_on_the_first_day_labels_its_rows_and_shows_every_bar_whole(
    page, login_in_browser, run
):
    _open(page, login_in_browser, run, 1280)

    first = timezone.localtime(run.operations.order_by("start").first().start)
    chart = page.evaluate(
        """() => {
        const box = (el) => el.getBoundingClientRect();
        const container = document.querySelector('#gantt .gantt-container');
        const lower = [...container.querySelectorAll('.lower-text')].sort((a, b) => box(a).left - box(b).left);
        const upper = [...container.querySelectorAll('.upper-text')].sort((a, b) => box(a).left - box(b).left);
        const left = box(container).left;
        return {
          scrollLeft: container.scrollLeft,
          scrollWidth: container.scrollWidth,
          clientWidth: container.clientWidth,
          right: box(container).right,
          firstColumn: lower[0].className,
          firstColumnInView: box(lower[0]).left >= left && box(lower[0]).right <= box(container).right,
          firstDay: upper[0].textContent,
          bars: [...container.querySelectorAll('.bar-wrapper .bar')].map((bar) => ({
            // the bar's drawn geometry (its width animates from 0 when it is drawn)
            end: +bar.getAttribute('x') + +bar.getAttribute('width'),
            right: box(container).left + +bar.getAttribute('x') + +bar.getAttribute('width'),
          })),
        };
    }"""
    )

    # The first column drawn, in view without scrolling, is the first operation's day.
    assert chart["scrollLeft"] == 0 and chart["firstColumnInView"]
    assert f"date_{first:%Y-%m-%d}" in chart["firstColumn"]
    assert chart["firstDay"].startswith(f"{first:%d} ")
    # At 1280 px the whole schedule fits: no sideways scrolling, and no bar passes the right edge.
    assert chart["scrollWidth"] <= chart["clientWidth"]
    assert all(bar["end"] <= chart["scrollWidth"] and bar["right"] <= chart["right"] for bar in chart["bars"])
    # Every row has its label, level with its bar.
    labels = page.locator("#gantt-frame .gantt-labels li")
    expect(labels).to_have_count(4)
    for index, (job, sequence, machine) in enumerate(
        [
            ("OF-01", 1, "HP Multi"),
            ("OF-01", 2, "Centre d'usinage"),
            ("OF-02", 1, "HP Multi"),
            ("OF-02", 2, "Centre"),
        ]
    ):
        label = labels.nth(index)
        expect(label).to_be_visible()
        expect(label).to_contain_text(f"{job} · {sequence}")
        expect(label).to_contain_text(machine)
        row, bar = label.bounding_box(), page.locator("#gantt .bar-wrapper .bar").nth(index).bounding_box()
        assert row["y"] <= bar["y"] + bar["height"] / 2 <= row["y"] + row["height"]


def test_on_a_phone_the_gantt_scrolls_inside_its_frame_and_its_labels_stay_in_view(
    page, login_in_browser, run
):
    _open(page, login_in_browser, run, 390)

    container = page.locator("#gantt .gantt-container")
    sizes = container.evaluate("(c) => [c.scrollWidth, c.clientWidth, document.documentElement.scrollWidth]")
    container.evaluate("(c) => { c.scrollLeft = c.scrollWidth; }")

    assert sizes[0] > sizes[1] and sizes[2] <= 390  # the chart scrolls, not the page
    labels = page.locator("#gantt-frame .gantt-labels li")
    expect(labels).to_have_count(4)
    for index in range(4):
        expect(labels.nth(index)).to_be_in_viewport()
        assert labels.nth(index).bounding_box()["x"] >= 0
