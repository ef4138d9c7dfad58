"""The coordinator's digest of apprentices without a contract three months after their start."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from hall32.core.models import User
from hall32.core.roles import Role
from hall32.training import selectors


def contract_alerts_send(*, today: dt.date | None = None) -> int:
    """E-mail the coordination the list (run weekly); returns how many learners are concerned."""
    today = today or timezone.localdate()
    missing = list(selectors.contracts.learners_without_contract(today=today))
    recipients = list(
        User.objects.filter(groups__name=Role.COORDINATOR, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if missing and recipients:
        with translation.override(settings.LANGUAGE_CODE):
            EmailMessage(
                subject=_("%(n)s apprenti·e·s sans contrat trois mois après la rentrée")
                % {"n": len(missing)},
                body=render_to_string(
                    "training/email/contract_alert.txt",
                    {"enrolments": missing, "today": today, "site": settings.SITE_URL},
                ),
                to=recipients,
            ).send()
    return len(missing)
