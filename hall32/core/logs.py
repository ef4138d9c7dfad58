"""Logging filters: no secret link in the logs, and one line per refused request.

Class bookings, applications, open-day registrations and calendar feeds are reached by a secret
link: whoever holds the URL acts as its owner. Access logs (runserver's django.server, Django's
django.request warnings, gunicorn's access log) write the path of every request, so this filter
replaces every URL parameter named `token` (or ending in `_token`) by a placeholder, and the
values of query parameters of that name. It resolves each path against the URLconf, so it knows
the secret parameters from the routes themselves, not from a list kept by hand.

A refused request (4xx) is expected, not a bug: its line keeps the status and the path, without
the traceback Django attaches to it.
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


class ClientErrorWithoutTraceback(logging.Filter):
    """A 4xx answer (a refused permission, a bad request) is expected, not a bug: Django attaches
    the exception to its log record, which prints a traceback; the line keeps the status and the
    path only. Server errors (5xx) keep theirs."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
        return True
