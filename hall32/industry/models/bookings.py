"""Bookings of the machines, and the secret links to a user's bookings feed.

Every busy window of a machine (someone's use, a maintenance slot, a scheduled operation) is a
Booking row, so that one rule keeps them apart: on PostgreSQL an exclusion constraint on
(machine, time range) for confirmed bookings (added by migration 0002), and the same check in
services.booking_* on every database.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hall32.core.models import TimeStampedModel
from hall32.industry.models.equipment import Equipment, MaintenancePlan


class BookingQuerySet(models.QuerySet["Booking"]):
    def confirmed(self) -> BookingQuerySet:
        return self.filter(status=Booking.Status.CONFIRMED)

    def overlapping(self, start: dt.datetime, end: dt.datetime) -> BookingQuerySet:
        """Half-open ranges [start, end): back-to-back bookings do not overlap."""
        return self.filter(start__lt=end, end__gt=start)


class Booking(TimeStampedModel):
    """A window in which a machine is taken: someone's use, maintenance or a scheduled operation."""

    class Kind(models.TextChoices):
        USAGE = "usage", _("Utilisation")
        MAINTENANCE = "maintenance", _("Maintenance")
        SCHEDULED = "scheduled", _("Opération planifiée")

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmée")
        CANCELLED = "cancelled", _("Annulée")

    equipment = models.ForeignKey(
        Equipment, verbose_name=_("équipement"), on_delete=models.PROTECT, related_name="bookings"
    )
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices, default=Kind.USAGE)
    status = models.CharField(_("statut"), max_length=10, choices=Status.choices, default=Status.CONFIRMED)
    start = models.DateTimeField(_("début"))
    end = models.DateTimeField(_("fin"))
    title = models.CharField(_("objet"), max_length=200, blank=True)
    notes = models.TextField(_("remarques"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("réservé par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="industry_bookings",
    )
    project = models.ForeignKey(
        "industry.Project",
        verbose_name=_("projet"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bookings",
    )
    maintenance_plan = models.ForeignKey(
        MaintenancePlan, null=True, blank=True, on_delete=models.SET_NULL, related_name="bookings"
    )
    schedule = models.ForeignKey(
        "industry.ScheduleRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="bookings"
    )
    planned_end = models.DateTimeField(_("fin prévue"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("annulée le"), null=True, blank=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        verbose_name = _("réservation")
        verbose_name_plural = _("réservations")
        indexes = [
            models.Index(fields=["equipment", "start"]),
            models.Index(fields=["user", "start"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="industry_booking_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.equipment.code} {timezone.localtime(self.start):%d/%m/%Y %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("industry:booking_detail", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"R-{self.pk:05d}" if self.pk else ""

    @property
    def hours(self) -> float:
        return (self.end - self.start).total_seconds() / 3600

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_running(self) -> bool:
        now = timezone.now()
        return self.status == self.Status.CONFIRMED and self.start <= now < self.end


class FeedToken(models.Model):
    """The secret link to a user's bookings feed (renewing it cuts the old one off). Only the
    digest is kept (see core.tokens); the feed checks at every fetch that the user may still book."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="industry_feed"
    )
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return str(self.user)
