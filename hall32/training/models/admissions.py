"""Admissions on personality and motivation: applications, their pipeline, rubric-scored interviews."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hall32.core.models import Person, TimeStampedModel
from hall32.core.validators import validate_postcode
from hall32.training.models.catalogue import Course, Trade


class ApplicationStatus(models.TextChoices):
    RECEIVED = "received", _("Reçue")
    INFO_MEETING = "info_meeting", _("Réunion d'information")
    INTERVIEW = "interview", _("Entretien de motivation")
    IMMERSION = "immersion", _("Journée d'immersion en atelier")
    ADMITTED = "admitted", _("Admis·e")
    REJECTED = "rejected", _("Non retenu·e")
    CONTRACT_SIGNED = "contract_signed", _("Contrat signé")
    WITHDRAWN = "withdrawn", _("Désistement")


# The pipeline: from each status, where an application may go next.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    ApplicationStatus.RECEIVED: (ApplicationStatus.INFO_MEETING, ApplicationStatus.WITHDRAWN),
    ApplicationStatus.INFO_MEETING: (ApplicationStatus.INTERVIEW, ApplicationStatus.WITHDRAWN),
    ApplicationStatus.INTERVIEW: (
        ApplicationStatus.IMMERSION,
        ApplicationStatus.REJECTED,
        ApplicationStatus.WITHDRAWN,
    ),
    ApplicationStatus.IMMERSION: (
        ApplicationStatus.ADMITTED,
        ApplicationStatus.REJECTED,
        ApplicationStatus.WITHDRAWN,
    ),
    ApplicationStatus.ADMITTED: (ApplicationStatus.CONTRACT_SIGNED, ApplicationStatus.WITHDRAWN),
    ApplicationStatus.REJECTED: (),
    ApplicationStatus.CONTRACT_SIGNED: (),
    ApplicationStatus.WITHDRAWN: (),
}
DECISIONS = frozenset({ApplicationStatus.ADMITTED, ApplicationStatus.REJECTED})
PIPELINE = [
    ApplicationStatus.RECEIVED,
    ApplicationStatus.INFO_MEETING,
    ApplicationStatus.INTERVIEW,
    ApplicationStatus.IMMERSION,
    ApplicationStatus.ADMITTED,
    ApplicationStatus.CONTRACT_SIGNED,
]


class Application(TimeStampedModel):
    """Someone applies for a course, online and without an account (personal data)."""

    class HeardFrom(models.TextChoices):
        FORUM = "forum", _("Forum des métiers")
        OPEN_DAY = "open_day", _("Journée portes ouvertes")
        SCHOOL = "school", _("Mon établissement")
        AGENCY = "agency", _("Mission Locale, CIO, France Travail")
        FAMILY = "family", _("Famille ou amis")
        INTERNET = "internet", _("Internet, réseaux sociaux")
        OTHER = "other", _("Autre")

    class Situation(models.TextChoices):
        COLLEGE = "college", _("En 3e")
        LYCEE = "lycee", _("Au lycée")
        BAC = "bac", _("Bachelier·e")
        HIGHER = "higher", _("Dans le supérieur")
        JOB_SEEKER = "job_seeker", _("Demandeur·se d'emploi")
        EMPLOYEE = "employee", _("Salarié·e")
        NONE = "none", _("Sans activité")

    reference = models.CharField(_("référence"), max_length=20, unique=True)
    applicant = models.ForeignKey(
        Person, verbose_name=_("candidat·e"), on_delete=models.PROTECT, related_name="applications"
    )
    course = models.ForeignKey(
        Course, verbose_name=_("formation demandée"), on_delete=models.PROTECT, related_name="applications"
    )
    school_year = models.PositiveSmallIntegerField(_("rentrée"))
    status = models.CharField(
        _("étape"),
        max_length=16,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.RECEIVED,
        db_index=True,
    )
    motivation = models.TextField(
        _("motivation"), help_text=_("Pourquoi ce métier ? Ce qui vous plaît, ce que vous avez déjà fait.")
    )
    heard_from = models.CharField(
        _("comment nous avez-vous connus ?"),
        max_length=10,
        choices=HeardFrom.choices,
        default=HeardFrom.OTHER,
    )
    situation = models.CharField(
        _("situation actuelle"), max_length=12, choices=Situation.choices, default=Situation.COLLEGE
    )
    last_school = models.CharField(_("dernier établissement"), max_length=200, blank=True)
    school_grades = models.TextField(
        _("notes scolaires (informatives)"),
        blank=True,
        help_text=_("Consignées pour l'accompagnement ; elles n'entrent jamais dans la décision."),
    )
    has_company = models.BooleanField(_("a déjà une entreprise d'accueil"), default=False)
    company_name = models.CharField(_("entreprise d'accueil"), max_length=200, blank=True)
    sought_trade = models.ForeignKey(
        Trade,
        verbose_name=_("métier recherché"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sought_postcode = models.CharField(
        _("code postal de recherche"), max_length=5, blank=True, validators=[validate_postcode]
    )
    mobility_km = models.PositiveSmallIntegerField(_("mobilité (km)"), default=25)
    desired_start = models.DateField(_("début souhaité"), null=True, blank=True)
    decision_reasons = models.TextField(_("motifs de la décision"), blank=True)
    decided_at = models.DateTimeField(_("décidée le"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        verbose_name = _("candidature")
        verbose_name_plural = _("candidatures")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["applicant", "course", "school_year"], name="application_once_per_course_and_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference} – {self.applicant}"

    def get_absolute_url(self) -> str:
        return reverse("training:application_detail", args=[self.pk])

    @property
    def next_statuses(self) -> tuple[str, ...]:
        return TRANSITIONS[self.status]

    @property
    def is_open(self) -> bool:
        return bool(TRANSITIONS[self.status])


class ApplicationStep(models.Model):
    """One move of an application along the pipeline: who, when, why."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="steps")
    from_status = models.CharField(max_length=16, choices=ApplicationStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=ApplicationStatus.choices)
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.application.reference}: {self.from_status} → {self.to_status}"


class Rubric(TimeStampedModel):
    """An interview grid of personality and motivation criteria (configurable, weighted)."""

    name = models.CharField(_("nom"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("grille en usage"), default=True)

    class Meta:
        verbose_name = _("grille d'entretien")
        verbose_name_plural = _("grilles d'entretien")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RubricCriterion(models.Model):
    MAX_SCORE = 4

    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="criteria")
    label = models.CharField(_("critère"), max_length=120)
    description = models.CharField(_("ce que l'on observe"), max_length=250, blank=True)
    weight = models.PositiveSmallIntegerField(_("poids"), default=1, validators=[MaxValueValidator(10)])
    order = models.PositiveSmallIntegerField(_("ordre"), default=10)

    class Meta:
        verbose_name = _("critère")
        verbose_name_plural = _("critères")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return f"{self.label} (×{self.weight})"


class Interview(TimeStampedModel):
    """A motivation interview, scored on a rubric. The score never reads school grades."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="interviews")
    rubric = models.ForeignKey(Rubric, verbose_name=_("grille"), on_delete=models.PROTECT, related_name="+")
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mené par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    held_on = models.DateField(_("date"))
    notes = models.TextField(_("observations"), blank=True)
    score = models.FloatField(_("score (sur 100)"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("entretien")
        verbose_name_plural = _("entretiens")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.application.reference} – {self.held_on:%d/%m/%Y}"


class InterviewScore(models.Model):
    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(RubricCriterion, on_delete=models.PROTECT, related_name="+")
    value = models.PositiveSmallIntegerField(validators=[MaxValueValidator(RubricCriterion.MAX_SCORE)])

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["interview", "criterion"], name="one_score_per_criterion")
        ]

    def __str__(self) -> str:
        return f"{self.criterion.label}: {self.value}"
