"""Shared fixtures: personas (one user per role, and an outsider), factories, the browser."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from hall32.core.roles import Role

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]


@pytest.fixture
def make_user(db) -> Callable[..., Any]:
    """A user with a personal record and the given roles: make_user(Role.TRAINER)."""
    from hall32.core.tests.factories import UserFactory

    def make(*roles: str, **kwargs: Any) -> Any:
        return UserFactory(roles=roles, **kwargs)

    return make


def _persona(role: str) -> Callable[..., Any]:
    @pytest.fixture
    def fixture(make_user) -> Any:
        return make_user(role)

    return fixture


direction = _persona(Role.DIRECTION)
coordinator = _persona(Role.COORDINATOR)
outreach_officer = _persona(Role.OUTREACH_OFFICER)
engineer = _persona(Role.INDUSTRY_ENGINEER)
trainer = _persona(Role.TRAINER)
learner = _persona(Role.LEARNER)
guardian = _persona(Role.GUARDIAN)
tutor = _persona(Role.COMPANY_TUTOR)
client_user = _persona(Role.CLIENT)
teacher = _persona(Role.TEACHER)
referral_partner = _persona(Role.REFERRAL_PARTNER)


@pytest.fixture
def outsider(make_user) -> Any:
    """Signed in, but with no role at all."""
    return make_user()


@pytest.fixture
def as_user(client) -> Callable[[Any], Any]:
    """Sign the test client in as `user` (force_login: the throttled login form is tested apart)."""

    def sign_in(user: Any) -> Any:
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture(autouse=True)
def _french_and_fresh_cache(settings) -> None:
    settings.LANGUAGE_CODE = "fr"
    from django.core.cache import cache

    cache.clear()


# --- Browser tests ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    if not (os.path.exists(CHROMIUM) and shutil.which(CHROMIUM)):
        pytest.skip(
            "Chromium absent : tests navigateur ignorés. Pour les activer : "
            "sudo apt-get install chromium (ou lancez `make test` en root, qui l'installe)."
        )
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # between two browser steps are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server) -> Iterator[Any]:
    context = chromium.new_context(locale="fr-FR", timezone_id="Europe/Paris", base_url=live_server.url)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def login_in_browser(page) -> Callable[[str, str], Any]:
    """Sign in through the real login page."""

    def sign_in(username: str, password: str) -> Any:
        page.goto("/compte/connexion/")
        page.get_by_label("Identifiant").fill(username)
        page.get_by_label("Mot de passe").fill(password)
        page.get_by_role("button", name="Se connecter").last.click()
        page.wait_for_load_state("networkidle")
        return page

    return sign_in
