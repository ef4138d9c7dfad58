"""The forum plan explained in a coordinator's words: the classes' choices, not the solver's."""

import datetime as dt
from types import SimpleNamespace

import pytest

from hall32.core.roles import Role
from hall32.core.tests.factories import PersonFactory
from hall32.outreach import selectors, services
from hall32.outreach.models import ForumPlan, WorkshopPreference
from hall32.outreach.selectors import PlanGrid
from hall32.outreach.tests.factories import ClassBookingFactory, EventFactory, SlotFactory, WorkshopFactory


def booking(ranked: int):
    return SimpleNamespace(preferences=SimpleNamespace(all=lambda: list(range(ranked))))


def cell(rank=None, tension=False, attended=True):
    return {"workshop": SimpleNamespace(is_tension=tension) if attended else None, "rank": rank}


def test_the_summary_counts_classes_that_got_their_first_three_choices():
    grid = PlanGrid(
        slots=[],
        rows=[
            {"booking": booking(4), "cells": [cell(1), cell(2), cell(3, tension=True)]},  # top 3
            {"booking": booking(4), "cells": [cell(1), cell(4), cell(None)]},  # first choice only
            {"booking": booking(4), "cells": [cell(2), cell(None), cell(attended=False)]},  # neither
            {"booking": booking(0), "cells": [cell(None, tension=True)]},  # ranked nothing
        ],
        workshops=[{"workshop": SimpleNamespace(is_tension=True)}],
    )
    plan = ForumPlan(objective=110, greedy_objective=100)

    summary = selectors.plan_summary(plan=plan, grid=grid)

    assert (summary.classes, summary.with_choices) == (4, 3)
    assert (summary.top_choices, summary.first_choice) == (1, 2)
    assert summary.top_share == pytest.approx(1 / 3)
    assert (summary.chosen_visits, summary.visits) == (6, 9)
    assert summary.tension_classes == 2 and summary.has_tension
    assert summary.gain_over_first_come == pytest.approx(0.10)


@pytest.mark.django_db
def test_the_planning_page_says_how_the_classes_choices_were_met_without_solver_jargon(as_user, make_user):
    event = EventFactory(capacity=200)
    slots = [SlotFactory(event=event, start=dt.time(9 + i, 0), end=dt.time(9 + i, 40)) for i in range(3)]
    workshops = []
    for name in ["Robotique", "Usinage", "Maintenance"]:
        workshop = WorkshopFactory(event=event, name=name, capacity=30)
        workshop.apprentices.add(PersonFactory())
        workshops.append(workshop)
    for _ in range(3):
        b = ClassBookingFactory(event=event, pupils=25, girls=12, boys=13)
        for rank, workshop in enumerate(workshops, start=1):
            WorkshopPreference.objects.create(booking=b, workshop=workshop, rank=rank)
    services.forum_plan_solve(event=event, time_limit=5, by=None)
    client = as_user(make_user(Role.OUTREACH_OFFICER))

    page = client.get(f"/informer/gestion/{event.pk}/planning/").content.decode()

    assert len(slots) == 3
    assert "Le meilleur planning possible avec ces ateliers, ces créneaux et ces capacités." in page
    assert "100\u202f% des classes (3 sur 3) ont obtenu leurs 3 premiers choix." in page
    assert "3 classes sur 3 ont leur premier choix." in page
    summary = page.split('id="plan-summary"', 1)[1].split("</ul>", 1)[0]
    for jargon in ("OPTIMAL", "Optimal", "borne", "Score", "points"):
        assert jargon not in page.split("<main", 1)[1].split('id="by-class"', 1)[0]
        assert jargon not in summary
