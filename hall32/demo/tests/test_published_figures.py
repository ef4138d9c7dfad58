"""The demo hub reaches the hub's published figures, read through the selectors the pages use.

Each selector has its own test on a few hand-built rows with a known answer (in its app's tests);
this one checks that the generated hub, as the pages would show it, says what the hub publishes.
"""

import datetime as dt

import pytest
from django.core.management import call_command

from hall32.core.schoolyear import SchoolYear, school_years
from hall32.impact import selectors as impact
from hall32.industry import selectors as industry
from hall32.outreach import selectors as outreach
from hall32.training import selectors as training

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo")]

TODAY = dt.date(2026, 11, 27)

PUBLISHED = {
    "students in 2019-20": 117,
    "students in 2022-23": 197,
    "partner companies in 2019-20": 17,
    "partner companies in 2022-23": 75,
    "leavers continuing their studies, 2019-20 to 2022-23 (%)": 54,
    "people trained, 2019-20 to 2022-23": 680,
    "participants of the 2021 dropout programme": 8,
    "participants of the spring 2022 remobilisation": 12,
    "of whom with a job offer": 7,
    "forum classes, 2019-20 to 2022-23": 80,
    "schools at the 2021-22 forum (the Covid year)": 8,
    "about 200 pupils at the 2021-22 forum": True,
    "open days in 2022-23": 2,
    "Pôle Industrie clients": 30,
    "of which large groups and SMEs": {"large_group": 4, "sme": 26},
    "clients who came back for another project (%)": 77,
}


def session_of(sessions, kind: str, year: int):
    (session,) = [s for s in sessions if s.programme.kind == kind and s.start.year == year]
    return session


def test_the_demo_hub_reaches_the_published_figures():
    call_command("seed_demo", seed=32, today=TODAY.isoformat(), verbosity=0)

    partners = impact.key_figures(years=[SchoolYear(2019), SchoolYear(2022)])["partner_companies"]
    outcomes = training.outcomes.outcome_stats(years=training.outcomes.published_years(today=TODAY))
    sessions = list(training.programmes.sessions())  # the programmes page
    dropout, spring = session_of(sessions, "dropout", 2021), session_of(sessions, "remobilisation", 2022)
    covid_year = outreach.reach_statistics(years=[SchoolYear(2021)])[2021]["total"]
    clients = industry.client_return()

    assert {
        "students in 2019-20": training.students_in(year=SchoolYear(2019)),
        "students in 2022-23": training.students_in(year=SchoolYear(2022)),
        "partner companies in 2019-20": partners[0],
        "partner companies in 2022-23": partners[1],
        "leavers continuing their studies, 2019-20 to 2022-23 (%)": round(100 * outcomes.continuing_share),
        "people trained, 2019-20 to 2022-23": training.people_trained(years=school_years(2019, 2022)),
        "participants of the 2021 dropout programme": dropout.participants,
        "participants of the spring 2022 remobilisation": spring.participants,
        "of whom with a job offer": spring.offers,
        "forum classes, 2019-20 to 2022-23": outreach.forum_classes(years=school_years(2019, 2022)),
        "schools at the 2021-22 forum (the Covid year)": covid_year.schools,
        "about 200 pupils at the 2021-22 forum": 190 <= covid_year.pupils <= 210,
        "open days in 2022-23": outreach.open_days_held(year=SchoolYear(2022)),
        "Pôle Industrie clients": clients.clients,
        "of which large groups and SMEs": clients.by_size,
        "clients who came back for another project (%)": round(100 * clients.rate),
    } == PUBLISHED
    assert spring.start.month in (4, 5, 6)  # the spring session
