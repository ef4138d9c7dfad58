"""The modular pre-industrialisation line: configurations of modules and their simulations."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hall32.core.models import Job, Organisation, TimeStampedModel

DISTRIBUTION_CHOICES = [
    ("deterministic", _("Constante")),
    ("exponential", _("Exponentielle")),
    ("uniform", _("Uniforme")),
    ("triangular", _("Triangulaire")),
    ("normal", _("Normale (tronquée à 0)")),
    ("lognormal", _("Log-normale")),
]


class LineConfiguration(TimeStampedModel):
    """A way of arranging the line's modules, simulated before anyone invests."""

    name = models.CharField(_("nom"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    client = models.ForeignKey(
        Organisation,
        verbose_name=_("client"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="line_configurations",
    )
    project = models.ForeignKey(
        "industry.Project",
        verbose_name=_("projet"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="line_configurations",
    )
    arrival_distribution = models.CharField(
        _("arrivées des pièces"),
        max_length=20,
        blank=True,
        help_text=_("Laisser vide : la ligne est toujours alimentée (débit maximal)."),
    )
    arrival_p1 = models.FloatField(_("paramètre 1"), null=True, blank=True)
    arrival_p2 = models.FloatField(_("paramètre 2"), null=True, blank=True)
    arrival_p3 = models.FloatField(_("paramètre 3"), null=True, blank=True)
    target_per_hour = models.FloatField(
        _("débit visé (pièces/h)"), null=True, blank=True, validators=[MinValueValidator(0.01)]
    )
    horizon_hours = models.PositiveIntegerField(
        _("durée simulée (h)"), default=480, validators=[MinValueValidator(1), MaxValueValidator(100_000)]
    )
    warmup_hours = models.PositiveIntegerField(_("mise en régime (h)"), default=24)
    replications = models.PositiveSmallIntegerField(
        _("réplications"), default=5, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    seed = models.PositiveIntegerField(_("graine aléatoire"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("configuration de ligne")
        verbose_name_plural = _("configurations de ligne")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("industry:line_detail", args=[self.pk])


class LineModule(models.Model):
    """A station of the line: what it does, how long, how many in parallel, how it fails."""

    class Kind(models.TextChoices):
        ADDITIVE = "additive", _("Fabrication additive")
        MACHINING = "machining", _("Usinage")
        ROBOT_CELL = "robot_cell", _("Cellule robotisée")
        ASSEMBLY = "assembly", _("Assemblage")
        INSPECTION = "inspection", _("Contrôle")
        OTHER = "other", _("Autre")

    line = models.ForeignKey(LineConfiguration, on_delete=models.CASCADE, related_name="modules")
    position = models.PositiveSmallIntegerField(_("rang"))
    name = models.CharField(_("nom"), max_length=100)
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    distribution = models.CharField(_("loi du temps de cycle"), max_length=20)
    p1 = models.FloatField(_("paramètre 1 (min)"), null=True, blank=True)
    p2 = models.FloatField(_("paramètre 2 (min)"), null=True, blank=True)
    p3 = models.FloatField(_("paramètre 3 (min)"), null=True, blank=True)
    capacity = models.PositiveSmallIntegerField(_("unités en parallèle"), default=1)
    buffer = models.PositiveIntegerField(
        _("stock en amont (places)"), null=True, blank=True, help_text=_("Vide : illimité.")
    )
    mtbf_hours = models.FloatField(_("MTBF (h de marche)"), null=True, blank=True)
    mttr_minutes = models.FloatField(_("MTTR (min)"), null=True, blank=True)
    setup_minutes = models.FloatField(_("réglage (min)"), default=0)
    batch = models.PositiveIntegerField(_("pièces entre deux réglages"), default=1)
    investment = models.DecimalField(
        _("investissement par unité ajoutée (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    routes = models.JSONField(
        _("suites"), default=list, blank=True, help_text=_("Vide : la station suivante, ou la sortie.")
    )

    class Meta:
        ordering = ["line", "position"]
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        constraints = [models.UniqueConstraint(fields=["line", "position"], name="line_module_position")]

    def __str__(self) -> str:
        return self.name

    @property
    def distribution_label(self) -> str:
        return str(dict(DISTRIBUTION_CHOICES).get(self.distribution, self.distribution))


class SimulationRun(models.Model):
    """One simulation (or one search for the cheapest improvement) of a configuration, as it was."""

    class Kind(models.TextChoices):
        SIMULATE = "simulate", _("Simulation")
        IMPROVE = "improve", _("Recherche d'investissement")

    line = models.ForeignKey(LineConfiguration, on_delete=models.CASCADE, related_name="runs")
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices, default=Kind.SIMULATE)
    spec = models.JSONField(_("configuration simulée"), default=dict)
    result = models.JSONField(_("résultats"), default=dict, blank=True)
    job = models.ForeignKey(Job, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("lancée le"), auto_now_add=True)
    finished_at = models.DateTimeField(_("terminée le"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("simulation")
        verbose_name_plural = _("simulations")

    def __str__(self) -> str:
        return f"{self.line} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_finished(self) -> bool:
        return self.finished_at is not None
