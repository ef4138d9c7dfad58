"""Start-up configuration: clear one-line failures, typed helpers, deploy checks."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from hall32 import env

ROOT = Path(__file__).resolve().parents[3]


def run_manage(*args: str, **overrides: str) -> subprocess.CompletedProcess:
    # A clean environment, as a production server would have: only what the test gives.
    environment = {k: os.environ[k] for k in ("PATH", "HOME", "LANG", "TMPDIR") if k in os.environ}
    environment.update({"HALL32_ENV_FILE": "/dev/null", "PYTHONWARNINGS": "ignore"})
    environment.update(overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_missing_database_url_stops_start_up_with_one_line():
    result = run_manage("check", SECRET_KEY="x" * 60)

    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "DATABASE_URL" in lines[0] and "n'est pas définie" in lines[0]


@pytest.mark.parametrize("url", ["mysql://u@h/db", "nimportequoi", "postgres://u@h:notaport/db"])
def test_a_malformed_database_url_stops_start_up_with_one_line(url):
    result = run_manage("check", DATABASE_URL=url, SECRET_KEY="x" * 60)

    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "DATABASE_URL" in lines[0]


@pytest.mark.parametrize(
    ("overrides", "named"),
    [
        ({"HUB_FIRST_SCHOOL_YEAR": "deux mille dix-neuf"}, "HUB_FIRST_SCHOOL_YEAR"),
        (
            {"HUB_FIRST_SCHOOL_YEAR": "2023", "HUB_PUBLISHED_RESULTS_LAST_YEAR": "2022"},
            "HUB_PUBLISHED_RESULTS",
        ),
    ],
)
def test_a_malformed_hub_year_stops_start_up_with_one_line(tmp_path, overrides, named):
    result = run_manage(
        "check", DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3", SECRET_KEY="x" * 60, **overrides
    )

    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and named in lines[0]


def test_production_without_a_secret_key_stops_start_up(tmp_path):
    result = run_manage("check", DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3")

    assert result.returncode == 2
    assert "SECRET_KEY" in result.stderr


def test_deploy_check_gives_only_the_warnings_the_readme_explains(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3",
        SECRET_KEY="kq8#vF2-zP0r!yN6wL4s&uE1tB9xM3cJ7hG5dA0oQ2iR8pK6nW4lZ1",
        ALLOWED_HOSTS="hall32.example",
    )

    assert result.returncode == 0, result.stderr
    warnings = set(re.findall(r"\(security\.W\d+\)", result.stderr + result.stdout))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for warning in warnings:
        assert warning.strip("()") in readme, f"{warning} is not explained in README.md"


def test_email_url_schemes():
    assert env.email("console://")["EMAIL_BACKEND"].endswith("console.EmailBackend")
    smtp = env.email("smtp://user%40hall32:secret@mail.example:587?tls=true")
    assert smtp["EMAIL_HOST"] == "mail.example"
    assert smtp["EMAIL_PORT"] == 587
    assert smtp["EMAIL_HOST_USER"] == "user@hall32"
    assert smtp["EMAIL_USE_TLS"] is True
    assert env.email("smtps://mail.example")["EMAIL_PORT"] == 465
    with pytest.raises(env.ConfigError, match="EMAIL_URL"):
        env.email("pigeon://roof")


def test_booleans_must_be_booleans(monkeypatch):
    monkeypatch.setenv("DEBUG", "peut-être")
    with pytest.raises(env.ConfigError, match="DEBUG"):
        env.get_bool("DEBUG", False)
    monkeypatch.setenv("DEBUG", "oui")
    assert env.get_bool("DEBUG", False) is True


def test_a_relative_sqlite_path_lives_under_the_project(tmp_path):
    config = env.database("sqlite:///var/x.sqlite3", base_dir=tmp_path)

    assert config["NAME"] == str(tmp_path / "var" / "x.sqlite3")
    assert config["ENGINE"] == "django.db.backends.sqlite3"


def test_a_dotenv_line_without_equals_names_its_file_and_line(tmp_path):
    file = tmp_path / ".env"
    file.write_text("DEBUG=true\nNOT A SETTING\n")

    with pytest.raises(SystemExit):
        env.load_dotenv(file)
