"""Matching candidates to offers: each side's preferences, the runs (optimal and stable assignments
computed by hall32/network/optimisation), and the introductions the coordinator proposes."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hall32.core.models import Job, Person, TimeStampedModel
from hall32.network.models.offers import Offer


class CandidateProfile(TimeStampedModel):
    """What matching needs to know about a candidate beyond the application: mobility and skills."""

    person = models.OneToOneField(
        Person, verbose_name=_("candidat·e"), on_delete=models.CASCADE, related_name="matching_profile"
    )
    has_car = models.BooleanField(_("véhiculé·e"), default=False)
    max_km = models.PositiveSmallIntegerField(
        _("distance maximale (km)"), default=30, validators=[MaxValueValidator(200)]
    )
    skills = models.JSONField(_("compétences"), default=list, blank=True)

    class Meta:
        verbose_name = _("profil de placement")
        verbose_name_plural = _("profils de placement")

    def __str__(self) -> str:
        return str(self.person)


class CandidatePreference(models.Model):
    """A candidate's ranking of an offer: 1 is the favourite."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="offer_preferences")
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="candidate_preferences")
    rank = models.PositiveSmallIntegerField(_("rang"), validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("vœu")
        verbose_name_plural = _("vœux")
        ordering = ["person", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["person", "offer"], name="network_preference_once"),
            models.UniqueConstraint(fields=["person", "rank"], name="network_preference_rank_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.rank} · {self.offer}"


class CompanyRating(TimeStampedModel):
    """A company's rating of a candidate for an offer, after meeting them (1 to 5)."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="ratings")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="company_ratings")
    rating = models.PositiveSmallIntegerField(
        _("appréciation"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.CharField(_("commentaire"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("appréciation de l'entreprise")
        verbose_name_plural = _("appréciations des entreprises")
        constraints = [models.UniqueConstraint(fields=["offer", "person"], name="network_rating_once")]


class MatchingRun(TimeStampedModel):
    """One computation of the two assignments over the open offers and the unplaced candidates."""

    class Status(models.TextChoices):
        PENDING = "pending", _("En cours")
        DONE = "done", _("Terminé")
        FAILED = "failed", _("Échec")

    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lancé par"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    job = models.ForeignKey(Job, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(_("statut"), max_length=10, choices=Status.choices, default=Status.PENDING)
    candidates_count = models.PositiveIntegerField(_("candidats"), default=0)
    places_count = models.PositiveIntegerField(_("places"), default=0)
    # Per algorithm ("optimal", "stable", "greedy"): total score, placed, blocking pairs, seconds.
    summary = models.JSONField(_("résumé"), default=dict, blank=True)
    reason = models.CharField(_("motif"), max_length=40, blank=True)
    message = models.TextField(_("message"), blank=True)

    class Meta:
        verbose_name = _("calcul de placement")
        verbose_name_plural = _("calculs de placement")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("network:matching_run", args=[self.pk])


class MatchingAssignment(models.Model):
    """One candidate placed on one offer by one algorithm of a run (or by the coordinator's hand)."""

    class Algorithm(models.TextChoices):
        OPTIMAL = "optimal", _("Score total maximal")
        STABLE = "stable", _("Stable (acceptation différée)")
        MANUAL = "manual", _("Ajusté à la main")

    run = models.ForeignKey(MatchingRun, on_delete=models.CASCADE, related_name="assignments")
    algorithm = models.CharField(_("affectation"), max_length=10, choices=Algorithm.choices)
    person = models.ForeignKey(
        Person, verbose_name=_("candidat·e"), on_delete=models.CASCADE, related_name="+"
    )
    offer = models.ForeignKey(Offer, verbose_name=_("offre"), on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(_("score"))
    blocking = models.BooleanField(_("dans une paire bloquante"), default=False)

    class Meta:
        verbose_name = _("affectation")
        verbose_name_plural = _("affectations")
        ordering = ["run", "algorithm", "offer", "person"]
        constraints = [
            models.UniqueConstraint(fields=["run", "algorithm", "person"], name="network_assignment_once")
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.offer} ({self.get_algorithm_display()})"


class Introduction(TimeStampedModel):
    """A candidate proposed to a company for an offer, and how it goes."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposée")
        INTERVIEW = "interview", _("Entretien")
        ACCEPTED = "accepted", _("Acceptée")
        REFUSED = "refused", _("Refusée")
        WITHDRAWN = "withdrawn", _("Retirée")

    OPEN_STATUSES = (Status.PROPOSED, Status.INTERVIEW)

    person = models.ForeignKey(
        Person, verbose_name=_("candidat·e"), on_delete=models.CASCADE, related_name="introductions"
    )
    offer = models.ForeignKey(
        Offer, verbose_name=_("offre"), on_delete=models.PROTECT, related_name="introductions"
    )
    run = models.ForeignKey(
        MatchingRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="introductions"
    )
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.PROPOSED, db_index=True
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposée par"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    interview_at = models.DateTimeField(_("entretien le"), null=True, blank=True)
    score = models.FloatField(_("score"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # The draft apprenticeship contract opened when the introduction is accepted (training's id).
    contract_id = models.PositiveIntegerField(_("contrat"), null=True, blank=True, editable=False)
    decided_at = models.DateTimeField(_("décidée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("mise en relation")
        verbose_name_plural = _("mises en relation")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "offer"],
                condition=Q(status__in=["proposed", "interview", "accepted"]),
                name="network_introduction_open_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.offer}"

    def get_absolute_url(self) -> str:
        return reverse("network:introduction_detail", args=[self.pk])
