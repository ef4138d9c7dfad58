"""Messages from the hub to its learners, their parents and their company tutors."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hall32.core.models import TimeStampedModel
from hall32.training.models.cohorts import Cohort


class AnnouncementQuerySet(models.QuerySet["Announcement"]):
    def shown_on(self, day: dt.date) -> AnnouncementQuerySet:
        return self.filter(published_on__lte=day).filter(Q(expires_on__isnull=True) | Q(expires_on__gte=day))


class Announcement(TimeStampedModel):
    """A message the staff post to one cohort or to all, for the learners, parents or tutors; shown
    on the home page of the people concerned from its date until it expires."""

    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("Apprenant·e·s, parents et tuteur·rice·s")
        LEARNERS = "learners", _("Apprenant·e·s")
        GUARDIANS = "guardians", _("Parents des apprenant·e·s mineur·e·s")
        TUTORS = "tutors", _("Tuteur·rice·s en entreprise")

    title = models.CharField(_("titre"), max_length=120)
    body = models.TextField(_("message"), max_length=2000)
    cohort = models.ForeignKey(
        Cohort,
        verbose_name=_("promotion"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="announcements",
        help_text=_("Laissez vide pour toutes les promotions."),
    )
    audience = models.CharField(
        _("destinataires"), max_length=10, choices=Audience.choices, default=Audience.EVERYONE
    )
    published_on = models.DateField(_("affiché à partir du"), default=timezone.localdate)
    expires_on = models.DateField(
        _("affiché jusqu'au"),
        null=True,
        blank=True,
        help_text=_("Laissez vide pour l'afficher jusqu'à ce qu'il soit retiré."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = AnnouncementQuerySet.as_manager()

    class Meta:
        verbose_name = _("message du hub")
        verbose_name_plural = _("messages du hub")
        ordering = ["-published_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gte=F("published_on")),
                name="announcement_expires_after_publication",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def is_shown_on(self, day: dt.date) -> bool:
        return self.published_on <= day and (self.expires_on is None or self.expires_on >= day)
