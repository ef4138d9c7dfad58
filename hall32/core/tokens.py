"""Secrets in links that open without signing in (calendar subscriptions).

A secret is random (256 bits, URL-safe) and the database keeps only its SHA-256 digest, so a copy
of the database opens no feed; the link is therefore shown once, when it is made. A lookup finds
the row by digest; the digest is then compared in constant time all the same.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from django.db import models
from django.utils import timezone

DIGEST_LENGTH = 64


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def issue() -> tuple[str, str]:
    """A new secret and its digest: the first goes into the link, the second into the database."""
    raw = secrets.token_urlsafe(32)
    return raw, digest(raw)


def matches(raw: str, stored: str) -> bool:
    return hmac.compare_digest(digest(raw), stored)


def replace(model: type[models.Model], **owner: Any) -> str:
    """Issue `owner`'s new link secret in `model` (a row per owner with `digest` and
    `created_at`), replacing their old one, whose calendars stop updating. Returns the secret, the
    only time it can be read. The calling service holds the transaction."""
    raw, hashed = issue()
    model._default_manager.update_or_create(
        **owner, defaults={"digest": hashed, "created_at": timezone.now()}
    )
    return raw
