"""Typed helpers that read settings from the environment (and an optional .env file).

Every setting comes from the environment; dev, test and production differ only by it.
A missing or malformed value stops start-up with one line naming the variable.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import dj_database_url

TRUE = {"1", "true", "yes", "on", "vrai", "oui"}
FALSE = {"0", "false", "no", "off", "faux", "non", ""}


class ConfigError(Exception):
    """A setting is missing or malformed; the message names it."""


def fail(message: str) -> None:
    """Stop start-up with a single clear line on stderr (no traceback)."""
    sys.stderr.write(f"hall32: erreur de configuration : {message}\n")
    raise SystemExit(2)


def load_dotenv(path: str | os.PathLike[str]) -> None:
    """Read KEY=VALUE lines into os.environ without overriding what is already set."""
    file = Path(path)
    if not file.is_file():
        return
    for number, raw in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition("=")
        if not sep or not key.strip().isidentifier():
            fail(f"{file}:{number}:1 ligne illisible (attendu CLE=valeur)")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        os.environ.setdefault(key.strip(), value)


def get_str(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return default if value is None else value


def get_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in TRUE:
        return True
    if lowered in FALSE:
        return False
    raise ConfigError(f"{name}={value!r} n'est pas un booléen (true/false)")


def get_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ConfigError(f"{name}={value!r} n'est pas un entier") from None


def get_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DATABASE_EXAMPLE = "postgres://utilisateur:motdepasse@hote:5432/base ou sqlite:///var/hall32.sqlite3"


def database(url: str | None, *, base_dir: Path) -> dict:
    """Django DATABASES entry from DATABASE_URL (PostgreSQL or SQLite only)."""
    if not url:
        raise ConfigError(f"DATABASE_URL n'est pas définie (exemple : {DATABASE_EXAMPLE})")
    scheme = urlsplit(url).scheme
    if scheme not in {"postgres", "postgresql", "pgsql", "sqlite"}:
        raise ConfigError(
            f"DATABASE_URL a un schéma inconnu « {scheme or '(vide)'} » (exemple : {DATABASE_EXAMPLE})"
        )
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except (ValueError, KeyError) as exc:
        raise ConfigError(f"DATABASE_URL est mal formée ({exc})") from None
    if scheme == "sqlite":
        name = config.get("NAME") or ""
        if name in {"", ":memory:"}:
            raise ConfigError("DATABASE_URL SQLite doit nommer un fichier (sqlite:///var/hall32.sqlite3)")
        path = Path(name)
        if not path.is_absolute():
            path = base_dir / path
        path.parent.mkdir(parents=True, exist_ok=True)
        config["NAME"] = str(path)
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
    else:
        if not config.get("NAME"):
            raise ConfigError("DATABASE_URL PostgreSQL doit nommer une base (…/hall32)")
        config.setdefault("TEST", {})
    return config


def email(url: str | None) -> dict[str, object]:
    """EMAIL_* settings from EMAIL_URL: console://, locmem://, dummy://, file:///dir,
    smtp://user:pass@host:587?tls=true, smtps://user:pass@host:465."""
    if not url:
        url = "smtp://localhost:25"
    parts = urlsplit(url)
    backends = {
        "console": "django.core.mail.backends.console.EmailBackend",
        "locmem": "django.core.mail.backends.locmem.EmailBackend",
        "dummy": "django.core.mail.backends.dummy.EmailBackend",
        "file": "django.core.mail.backends.filebased.EmailBackend",
        "smtp": "django.core.mail.backends.smtp.EmailBackend",
        "smtps": "django.core.mail.backends.smtp.EmailBackend",
    }
    if parts.scheme not in backends:
        raise ConfigError(f"EMAIL_URL a un schéma inconnu « {parts.scheme} » (smtp, smtps, console…)")
    result: dict[str, object] = {"EMAIL_BACKEND": backends[parts.scheme]}
    if parts.scheme == "file":
        result["EMAIL_FILE_PATH"] = unquote(parts.path)
    if parts.scheme in {"smtp", "smtps"}:
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        try:
            port = parts.port
        except ValueError:
            raise ConfigError("EMAIL_URL a un port invalide") from None
        result.update(
            EMAIL_HOST=parts.hostname or "localhost",
            EMAIL_PORT=port or (465 if parts.scheme == "smtps" else 25),
            EMAIL_HOST_USER=unquote(parts.username or ""),
            EMAIL_HOST_PASSWORD=unquote(parts.password or ""),
            EMAIL_USE_SSL=parts.scheme == "smtps",
            EMAIL_USE_TLS=query.get("tls", "").lower() in TRUE,
        )
    return result
