"""Targeted programmes: each a path of referral, intake, weekly progress, outcome."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hall32.core.models import Organisation, Person, TimeStampedModel


class Programme(TimeStampedModel):
    class Kind(models.TextChoices):
        DROPOUT = "dropout", _("Jeunes décrocheurs (16-25 ans)")
        REMOBILISATION = "remobilisation", _("Remobilisation des demandeurs d'emploi de longue durée")
        REFUGEES = "refugees", _("Réfugiés, avec des employeurs partenaires")

    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices, unique=True)
    name = models.CharField(_("nom"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    min_age = models.PositiveSmallIntegerField(_("âge minimum"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("âge maximum"), null=True, blank=True)
    duration_weeks = models.PositiveSmallIntegerField(_("durée (semaines)"), default=10)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def age_label(self) -> str:
        """« 16 à 25 ans », « 18 ans et plus », « jusqu'à 25 ans », or "" with no bound."""
        low, high = self.min_age, self.max_age
        if low is not None and high is not None:
            return _("%(low)s à %(high)s ans") % {"low": low, "high": high}
        if low is not None:
            return _("%(low)s ans et plus") % {"low": low}
        if high is not None:
            return _("jusqu'à %(high)s ans") % {"high": high}
        return ""


class ProgrammeSession(TimeStampedModel):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="sessions"
    )
    name = models.CharField(_("session"), max_length=150)
    start = models.DateField(_("début"))
    end = models.DateField(_("fin"))
    capacity = models.PositiveSmallIntegerField(_("places"), default=12)
    coach = models.ForeignKey(
        Person, verbose_name=_("coach"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    employer_partners = models.ManyToManyField(
        Organisation, verbose_name=_("employeurs partenaires"), blank=True, related_name="programme_sessions"
    )

    class Meta:
        verbose_name = _("session de programme")
        verbose_name_plural = _("sessions de programme")
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="programme_session_dates")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("training:programme_session", args=[self.pk])


class ProgrammeModule(models.Model):
    class Kind(models.TextChoices):
        COACHING = "coaching", _("Coaching")
        PHYSICAL = "physical", _("Préparation physique")
        KNOW_HOW = "know_how", _("Savoir-faire")
        SOFT_SKILLS = "soft_skills", _("Savoir-être")
        LANGUAGE = "language", _("Français professionnel")
        WORKPLACE = "workplace", _("Immersion en entreprise")

    session = models.ForeignKey(ProgrammeSession, on_delete=models.CASCADE, related_name="modules")
    title = models.CharField(_("module"), max_length=150)
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    hours = models.PositiveSmallIntegerField(_("heures"), default=10)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class ReferralStatus(models.TextChoices):
    REFERRED = "referred", _("Orienté·e")
    INTAKE = "intake", _("Accueilli·e")
    IN_PROGRESS = "in_progress", _("En parcours")
    COMPLETED = "completed", _("Parcours terminé")
    DROPPED = "dropped", _("Abandon")


REFERRAL_TRANSITIONS: dict[str, tuple[str, ...]] = {
    ReferralStatus.REFERRED: (ReferralStatus.INTAKE, ReferralStatus.DROPPED),
    ReferralStatus.INTAKE: (ReferralStatus.IN_PROGRESS, ReferralStatus.DROPPED),
    ReferralStatus.IN_PROGRESS: (ReferralStatus.COMPLETED, ReferralStatus.DROPPED),
    ReferralStatus.COMPLETED: (),
    ReferralStatus.DROPPED: (),
}


class Referral(TimeStampedModel):
    """A person referred to a programme by a partner, and their path in it (personal data)."""

    class Outcome(models.TextChoices):
        JOB_OFFER = "job_offer", _("Offre d'emploi reçue")
        EMPLOYMENT = "employment", _("En emploi")
        TRAINING = "training", _("En formation")
        NONE = "none", _("Sans solution")

    person = models.ForeignKey(
        Person, verbose_name=_("personne"), on_delete=models.PROTECT, related_name="referrals"
    )
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="referrals"
    )
    session = models.ForeignKey(
        ProgrammeSession,
        verbose_name=_("session"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    referred_by = models.ForeignKey(
        Organisation,
        verbose_name=_("structure prescriptrice"),
        on_delete=models.PROTECT,
        related_name="referrals_made",
    )
    referrer = models.ForeignKey(
        Person,
        verbose_name=_("conseiller·ère"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals_sent",
    )
    referred_on = models.DateField(_("orienté·e le"))
    reason = models.TextField(_("motif de l'orientation"), blank=True)
    status = models.CharField(
        _("étape"),
        max_length=12,
        choices=ReferralStatus.choices,
        default=ReferralStatus.REFERRED,
        db_index=True,
    )
    intake_on = models.DateField(_("accueilli·e le"), null=True, blank=True)
    outcome = models.CharField(_("sortie"), max_length=12, choices=Outcome.choices, blank=True)
    outcome_on = models.DateField(_("sortie le"), null=True, blank=True)
    outcome_detail = models.CharField(_("précision"), max_length=200, blank=True)
    employer = models.ForeignKey(
        Organisation,
        verbose_name=_("employeur"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals_created",
    )

    class Meta:
        verbose_name = _("orientation")
        verbose_name_plural = _("orientations")
        ordering = ["-referred_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.person} → {self.programme}"

    def get_absolute_url(self) -> str:
        return reverse("training:referral_detail", args=[self.pk])


class ProgressNote(TimeStampedModel):
    """A weekly note on a participant's progress (personal data)."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="notes")
    week = models.PositiveSmallIntegerField(_("semaine"))
    written_on = models.DateField(_("date"))
    note = models.TextField(_("point d'étape"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("point d'étape")
        verbose_name_plural = _("points d'étape")
        ordering = ["week", "pk"]

    def __str__(self) -> str:
        return f"{self.referral} – S{self.week}"
