from unittest import mock

from django.db import OperationalError


def test_healthz_answers_ok_when_the_database_answers(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_naming_the_database_when_it_is_down(client, db):
    with mock.patch("hall32.core.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["database"].startswith("error")
    assert "OperationalError" in body["database"]


def test_healthz_is_never_cached(client, db):
    response = client.get("/healthz")

    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
