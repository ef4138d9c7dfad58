"""No secret link in the logs: booking, application and calendar-feed tokens are redacted."""

from __future__ import annotations

import io
import logging

import pytest
from django.conf import settings

from hall32.core.logs import REDACTED, RedactSecrets, redact

TOKEN = "5f0c6d1e-9a7b-4c3d-8e2f-1a2b3c4d5e6f"  # fixed: xdist collects the same ids on each worker


@pytest.mark.parametrize(
    "path",
    [
        f"/former/candidature/{TOKEN}/",
        f"/former/agenda/{TOKEN}.ics",
        f"/informer/reservations/{TOKEN}/",
        f"/informer/reservations/{TOKEN}/annuler/",
        f"/informer/visites/{TOKEN}/",
        f"/innover/equipements/flux/{TOKEN}.ics",
        f"/innover/reservations/flux/{TOKEN}.ics",
        f"/api/training/applications/{TOKEN}",
        f"/api/outreach/bookings/{TOKEN}/cancel",
    ],
)
def test_every_secret_link_is_redacted_in_an_access_log_line(path):
    line = redact(f'"GET {path} HTTP/1.1" 200 1234')

    assert TOKEN not in line
    assert REDACTED in line


def test_a_secret_in_the_query_string_is_redacted_and_other_parameters_stay():
    line = redact(f"Not Found: /innover/reservations/?token={TOKEN}&page=2")

    assert TOKEN not in line and "page=2" in line


def test_ordinary_paths_are_left_alone():
    assert (
        redact('"GET /former/promotions/12/ HTTP/1.1" 200 1234')
        == '"GET /former/promotions/12/ HTTP/1.1" 200 1234'
    )


def test_a_404_on_a_secret_link_is_logged_without_the_token(client, db):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactSecrets())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        response = client.get(f"/informer/reservations/{TOKEN}/")
        client.get(f"/api/outreach/bookings/{TOKEN}")
    finally:
        logger.removeHandler(handler)

    assert response.status_code == 404
    logged = stream.getvalue()
    assert "/informer/reservations/" in logged and "/api/outreach/bookings/" in logged
    assert TOKEN not in logged


def test_the_configured_handlers_carry_the_filter_and_runserver_s_access_log_goes_through_them():
    config = settings.LOGGING
    assert "secrets" in config["handlers"]["console"]["filters"]
    assert config["loggers"]["django.server"]["handlers"] == ["console"]


def test_gunicorn_s_access_log_goes_through_the_filter_too():
    import runpy

    conf = runpy.run_path(str(settings.BASE_DIR / "gunicorn.conf.py"))
    handlers = conf["logconfig_dict"]["loggers"]["gunicorn.access"]["handlers"]
    assert all("secrets" in conf["logconfig_dict"]["handlers"][h]["filters"] for h in handlers)
