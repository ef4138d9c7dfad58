"""Apprenticeship offers from partner companies, typed in or imported from a file (La bonne
alternance's job export as JSON, or CSV): the platform never calls a web service for them."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hall32.core.models import Organisation, Person, TimeStampedModel
from hall32.core.validators import validate_postcode


class OfferQuerySet(models.QuerySet["Offer"]):
    def open(self) -> OfferQuerySet:
        return self.filter(status=Offer.Status.OPEN)


class Offer(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Brouillon")
        OPEN = "open", _("Ouverte")
        FILLED = "filled", _("Pourvue")
        CLOSED = "closed", _("Fermée")

    class Source(models.TextChoices):
        MANUAL = "manual", _("Saisie")
        LBA = "lba", _("Import La bonne alternance (JSON)")
        CSV = "csv", _("Import CSV")

    reference = models.CharField(_("référence"), max_length=20, unique=True)
    company = models.ForeignKey(
        Organisation, verbose_name=_("entreprise"), on_delete=models.PROTECT, related_name="offers"
    )
    title = models.CharField(_("intitulé du poste"), max_length=200)
    trade = models.ForeignKey(
        "training.Trade",
        verbose_name=_("métier"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="offers",
    )
    rome_code = models.CharField(_("code ROME"), max_length=5, blank=True, db_index=True)
    course = models.ForeignKey(
        "training.Course",
        verbose_name=_("formation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="offers",
    )
    rncp_code = models.CharField(_("code RNCP"), max_length=12, blank=True, db_index=True)
    site_name = models.CharField(_("site"), max_length=200, blank=True)
    address = models.CharField(_("adresse"), max_length=250, blank=True)
    postcode = models.CharField(_("code postal"), max_length=5, validators=[validate_postcode])
    city = models.CharField(_("commune"), max_length=120, blank=True)
    start_date = models.DateField(_("début"), db_index=True)
    places = models.PositiveSmallIntegerField(
        _("places"), default=1, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    description = models.TextField(_("description"), blank=True)
    requirements = models.TextField(_("prérequis"), blank=True)
    required_skills = models.JSONField(_("compétences exigées"), default=list, blank=True)
    wanted_skills = models.JSONField(_("compétences appréciées"), default=list, blank=True)
    adults_only = models.BooleanField(
        _("réservée aux majeurs"),
        default=False,
        help_text=_("Travail de nuit, machines réglementées… : un mineur ne peut pas y être placé."),
    )
    needs_car = models.BooleanField(_("véhicule indispensable"), default=False)
    tutor = models.ForeignKey(
        Person,
        verbose_name=_("tuteur·rice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tutored_offers",
    )
    tutor_capacity = models.PositiveSmallIntegerField(
        _("apprentis que les tuteurs peuvent suivre"),
        null=True,
        blank=True,
        help_text=_(
            "Le Code du travail limite un maître d'apprentissage à deux apprentis (plus un redoublant)."
        ),
    )
    rhythm = models.CharField(_("rythme de l'alternance"), max_length=200, blank=True)
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    source = models.CharField(_("origine"), max_length=10, choices=Source.choices, default=Source.MANUAL)
    external_id = models.CharField(_("identifiant d'origine"), max_length=100, blank=True)
    contact_email = models.EmailField(_("courriel de contact"), blank=True)

    objects = OfferQuerySet.as_manager()

    class Meta:
        verbose_name = _("offre d'apprentissage")
        verbose_name_plural = _("offres d'apprentissage")
        ordering = ["start_date", "company__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"],
                condition=~Q(external_id=""),
                name="network_offer_external_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} · {self.company}"

    def get_absolute_url(self) -> str:
        return reverse("network:offer_detail", args=[self.pk])
