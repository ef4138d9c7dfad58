"""Timetable feed links: one per subscriber and learner, renewed without touching the others'."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from hall32.core import tokens
from hall32.core.models import Person, User
from hall32.training.errors import Forbidden
from hall32.training.models import CalendarToken


@transaction.atomic
def calendar_token_issue(*, person: Person, subscriber: User) -> str:
    """A new secret link to `person`'s timetable for `subscriber`, replacing only the subscriber's
    previous one. Returns the secret, the only time it can be read: the database keeps its digest."""
    if not subscriber.has_perm("training.view_learner_timetable", person):
        raise Forbidden(_("Vous ne pouvez pas suivre l'emploi du temps de cette personne."))
    return tokens.replace(CalendarToken, person=person, subscriber=subscriber)
