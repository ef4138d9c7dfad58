"""Logging filters: one line per refused request, and never a traceback for the client's error."""

from __future__ import annotations

import logging


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
