"""Competency frameworks (a diploma's blocks) and evaluations by trainers and company tutors."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from hall32.core.models import Person, TimeStampedModel
from hall32.training.models.catalogue import Course


class CompetencyBlock(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="blocks")
    code = models.CharField(_("code"), max_length=10)
    title = models.CharField(_("bloc de compétences"), max_length=200)
    order = models.PositiveSmallIntegerField(_("ordre"), default=10)

    class Meta:
        verbose_name = _("bloc de compétences")
        verbose_name_plural = _("blocs de compétences")
        ordering = ["order", "code"]
        constraints = [models.UniqueConstraint(fields=["course", "code"], name="block_code_once")]

    def __str__(self) -> str:
        return f"{self.code} – {self.title}"


class Competency(models.Model):
    block = models.ForeignKey(CompetencyBlock, on_delete=models.CASCADE, related_name="competencies")
    code = models.CharField(_("code"), max_length=12)
    title = models.CharField(_("compétence"), max_length=250)
    order = models.PositiveSmallIntegerField(_("ordre"), default=10)

    class Meta:
        verbose_name = _("compétence")
        verbose_name_plural = _("compétences")
        ordering = ["block__order", "order", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Evaluation(TimeStampedModel):
    """A trainer's or tutor's assessment of one competency of one learner (personal data)."""

    class Level(models.IntegerChoices):
        NOT_ACQUIRED = 1, _("Non acquis")
        IN_PROGRESS = 2, _("En cours d'acquisition")
        ACQUIRED = 3, _("Acquis")
        MASTERED = 4, _("Maîtrisé")

    class By(models.TextChoices):
        TRAINER = "trainer", _("Formateur·rice")
        TUTOR = "tutor", _("Tuteur·rice en entreprise")

    learner = models.ForeignKey(
        Person, verbose_name=_("apprenant·e"), on_delete=models.CASCADE, related_name="evaluations"
    )
    competency = models.ForeignKey(
        Competency, verbose_name=_("compétence"), on_delete=models.CASCADE, related_name="evaluations"
    )
    evaluator = models.ForeignKey(
        Person,
        verbose_name=_("évaluateur·rice"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="evaluations_given",
    )
    evaluator_role = models.CharField(_("évalué par"), max_length=8, choices=By.choices)
    level = models.PositiveSmallIntegerField(_("niveau"), choices=Level.choices)
    evaluated_on = models.DateField(_("date"))
    comment = models.CharField(_("commentaire"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("évaluation")
        verbose_name_plural = _("évaluations")
        ordering = ["-evaluated_on", "-pk"]
        indexes = [models.Index(fields=["learner", "competency"])]

    def __str__(self) -> str:
        return f"{self.learner} – {self.competency.code}: {self.level}"
