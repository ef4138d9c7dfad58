"""Pages with several forms: no two elements share an id, and every field has a label."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from html.parser import HTMLParser

import pytest

from hall32.core.roles import Role

pytestmark = pytest.mark.django_db


class _Fields(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.label_for: set[str] = set()
        self.fields: list[dict[str, str]] = []
        self._label_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if values.get("id"):
            self.ids.append(values["id"])
        if tag == "label":
            self._label_depth += 1
            if values.get("for"):
                self.label_for.add(values["for"])
        if tag in {"input", "select", "textarea"} and values.get("type") not in {
            "hidden",
            "submit",
            "button",
        }:
            self.fields.append({**values, "_in_label": str(self._label_depth > 0)})

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self._label_depth -= 1


def problems(html: str) -> dict[str, list[str]]:
    parsed = _Fields()
    parsed.feed(html)
    duplicated = [i for i, n in Counter(parsed.ids).items() if n > 1]
    unlabelled = [
        f.get("name", "?")
        for f in parsed.fields
        if f.get("id") not in parsed.label_for
        and not f.get("aria-label")
        and not f.get("aria-labelledby")
        and f["_in_label"] != "True"
    ]
    return {"duplicated ids": duplicated, "unlabelled fields": unlabelled}


def test_a_project_page_with_its_step_and_time_forms(as_user, make_user):
    from hall32.industry.tests.factories import ProjectFactory

    project = ProjectFactory()
    page = as_user(make_user(Role.INDUSTRY_ENGINEER)).get(project.get_absolute_url())

    assert page.status_code == 200
    assert problems(page.content.decode()) == {"duplicated ids": [], "unlabelled fields": []}


def test_a_referral_page_with_its_step_and_outcome_forms(as_user, make_user):
    from hall32.core.tests.factories import AgencyFactory, PersonFactory
    from hall32.training.models import Referral
    from hall32.training.tests.factories import ProgrammeFactory

    referral = Referral.objects.create(
        person=PersonFactory(birth_date=dt.date(2006, 1, 1)),
        programme=ProgrammeFactory(),
        referred_by=AgencyFactory(),
        referred_on=dt.date(2026, 9, 1),
        status="in_progress",  # both the step form and the outcome form are shown
    )
    page = as_user(make_user(Role.COORDINATOR)).get(referral.get_absolute_url())

    assert page.status_code == 200
    assert problems(page.content.decode()) == {"duplicated ids": [], "unlabelled fields": []}


def test_the_register_names_each_learner_s_fields(as_user, make_user):
    from hall32.training.tests.factories import (
        CohortFactory,
        EnrolmentFactory,
        SessionFactory,
        attendance_codes,
    )

    attendance_codes()
    cohort = CohortFactory()
    trainer = make_user(Role.TRAINER)
    cohort.trainers.add(trainer.person)
    EnrolmentFactory(cohort=cohort)
    session = SessionFactory(cohort=cohort)

    page = as_user(trainer).get(f"/former/seances/{session.pk}/appel/")

    assert page.status_code == 200
    assert problems(page.content.decode()) == {"duplicated ids": [], "unlabelled fields": []}


def test_the_open_day_page_labels_each_field_of_its_tour_slots(as_user, make_user):
    from hall32.outreach.models import EventKind, TourSlot
    from hall32.outreach.tests.factories import EventFactory

    event = EventFactory(kind=EventKind.OPEN_DAY)
    TourSlot.objects.create(
        event=event, start=dt.time(10, 0), duration_minutes=45, group_size=12, capacity=24
    )

    page = as_user(make_user(Role.OUTREACH_OFFICER)).get(f"/informer/gestion/{event.pk}/visites/")

    assert page.status_code == 200
    assert problems(page.content.decode()) == {"duplicated ids": [], "unlabelled fields": []}
