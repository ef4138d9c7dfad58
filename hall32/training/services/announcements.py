"""Messages from the hub: the coordination posts them to a cohort or to all, and withdraws them."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from hall32.core.models import User
from hall32.training.errors import Forbidden, TrainingError
from hall32.training.models import Announcement, Cohort


def _check(by: User) -> None:
    if not by.has_perm("training.manage_cohorts"):
        raise Forbidden(_("Seules la coordination et la direction publient des messages."))


@transaction.atomic
def announcement_create(
    *,
    title: str,
    body: str,
    audience: str,
    published_on: dt.date,
    expires_on: dt.date | None = None,
    cohort: Cohort | None = None,
    by: User,
) -> Announcement:
    """Post a message; it shows on the home pages of the people concerned from `published_on`."""
    _check(by)
    title, body = title.strip(), body.strip()
    if not title:
        raise TrainingError(_("Donnez un titre au message."), field="title")
    if not body:
        raise TrainingError(_("Écrivez le message."), field="body")
    if audience not in Announcement.Audience.values:
        raise TrainingError(_("Choisissez les destinataires."), field="audience")
    if expires_on is not None and expires_on < published_on:
        raise TrainingError(_("La fin d'affichage doit suivre la date de publication."), field="expires_on")
    return Announcement.objects.create(
        title=title[:120],
        body=body[:2000],
        audience=audience,
        published_on=published_on,
        expires_on=expires_on,
        cohort=cohort,
        created_by=by,
    )


@transaction.atomic
def announcement_delete(*, announcement: Announcement, by: User) -> None:
    """Withdraw a message: it disappears from every home page."""
    _check(by)
    announcement.delete()
