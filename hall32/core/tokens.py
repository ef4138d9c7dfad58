"""Secrets in links that open without signing in (calendar subscriptions).

A secret is random (256 bits, URL-safe) and the database keeps only its SHA-256 digest, so a copy
of the database opens no feed; the link is therefore shown once, when it is made. A lookup finds
the row by digest; the digest is then compared in constant time all the same.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

DIGEST_LENGTH = 64


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def issue() -> tuple[str, str]:
    """A new secret and its digest: the first goes into the link, the second into the database."""
    raw = secrets.token_urlsafe(32)
    return raw, digest(raw)


def matches(raw: str, stored: str) -> bool:
    return hmac.compare_digest(digest(raw), stored)
