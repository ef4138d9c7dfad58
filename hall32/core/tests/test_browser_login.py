import pytest

from hall32.core.roles import Role
from hall32.core.tests.factories import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_logs_in_through_the_real_page_and_sees_the_dashboard(
    page, login_in_browser, make_user
):
    make_user(Role.COORDINATOR, username="julien")

    login_in_browser("julien", TEST_PASSWORD)

    assert page.get_by_role("heading", name="Bonjour").is_visible()
    assert (
        page.get_by_role("button", name="Connecter").is_visible() or page.locator("#nav-connect").is_visible()
    )
    page.locator("#nav-connect").click()
    page.get_by_role("link", name="Organisations").click()
    page.wait_for_url("**/annuaire/organisations/")
    assert page.get_by_role("heading", name="Organisations").is_visible()


def test_a_wrong_password_shows_the_generic_message_in_the_browser(page, login_in_browser, make_user):
    make_user(Role.TRAINER, username="nadia")

    login_in_browser("nadia", "pas-le-bon")

    assert page.get_by_text("Identifiant ou mot de passe incorrect").is_visible()
