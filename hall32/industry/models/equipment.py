"""Machines, the qualifications that open them, and their maintenance plans (their bookings are in
models/bookings.py)."""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hall32.core.models import Person, Room, TimeStampedModel


class Qualification(TimeStampedModel):
    """A habilitation an engineer grants after training; some machines require one."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("intitulé"), max_length=150)
    description = models.TextField(_("contenu de la formation"), blank=True)
    validity_months = models.PositiveSmallIntegerField(
        _("validité (mois)"), null=True, blank=True, help_text=_("Laisser vide si elle n'expire pas.")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("habilitation")
        verbose_name_plural = _("habilitations")

    def __str__(self) -> str:
        return self.name


# A qualification is flagged for renewal this long before it expires.
EXPIRY_NOTICE = dt.timedelta(days=60)


class QualificationGrantQuerySet(models.QuerySet["QualificationGrant"]):
    def valid_on(self, day: dt.date) -> QualificationGrantQuerySet:
        return self.filter(granted_on__lte=day, revoked_on__isnull=True).filter(
            Q(expires_on__isnull=True) | Q(expires_on__gte=day)
        )

    def expiring(self, day: dt.date) -> QualificationGrantQuerySet:
        """Valid on `day`, but expiring within the notice period."""
        return self.valid_on(day).filter(expires_on__lte=day + EXPIRY_NOTICE)


class QualificationGrant(TimeStampedModel):
    """A person holds a qualification from a date, until it expires or is revoked (personal data)."""

    qualification = models.ForeignKey(
        Qualification, verbose_name=_("habilitation"), on_delete=models.PROTECT, related_name="grants"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("personne"), on_delete=models.CASCADE, related_name="qualification_grants"
    )
    granted_on = models.DateField(_("accordée le"))
    expires_on = models.DateField(_("expire le"), null=True, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accordée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_on = models.DateField(_("retirée le"), null=True, blank=True)
    notes = models.CharField(_("remarques"), max_length=250, blank=True)

    objects = QualificationGrantQuerySet.as_manager()

    class Meta:
        ordering = ["-granted_on"]
        verbose_name = _("habilitation accordée")
        verbose_name_plural = _("habilitations accordées")
        indexes = [models.Index(fields=["person", "qualification"])]

    def __str__(self) -> str:
        return f"{self.person} – {self.qualification}"

    def is_valid_on(self, day: dt.date) -> bool:
        return (
            self.granted_on <= day
            and self.revoked_on is None
            and (self.expires_on is None or self.expires_on >= day)
        )


class Equipment(TimeStampedModel):
    """A machine of the Pôle Industrie, booked by the hour."""

    class Category(models.TextChoices):
        ADDITIVE_METAL = "additive_metal", _("Fabrication additive métal")
        ADDITIVE_POLYMER = "additive_polymer", _("Fabrication additive polymère")
        ELECTRONICS = "electronics", _("Électronique")
        ROBOTICS = "robotics", _("Robotique")
        MACHINING = "machining", _("Usinage")
        METROLOGY = "metrology", _("Contrôle et métrologie")

    code = models.SlugField(
        _("code"), max_length=20, unique=True, help_text=_("Court, affiché dans les plannings.")
    )
    name = models.CharField(_("nom"), max_length=150)
    category = models.CharField(_("catégorie"), max_length=20, choices=Category.choices, db_index=True)
    manufacturer = models.CharField(_("fabricant"), max_length=100, blank=True)
    model_name = models.CharField(_("modèle"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)
    capabilities = models.TextField(
        _("capacités"), blank=True, help_text=_("Une par ligne : matériaux, volume utile, précision…")
    )
    hourly_rate = models.DecimalField(_("tarif horaire HT (€)"), max_digits=8, decimal_places=2)
    qualification = models.ForeignKey(
        Qualification,
        verbose_name=_("habilitation requise"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="equipment",
    )
    room = models.ForeignKey(
        Room, verbose_name=_("atelier"), null=True, blank=True, on_delete=models.SET_NULL
    )
    runs_unattended = models.BooleanField(
        _("fonctionne sans surveillance"),
        default=False,
        help_text=_("Peut être réservée la nuit et le week-end (impression 3D, par exemple)."),
    )
    is_active = models.BooleanField(_("en service"), default=True)
    feed_token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        ordering = ["category", "name"]
        verbose_name = _("équipement")
        verbose_name_plural = _("équipements")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("industry:equipment_detail", args=[self.pk])

    @property
    def capability_list(self) -> list[str]:
        return [line.strip() for line in self.capabilities.splitlines() if line.strip()]


class MaintenancePlan(TimeStampedModel):
    """Preventive maintenance repeated every few weeks; its windows are stored as bookings."""

    equipment = models.ForeignKey(
        Equipment, verbose_name=_("équipement"), on_delete=models.CASCADE, related_name="maintenance_plans"
    )
    name = models.CharField(_("intervention"), max_length=150)
    every_weeks = models.PositiveSmallIntegerField(_("toutes les (semaines)"), default=4)
    first_date = models.DateField(_("première date"))
    start_time = models.TimeField(_("heure de début"), default=dt.time(8, 0))
    duration_minutes = models.PositiveIntegerField(_("durée (minutes)"), default=120)
    until = models.DateField(_("jusqu'au"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["equipment", "first_date"]
        verbose_name = _("plan de maintenance")
        verbose_name_plural = _("plans de maintenance")

    def __str__(self) -> str:
        return f"{self.equipment.code} – {self.name}"
