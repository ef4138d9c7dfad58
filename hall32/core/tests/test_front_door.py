"""`make run` is the product's front door: DEBUG off (the product's 404 and 403 pages, not
Django's debug pages), yet a working login on plain http://127.0.0.1; a favicon; quiet 403 logs."""

from __future__ import annotations

import io
import json
import logging
import os
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.test import override_settings
from django.urls import path

from hall32 import urls as hall32_urls
from hall32.core.roles import Role
from hall32.core.tests.factories import TEST_PASSWORD

ROOT = Path(__file__).resolve().parents[3]
SECURITY_SETTINGS = ("DEBUG", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_SSL_REDIRECT")


def make_run_environment() -> dict[str, str]:
    """The variables the Makefile's `run` target gives the server (RUN_ENV)."""
    line = re.search(r"^RUN_ENV := (.+)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)
    assert line, "the Makefile names the make-run environment in RUN_ENV"
    return dict(pair.split("=", 1) for pair in line.group(1).split())


def settings_under(env_file: Path, **variables: str) -> dict:
    """The security settings a fresh process computes from `env_file` and the given variables."""
    environment = {k: os.environ[k] for k in ("PATH", "HOME", "LANG", "TMPDIR") if k in os.environ}
    environment.update(variables, HALL32_ENV_FILE=str(env_file), PYTHONWARNINGS="ignore")
    code = (
        "import json; from hall32 import settings as s; "
        f"print(json.dumps({{k: getattr(s, k) for k in {SECURITY_SETTINGS!r} + ('SECURE_HSTS_SECONDS',)}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def fresh_env_file(tmp_path: Path) -> Path:
    env_file = tmp_path / ".env"
    written = subprocess.run(
        [sys.executable, "scripts/make_env.py"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    env_file.write_text(
        written.stdout.replace("sqlite:///var/hall32.sqlite3", f"sqlite:///{tmp_path}/db.sqlite3")
    )
    return env_file


def test_make_run_serves_with_debug_off_and_cookies_that_work_on_local_http(tmp_path):
    values = settings_under(fresh_env_file(tmp_path), **make_run_environment())

    assert values == {
        "DEBUG": False,
        "SESSION_COOKIE_SECURE": False,
        "CSRF_COOKIE_SECURE": False,
        "SECURE_SSL_REDIRECT": False,
        "SECURE_HSTS_SECONDS": 0,
    }


def test_a_env_file_from_an_earlier_make_run_still_gives_the_product_pages(tmp_path):
    old = tmp_path / ".env"
    old.write_text(
        f"DATABASE_URL=sqlite:///{tmp_path}/db.sqlite3\nDEBUG=true\nSECRET_KEY={'k' * 50}\n"
        "ALLOWED_HOSTS=127.0.0.1,localhost\nEMAIL_URL=console://\nSECURE_SSL_REDIRECT=false\n"
    )

    values = settings_under(old, **make_run_environment())

    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] is False and values["CSRF_COOKIE_SECURE"] is False


def test_production_keeps_secure_cookies_by_default(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text(f"DATABASE_URL=sqlite:///{tmp_path}/db.sqlite3\nSECRET_KEY={'k' * 50}\n")

    values = settings_under(env_file)

    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] is True and values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_SSL_REDIRECT"] is True


@pytest.mark.django_db(transaction=True)
def test_login_works_over_plain_http_with_the_make_run_settings(live_server, settings, make_user, tmp_path):
    for name, value in settings_under(fresh_env_file(tmp_path), **make_run_environment()).items():
        setattr(settings, name, value)
    make_user(Role.COORDINATOR, username="julien")
    # http.cookiejar, like a browser, never sends a Secure cookie over plain http.
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    login = f"{live_server.url}/compte/connexion/"
    form = browser.open(login).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)

    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": "julien", "password": TEST_PASSWORD}
    ).encode()
    answer = browser.open(urllib.request.Request(login, data=data, headers={"Referer": login}))

    assert answer.status == 200
    assert answer.url == f"{live_server.url}/"
    assert "Se déconnecter" in answer.read().decode()


# --- The product's own error pages ----------------------------------------------------------


def test_an_unknown_address_shows_the_products_404_page_not_a_list_of_urls(client, settings):
    settings.DEBUG = False

    response = client.get("/cette-page-nexiste-pas/")

    assert response.status_code == 404
    page = response.content.decode()
    assert "Cette page n'existe pas ou plus." in page
    assert "URLconf" not in page and "DEBUG = True" not in page


def test_a_refused_page_shows_the_products_403_page(as_user, make_user, settings):
    settings.DEBUG = False
    client = as_user(make_user(Role.LEARNER))

    response = client.get("/annuaire/organisations/")

    assert response.status_code == 403
    assert "Vous n'avez pas accès à cette page." in response.content.decode()


# --- A 403 is one log line, without a traceback ---------------------------------------------


def refuse(request):
    raise PermissionDenied


urlpatterns = [path("refuse/", refuse), *hall32_urls.urlpatterns]
handler403 = hall32_urls.handler403


@override_settings(ROOT_URLCONF=__name__)
def test_a_403_is_logged_once_at_warning_without_a_traceback_or_personal_data(as_user, make_user, caplog):
    user = make_user(Role.TRAINER, first_name="Nadia", last_name="Chevalier", email="nadia@hall32.example")
    client = as_user(user)

    with caplog.at_level(logging.INFO):
        response = client.get("/refuse/?nom=Chevalier")

    assert response.status_code == 403
    refused = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(refused) == 1
    record = refused[0]
    assert (record.name, record.levelname, record.exc_info) == ("django.request", "WARNING", None)
    assert record.getMessage() == "Forbidden (Permission denied): /refuse/"
    assert not {"Nadia", "Chevalier", "nadia@hall32.example"} & set(
        re.findall(r"[\w@.]+", record.getMessage())
    )


@override_settings(ROOT_URLCONF=__name__, DEBUG=True)
def test_a_403_prints_one_line_even_in_debug(as_user, make_user):
    client = as_user(make_user(Role.TRAINER))
    stream = io.StringIO()
    # Every console handler that could print the line (ours on the root logger, and any that
    # Django's defaults leave on "django"), pointed at a buffer; not pytest's capture handlers.
    loggers = [logging.getLogger(), logging.getLogger("django"), logging.getLogger("django.request")]
    handlers = [h for lg in loggers for h in lg.handlers if type(h) is logging.StreamHandler]
    saved = {h: h.setStream(stream) for h in handlers}
    try:
        client.get("/refuse/")
    finally:
        for handler, original in saved.items():
            handler.setStream(original)

    output = stream.getvalue()
    assert output.count("Forbidden (Permission denied): /refuse/") == 1
    assert "Traceback" not in output


def test_a_server_error_keeps_its_traceback_in_the_log():
    from hall32.core.logs import ClientErrorWithoutTraceback

    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "x", (), sys.exc_info())
    record.status_code = 500

    ClientErrorWithoutTraceback().filter(record)

    assert record.exc_info is not None


# --- Favicon -----------------------------------------------------------------------------------


def test_the_favicon_is_served_at_the_site_root(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file


def test_every_page_links_the_svg_favicon_and_its_fallbacks(client):
    page = client.get("/compte/connexion/").content.decode()

    for href in ("hall32/favicon.svg", "hall32/favicon.ico", "hall32/apple-touch-icon.png"):
        assert href in page
        assert (ROOT / "hall32" / "static" / href).is_file()


# --- API documentation offline -----------------------------------------------------------------


def test_the_api_docs_page_loads_swagger_ui_from_the_hub_itself(client):
    page = client.get("/api/docs").content.decode()

    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert "/static/vendor/swagger-ui-dist/swagger-ui-bundle.js" in sources
    assert "/static/vendor/swagger-ui-dist/swagger-ui.css" in sources
    assert not [s for s in sources if s.startswith(("http:", "https:", "//"))]
    # No inline script: only the JSON settings block and files.
    assert re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", page) == []
    assert (ROOT / "hall32/static/vendor/swagger-ui-dist/LICENSE").is_file()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_api_docs_render_their_operations_with_no_network(page, live_server, make_user):
    make_user(Role.DIRECTION, username="helene")
    outside: list[str] = []

    def only_the_hub(route):
        if route.request.url.startswith(live_server.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.context.route("**/*", only_the_hub)
    page.goto("/compte/connexion/")
    page.get_by_label("Identifiant").fill("helene")
    page.get_by_label("Mot de passe").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Se connecter").last.click()
    page.wait_for_load_state("networkidle")

    page.goto("/api/docs")

    page.get_by_text("Le compte connecté et ses rôles").wait_for()
    assert page.locator(".opblock").count() > 10
    assert outside == []
