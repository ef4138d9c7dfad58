"""What the apps' e-mails share: where to write to an account, dates written out in full.

Each app builds its messages in `<app>/emails.py` (plain text from `<app>/email/*.txt`, in the hub's
language: no recipient has told us another), and its services queue them with
`transaction.on_commit`, so that no message leaves for a change that was rolled back and no
network call happens inside a transaction. Addresses are never logged.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from hall32.core.dates import long_date
from hall32.core.models import User


def address_of(user: User | None) -> str:
    """An account's e-mail address: the account's own, else its person's; "" when there is none."""
    if user is None or not user.is_active:
        return ""
    if user.email:
        return user.email
    return user.person.email if user.person_id and user.person else ""


def long_day(day: dt.date) -> str:
    """« lundi 1er décembre 2026 », « Monday 1 December 2026 »: core.dates' one way, with the weekday."""
    return long_date(day, weekday=True)


def when(start: dt.datetime, end: dt.datetime) -> str:
    """A time window in Paris time: « lundi 1er décembre 2026, 09:00 – 12:00 »."""
    start, end = timezone.localtime(start), timezone.localtime(end)
    if start.date() == end.date():
        return f"{long_day(start.date())}, {start:%H:%M} – {end:%H:%M}"
    return f"{long_day(start.date())}, {start:%H:%M} – {long_day(end.date())}, {end:%H:%M}"
