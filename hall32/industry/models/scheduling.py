"""Job-shop schedules: jobs made of operations on machines, solved into start times, then
turned into bookings in one action."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hall32.core.models import Job, TimeStampedModel
from hall32.industry.models.equipment import Equipment


class ScheduleRun(TimeStampedModel):
    """A set of jobs to schedule from a date on; keeps its last solution until applied."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("À calculer")
        SOLVED = "solved", _("Calculé")
        FAILED = "failed", _("Sans solution")
        APPLIED = "applied", _("Réservé")

    name = models.CharField(_("nom"), max_length=150)
    project = models.ForeignKey(
        "industry.Project",
        verbose_name=_("projet"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="schedules",
    )
    not_before = models.DateTimeField(_("au plus tôt le"))
    status = models.CharField(_("statut"), max_length=8, choices=Status.choices, default=Status.DRAFT)
    time_limit = models.PositiveSmallIntegerField(
        _("temps de calcul (s)"), default=10, validators=[MinValueValidator(1), MaxValueValidator(120)]
    )
    makespan_minutes = models.PositiveIntegerField(_("durée totale (min)"), null=True, blank=True)
    lower_bound_minutes = models.PositiveIntegerField(null=True, blank=True)
    solver_status = models.CharField(max_length=20, blank=True)
    seconds = models.FloatField(null=True, blank=True)
    message = models.CharField(_("message"), max_length=300, blank=True)
    solved_at = models.DateTimeField(_("calculé le"), null=True, blank=True)
    applied_at = models.DateTimeField(_("réservé le"), null=True, blank=True)
    job = models.ForeignKey(Job, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("ordonnancement")
        verbose_name_plural = _("ordonnancements")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("industry:schedule_detail", args=[self.pk])


class ScheduledOperation(models.Model):
    """One operation of a job: a machine for a duration, after the job's previous operation."""

    run = models.ForeignKey(ScheduleRun, on_delete=models.CASCADE, related_name="operations")
    job_label = models.CharField(_("ordre de fabrication"), max_length=60)
    sequence = models.PositiveSmallIntegerField(_("rang"))
    equipment = models.ForeignKey(Equipment, verbose_name=_("équipement"), on_delete=models.PROTECT)
    duration_minutes = models.PositiveIntegerField(
        _("durée (min)"), validators=[MinValueValidator(1), MaxValueValidator(60 * 24 * 14)]
    )
    start = models.DateTimeField(_("début"), null=True, blank=True)
    end = models.DateTimeField(_("fin"), null=True, blank=True)

    class Meta:
        ordering = ["run", "pk"]
        verbose_name = _("opération")
        verbose_name_plural = _("opérations")

    def __str__(self) -> str:
        return f"{self.job_label} #{self.sequence} {self.equipment.code}"
