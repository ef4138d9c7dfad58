"""The hub's partnerships with organisations (one stage per kind) and their signed agreements."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hall32.core.models import Organisation, TimeStampedModel
from hall32.network.validators import validate_agreement_file


class PartnershipQuerySet(models.QuerySet["Partnership"]):
    def partners_during(self, start: date, end: date) -> PartnershipQuerySet:
        """Partnerships that were at the partner stage for part of [start, end].

        A lapsed partnership still counts for the days before its end: its span [start, end] is
        the time it was a partner. A prospect or a contact that came to nothing never counts.
        """
        return self.filter(
            stage__in=[Partnership.Stage.PARTNER, Partnership.Stage.LAPSED], start__lte=end
        ).filter(Q(end__isnull=True) | Q(end__gte=start))

    def open(self) -> PartnershipQuerySet:
        return self.filter(end__isnull=True)


class Partnership(TimeStampedModel):
    """One kind of relation between the hub and an organisation, and where it stands."""

    class Kind(models.TextChoices):
        FOUNDER = "founder", _("Membre fondateur")
        COMPANY = "company", _("Entreprise d'accueil d'apprentis")
        INDUSTRY_CLIENT = "industry_client", _("Client du Pôle Industrie")
        SCHOOL = "school", _("Établissement scolaire")
        REFERRAL = "referral", _("Structure prescriptrice")
        FUNDER = "funder", _("Financeur")
        OPCO = "opco", _("OPCO")

    class Stage(models.TextChoices):
        PROSPECT = "prospect", _("Prospect")
        CONTACTED = "contacted", _("Contacté")
        PARTNER = "partner", _("Partenaire")
        LAPSED = "lapsed", _("Ancien partenaire")

    # The kinds that make an organisation one of the hub's partner companies (the published
    # figure): a Pôle Industrie client is a customer, not a partner.
    PARTNER_COMPANY_KINDS = (Kind.FOUNDER, Kind.COMPANY)

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="partnerships",
    )
    kind = models.CharField(_("type de partenariat"), max_length=20, choices=Kind.choices)
    stage = models.CharField(
        _("étape"), max_length=20, choices=Stage.choices, default=Stage.PROSPECT, db_index=True
    )
    start = models.DateField(
        _("début"),
        help_text=_("Le premier contact pour un prospect, le jour où il est devenu partenaire ensuite."),
    )
    end = models.DateField(_("fin"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("partenariat")
        verbose_name_plural = _("partenariats")
        ordering = ["organisation__name", "kind", "-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="network_partnership_end_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(stage="lapsed") | Q(end__isnull=False),
                name="network_partnership_lapsed_has_an_end",
            ),
            models.UniqueConstraint(
                fields=["organisation", "kind"],
                condition=Q(end__isnull=True),
                name="network_one_open_partnership_per_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.get_kind_display()} ({self.get_stage_display()})"


def agreement_path(instance: Agreement, filename: str) -> str:
    return f"network/agreements/{instance.organisation_id}/{filename}"


class Agreement(TimeStampedModel):
    """A signed partnership agreement (convention de partenariat) kept as a document."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="agreements"
    )
    partnership = models.ForeignKey(
        Partnership,
        verbose_name=_("partenariat"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agreements",
    )
    title = models.CharField(_("intitulé"), max_length=200)
    signed_on = models.DateField(_("signée le"), null=True, blank=True)
    valid_until = models.DateField(_("valable jusqu'au"), null=True, blank=True)
    file = models.FileField(_("fichier"), upload_to=agreement_path, validators=[validate_agreement_file])

    class Meta:
        verbose_name = _("convention")
        verbose_name_plural = _("conventions")
        ordering = ["organisation__name", "-signed_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(signed_on__isnull=True)
                | Q(valid_until__gte=models.F("signed_on")),
                name="network_agreement_valid_after_signed",
            )
        ]

    def __str__(self) -> str:
        return self.title
