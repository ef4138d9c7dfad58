"""Logging filters: no secret link in the logs.

Class bookings, applications, open-day registrations and calendar feeds are reached by a secret
link: whoever holds the URL acts as its owner. Access logs (runserver's django.server, Django's
django.request warnings, gunicorn's access log) write the path of every request, so this filter
replaces every URL parameter named `token` (or ending in `_token`) by a placeholder, and the
values of query parameters of that name. It resolves each path against the URLconf, so it knows
the secret parameters from the routes themselves, not from a list kept by hand.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import parse_qsl, urlencode

from django.urls import Resolver404, resolve

REDACTED = "[jeton]"
_PATH = re.compile(r"(?<![\w/])(/[^\s\"'?#]*)(\?[^\s\"'#]*)?")


def _is_secret(name: str) -> bool:
    return name == "token" or name.endswith("_token")


def redact_path(path: str, query: str = "") -> str:
    """`path` (and its `?query`) with the values of secret parameters replaced."""
    redacted = path
    try:
        match = resolve(path)
    except (Resolver404, ValueError):
        match = None
    except Exception:  # a log line must never fail because of the URLconf
        match = None
    if match is not None:
        for name, value in match.kwargs.items():
            if _is_secret(name) and str(value):
                redacted = redacted.replace(str(value), REDACTED)
    if query:
        pairs = parse_qsl(query.lstrip("?"), keep_blank_values=True)
        if any(_is_secret(k) for k, _v in pairs):
            query = "?" + urlencode([(k, REDACTED if _is_secret(k) else v) for k, v in pairs], safe="[]")
        redacted += query
    return redacted


def redact(message: str) -> str:
    return _PATH.sub(lambda m: redact_path(m.group(1), m.group(2) or ""), message)


class RedactSecrets(logging.Filter):
    """Rewrites each record's message with secret links redacted (attach it to handlers)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:
            return True
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return True
