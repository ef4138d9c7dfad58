"""Client projects of the Pôle Industrie: from the request to the closing, with the time spent,
the deliverables, the quotes and the client's satisfaction.

A client's return (a further project after its first) is computed by selectors, never stored.
"""

from __future__ import annotations

import uuid
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hall32.core.models import Organisation, Person, TimeStampedModel
from hall32.industry.validators import validate_deliverable_file

CENT = Decimal("0.01")


class ProjectKind(models.TextChoices):
    PART = "part", _("Prototypage de pièce")
    PRODUCT = "product", _("Prototypage de produit")
    PROCESS = "process", _("Prototypage de procédé")
    TECHNOLOGY_TEST = "technology_test", _("Test de technologie")
    CHANGE = "change", _("Accompagnement au changement (organisation et compétences)")


class ProjectStatus(models.TextChoices):
    REQUEST = "request", _("Demande")
    STUDY = "study", _("Étude")
    QUOTE = "quote", _("Devis")
    IN_PROGRESS = "in_progress", _("En cours")
    DELIVERED = "delivered", _("Livré")
    CLOSED = "closed", _("Clôturé")
    ABANDONED = "abandoned", _("Abandonné")


# From each status, where a project may go next (a quote's acceptance moves it to in progress).
PROJECT_TRANSITIONS: dict[str, tuple[str, ...]] = {
    ProjectStatus.REQUEST: (ProjectStatus.STUDY, ProjectStatus.ABANDONED),
    ProjectStatus.STUDY: (ProjectStatus.QUOTE, ProjectStatus.ABANDONED),
    ProjectStatus.QUOTE: (ProjectStatus.IN_PROGRESS, ProjectStatus.STUDY, ProjectStatus.ABANDONED),
    ProjectStatus.IN_PROGRESS: (ProjectStatus.DELIVERED,),
    ProjectStatus.DELIVERED: (ProjectStatus.CLOSED, ProjectStatus.IN_PROGRESS),
    ProjectStatus.CLOSED: (),
    ProjectStatus.ABANDONED: (),
}
PROJECT_PIPELINE = [
    ProjectStatus.REQUEST,
    ProjectStatus.STUDY,
    ProjectStatus.QUOTE,
    ProjectStatus.IN_PROGRESS,
    ProjectStatus.DELIVERED,
    ProjectStatus.CLOSED,
]


class ProjectQuerySet(models.QuerySet["Project"]):
    def counted(self) -> ProjectQuerySet:
        """Projects that count for a client's history (an abandoned request does not)."""
        return self.exclude(status=ProjectStatus.ABANDONED)

    def open(self) -> ProjectQuerySet:
        return self.exclude(status__in=[ProjectStatus.CLOSED, ProjectStatus.ABANDONED])

    def for_client(self, organisation_id: int | None) -> ProjectQuerySet:
        return self.filter(client_id=organisation_id) if organisation_id else self.none()


class Project(TimeStampedModel):
    """A company's prototyping, test or change-management project with the Pôle Industrie."""

    reference = models.CharField(_("référence"), max_length=20, unique=True)
    title = models.CharField(_("intitulé"), max_length=200)
    description = models.TextField(_("besoin du client"), blank=True)
    client = models.ForeignKey(
        Organisation, verbose_name=_("client"), on_delete=models.PROTECT, related_name="industry_projects"
    )
    contact = models.ForeignKey(
        Person,
        verbose_name=_("contact client"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="industry_projects",
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingénieur·e référent·e"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_industry_projects",
    )
    kind = models.CharField(_("type"), max_length=20, choices=ProjectKind.choices)
    status = models.CharField(
        _("statut"),
        max_length=12,
        choices=ProjectStatus.choices,
        default=ProjectStatus.REQUEST,
        db_index=True,
    )
    requested_on = models.DateField(_("demandé le"))
    started_on = models.DateField(_("démarré le"), null=True, blank=True)
    delivered_on = models.DateField(_("livré le"), null=True, blank=True)
    closed_on = models.DateField(_("clôturé le"), null=True, blank=True)
    satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction du client (1 à 5)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    satisfaction_comment = models.TextField(_("commentaire du client"), blank=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_on", "-pk"]
        verbose_name = _("projet")
        verbose_name_plural = _("projets")

    def __str__(self) -> str:
        return f"{self.reference} – {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("industry:project_detail", args=[self.pk])

    @property
    def next_statuses(self) -> tuple[str, ...]:
        return PROJECT_TRANSITIONS[self.status]

    @property
    def is_open(self) -> bool:
        return self.status not in {ProjectStatus.CLOSED, ProjectStatus.ABANDONED}

    @property
    def may_be_quoted(self) -> bool:
        """A project is costed once studied, and again while its quote is discussed."""
        return self.status in {ProjectStatus.STUDY, ProjectStatus.QUOTE}


class ProjectStep(models.Model):
    """One move of a project through its statuses: who, when, why."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="steps")
    from_status = models.CharField(_("de"), max_length=12, choices=ProjectStatus.choices, blank=True)
    to_status = models.CharField(_("vers"), max_length=12, choices=ProjectStatus.choices)
    at = models.DateTimeField(_("le"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("étape du projet")
        verbose_name_plural = _("étapes du projet")

    def __str__(self) -> str:
        return f"{self.project.reference}: {self.to_status}"


class TimeEntry(models.Model):
    """Hours an engineer spent on a project, one day at a time."""

    class Activity(models.TextChoices):
        STUDY = "study", _("Étude et conception")
        PROTOTYPING = "prototyping", _("Prototypage et essais")
        SUPPORT = "support", _("Accompagnement et formation")
        MEETING = "meeting", _("Réunion client")
        REPORT = "report", _("Rapport et livrables")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="time_entries")
    engineer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("intervenant·e"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="industry_time_entries",
    )
    day = models.DateField(_("jour"))
    hours = models.DecimalField(
        _("heures"),
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(Decimal("12"))],
    )
    activity = models.CharField(_("activité"), max_length=12, choices=Activity.choices)
    note = models.CharField(_("détail"), max_length=250, blank=True)

    class Meta:
        ordering = ["-day", "-pk"]
        verbose_name = _("temps passé")
        verbose_name_plural = _("temps passés")

    def __str__(self) -> str:
        return f"{self.project.reference} {self.day} {self.hours} h"


def deliverable_path(instance: Deliverable, filename: str) -> str:
    return f"industry/deliverables/{instance.project_id}/{uuid.uuid4().hex[:8]}-{filename}"


class Deliverable(TimeStampedModel):
    """What the client receives: a report, a part, a prototype, a file, a training."""

    class Kind(models.TextChoices):
        REPORT = "report", _("Rapport")
        PART = "part", _("Pièce")
        PROTOTYPE = "prototype", _("Prototype")
        FILE = "file", _("Fichier (CAO, programme…)")
        TRAINING = "training", _("Formation")
        PLAN = "plan", _("Plan d'action")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="deliverables")
    title = models.CharField(_("intitulé"), max_length=200)
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    due_on = models.DateField(_("prévu le"), null=True, blank=True)
    delivered_on = models.DateField(_("remis le"), null=True, blank=True)
    file = models.FileField(
        _("fichier"), upload_to=deliverable_path, blank=True, validators=[validate_deliverable_file]
    )

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("livrable")
        verbose_name_plural = _("livrables")

    def __str__(self) -> str:
        return self.title


class Quote(TimeStampedModel):
    """A priced offer to the client; its acceptance starts the project."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Brouillon")
        SENT = "sent", _("Envoyé")
        ACCEPTED = "accepted", _("Accepté")
        DECLINED = "declined", _("Refusé")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="quotes")
    number = models.CharField(_("numéro"), max_length=20, unique=True)
    status = models.CharField(_("statut"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    issued_on = models.DateField(_("émis le"), null=True, blank=True)
    valid_until = models.DateField(_("valable jusqu'au"), null=True, blank=True)
    vat_rate = models.DecimalField(_("TVA (%)"), max_digits=4, decimal_places=2, default=Decimal("20.00"))
    notes = models.TextField(_("conditions"), blank=True)
    decided_on = models.DateField(_("décidé le"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("devis")
        verbose_name_plural = _("devis")

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("industry:quote_detail", args=[self.pk])

    @property
    def awaits_decision(self) -> bool:
        """Sent to the client, who accepts or declines it."""
        return self.status == self.Status.SENT

    def totals(self, lines: list[QuoteLine] | None = None) -> tuple[Decimal, Decimal, Decimal]:
        """(net, VAT, gross), each rounded to the cent."""
        lines = list(self.lines.all()) if lines is None else lines
        net = sum((line.amount for line in lines), Decimal("0")).quantize(CENT, ROUND_HALF_UP)
        vat = (net * self.vat_rate / 100).quantize(CENT, ROUND_HALF_UP)
        return net, vat, net + vat


class QuoteLine(models.Model):
    class Kind(models.TextChoices):
        ENGINEERING = "engineering", _("Ingénierie")
        MACHINE = "machine", _("Heures machine")
        MATERIAL = "material", _("Matière et consommables")
        OTHER = "other", _("Autre")

    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("nature"), max_length=12, choices=Kind.choices)
    label = models.CharField(_("désignation"), max_length=200)
    equipment = models.ForeignKey(
        "industry.Equipment", verbose_name=_("équipement"), null=True, blank=True, on_delete=models.SET_NULL
    )
    quantity = models.DecimalField(
        _("quantité"), max_digits=8, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    unit = models.CharField(_("unité"), max_length=20, default="h")
    unit_price = models.DecimalField(
        _("prix unitaire HT (€)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("ligne de devis")
        verbose_name_plural = _("lignes de devis")

    def __str__(self) -> str:
        return self.label

    @property
    def amount(self) -> Decimal:
        return (self.quantity * self.unit_price).quantize(CENT, ROUND_HALF_UP)
