"""In Chromium: a coordinator runs a matching, compares the two assignments side by side (total
score, placed, blocking pairs) and proposes an introduction, which shows as proposed."""

import pytest
from playwright.sync_api import expect

from hall32.core.roles import Role
from hall32.core.tests.factories import TEST_PASSWORD
from hall32.network.models import Introduction
from hall32.network.tests.factories_matching import OfferFactory, candidate, rating, wish
from hall32.training.tests.factories import CourseFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(make_user):
    make_user(Role.COORDINATOR, username="camille")
    course = CourseFactory(rncp_code="RNCP-B")
    ana = candidate(course, first_name="Ana", last_name="Aubert")
    bruno = candidate(course, first_name="Bruno", last_name="Blanc")
    forge = OfferFactory(course=course, title="Usinage", company__name="Forges d'Auvergne")
    OfferFactory(course=course, title="Maintenance", company__name="Michelin", postcode="63100")
    wish(ana, forge, 1)
    wish(bruno, forge, 1)
    rating(forge, bruno, 5)
    return {"ana": ana, "bruno": bruno}


def test_a_coordinator_runs_a_matching_compares_the_two_assignments_and_proposes_an_introduction(
    page, login_in_browser, world
):
    login_in_browser("camille", TEST_PASSWORD)
    page.goto("/connecter/placement/")
    expect(page.get_by_test_id("candidates-count")).to_have_text("2")

    page.get_by_role("button", name="Lancer le calcul").click()

    optimal = page.locator("section[data-algorithm=optimal]")
    stable = page.locator("section[data-algorithm=stable]")
    expect(optimal.get_by_role("heading", name="Score total maximal")).to_be_visible()
    expect(stable.get_by_role("heading", name="Stable (acceptation différée)")).to_be_visible()
    expect(page.get_by_test_id("placed-optimal")).to_have_text("2")
    expect(page.get_by_test_id("placed-stable")).to_have_text("2")
    expect(page.get_by_test_id("blocking-stable")).to_have_text("0")
    expect(page.get_by_test_id("total-optimal")).not_to_be_empty()
    expect(page.get_by_test_id("comparison")).to_be_visible()
    # Side by side at 1280 px: the stable column stands to the right of the optimal one.
    left, right = optimal.bounding_box(), stable.bounding_box()
    assert right["x"] > left["x"] + left["width"] - 1 and abs(right["y"] - left["y"]) < 2

    stable.get_by_role(
        "button", name="Proposer une mise en relation de Bruno Blanc avec Forges d'Auvergne"
    ).click()

    expect(page.get_by_role("alert").or_(page.get_by_role("status")).first).to_contain_text(
        "Mise en relation proposée"
    )
    expect(stable.get_by_role("link", name="Proposée")).to_be_visible()
    introduction = Introduction.objects.get()
    assert introduction.person == world["bruno"] and introduction.status == Introduction.Status.PROPOSED

    page.goto("/connecter/mises-en-relation/")
    expect(page.get_by_role("link", name="Bruno Blanc")).to_be_visible()
    expect(page.get_by_test_id("introduction-status").first).to_have_text("Proposée")


def test_on_a_phone_the_two_assignments_stack(page, login_in_browser, world):
    page.set_viewport_size({"width": 390, "height": 844})
    login_in_browser("camille", TEST_PASSWORD)
    page.goto("/connecter/placement/")
    page.get_by_role("button", name="Lancer le calcul").click()

    left = page.locator("section[data-algorithm=optimal]").bounding_box()
    right = page.locator("section[data-algorithm=stable]").bounding_box()

    assert right["y"] >= left["y"] + left["height"] - 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
