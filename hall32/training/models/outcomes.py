"""What leavers become: diploma, situation at the end of the course, follow-up at six months."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from hall32.core.models import Organisation, Person, TimeStampedModel
from hall32.training.models.catalogue import Course


class Situation(models.TextChoices):
    FURTHER_STUDY = "further_study", _("Poursuite d'études")
    EMPLOYED = "employed", _("En emploi")
    JOB_SEEKING = "job_seeking", _("En recherche d'emploi")
    OTHER = "other", _("Autre")


class Outcome(TimeStampedModel):
    """A leaver's outcome for a course (personal data)."""

    learner = models.ForeignKey(
        Person, verbose_name=_("apprenant·e"), on_delete=models.CASCADE, related_name="outcomes"
    )
    course = models.ForeignKey(
        Course, verbose_name=_("formation"), on_delete=models.PROTECT, related_name="outcomes"
    )
    exit_date = models.DateField(_("date de sortie"))
    completed = models.BooleanField(_("parcours mené à son terme"), default=True)
    diploma_obtained = models.BooleanField(_("diplôme obtenu"), null=True, blank=True)
    situation = models.CharField(_("situation à la sortie"), max_length=14, choices=Situation.choices)
    detail = models.CharField(
        _("précision"), max_length=200, blank=True, help_text=_("Formation suivie, poste occupé…")
    )
    employer = models.ForeignKey(
        Organisation,
        verbose_name=_("employeur"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    followup_situation = models.CharField(
        _("situation à 6 mois"), max_length=14, choices=Situation.choices, blank=True
    )
    followup_on = models.DateField(_("suivi fait le"), null=True, blank=True)
    followup_detail = models.CharField(_("précision (6 mois)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("devenir")
        verbose_name_plural = _("devenirs")
        ordering = ["-exit_date"]
        constraints = [models.UniqueConstraint(fields=["learner", "course"], name="outcome_once_per_course")]

    def __str__(self) -> str:
        return f"{self.learner} – {self.course.code}: {self.get_situation_display()}"
