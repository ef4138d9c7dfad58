"""One way to write a date in each language: « 1er décembre 2026 », "1 December 2026"."""

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

from hall32.core.dates import long_date, long_datetime, short_date

ROOT = Path(settings.BASE_DIR) / "hall32"
FIRST = dt.date(2026, 12, 1)
SECOND = dt.date(2026, 12, 2)


def render(source: str, **context) -> str:
    return Template("{% load hall32 %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "day", "expected"),
    [
        ("fr", FIRST, "1er décembre 2026"),
        ("fr", SECOND, "2 décembre 2026"),
        ("en", FIRST, "1 December 2026"),
        ("en", SECOND, "2 December 2026"),
    ],
)
def test_the_long_date_filter_writes_the_first_of_the_month_as_1er_in_french_only(language, day, expected):
    with translation.override(language):
        assert render("{{ d|long_date }}", d=day) == expected


def test_the_weekday_and_the_time_come_in_each_language():
    moment = dt.datetime(2026, 12, 1, 13, 30, tzinfo=dt.UTC)  # 14:30 in Paris

    with translation.override("fr"):
        french = render('{{ d|long_date:"weekday" }} · {{ m|long_datetime }}', d=FIRST, m=moment)
    with translation.override("en"):
        english = render('{{ d|long_date:"weekday" }} · {{ m|long_datetime }}', d=FIRST, m=moment)

    assert french == "mardi 1er décembre 2026 · 1er décembre 2026, 14:30"
    assert english == "Tuesday 1 December 2026 · 1 December 2026, 14:30"


def test_a_datetime_is_written_on_its_paris_day():
    late = dt.datetime(2026, 11, 30, 23, 30, tzinfo=dt.UTC)  # already 1 December in Paris

    with translation.override("fr"):
        assert long_datetime(late) == "1er décembre 2026, 00:30"
        assert long_date(late.astimezone(ZoneInfo("Europe/Paris"))) == "1er décembre 2026"


def test_agenda_lines_use_the_compact_form_with_a_capital_english_month():
    with translation.override("fr"):
        assert short_date(FIRST) == "mar. 1er déc."
        assert short_date(FIRST, month=False) == "mar. 1er"
    with translation.override("en"):
        assert short_date(FIRST) == "Tue 1 Dec"
        assert short_date(FIRST, year=True) == "Tue 1 Dec 2026"


def test_the_dashboard_writes_today_like_every_other_date(monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda: FIRST)

    with translation.override("fr"):
        assert render('{% today "weekday" %}') == "mardi 1er décembre 2026"


def test_a_missing_date_writes_nothing_so_default_can_take_over():
    assert render('{{ d|long_date|default:"–" }}', d=None) == "–"


def test_django_date_formats_give_the_same_long_form_in_english_not_the_american_one():
    with translation.override("en"):
        assert (
            render('{{ d|date:"SHORT_DATE_FORMAT" }} {{ d }}', d=FIRST) == "1 December 2026 1 December 2026"
        )
    with translation.override("fr"):
        assert render('{{ d|date:"SHORT_DATE_FORMAT" }}', d=FIRST) == "1 décembre 2026"


# Day-precision formats templates must not write by hand: they go through long_date, long_datetime
# or short_date. Machine formats (ids, links, comparisons) stay; so does the apprenticeship
# contract, which copies the official form's boxes (JJ/MM/AAAA).
ALLOWED_FORMATS = {"H:i", "Ymd", "Y-m-d", "c", "M", "l", "Y"}
EXEMPT = {"training/templates/training/pdf/contract.html"}


def test_templates_write_dates_through_the_shared_filters():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {match.group(0)}"
        for path in sorted(ROOT.glob("*/templates/**/*.html"))
        if str(path.relative_to(ROOT)) not in EXEMPT
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        for match in re.finditer(r"""(?:\|date:|\{% now )(["'])(.*?)\1""", line)
        if match.group(2) not in ALLOWED_FORMATS
    ]
    assert offenders == []
