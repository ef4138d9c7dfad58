"""Attendance: the codes a register uses, each learner's mark per session, and absence alerts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hall32.core.models import Person
from hall32.training.models.cohorts import Cohort, Session


class AttendanceCode(models.Model):
    """A configurable attendance code (present, absent, late, excused…)."""

    code = models.CharField(_("code"), max_length=4, unique=True)
    label = models.CharField(_("libellé"), max_length=60)
    counts_as_absence = models.BooleanField(_("compte comme absence"), default=False)
    is_excused = models.BooleanField(_("justifiée"), default=False)
    is_late = models.BooleanField(_("retard"), default=False)
    is_default = models.BooleanField(_("code par défaut"), default=False)
    order = models.PositiveSmallIntegerField(_("ordre"), default=10)

    class Meta:
        verbose_name = _("code de présence")
        verbose_name_plural = _("codes de présence")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return f"{self.code} – {self.label}"


class Attendance(models.Model):
    """A learner's presence at a session (personal data)."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    learner = models.ForeignKey(
        Person, verbose_name=_("apprenant·e"), on_delete=models.CASCADE, related_name="attendances"
    )
    code = models.ForeignKey(
        AttendanceCode, verbose_name=_("présence"), on_delete=models.PROTECT, related_name="+"
    )
    minutes_late = models.PositiveSmallIntegerField(_("minutes de retard"), default=0)
    note = models.CharField(_("remarque"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("saisie le"), auto_now=True)

    class Meta:
        verbose_name = _("présence")
        verbose_name_plural = _("présences")
        constraints = [models.UniqueConstraint(fields=["session", "learner"], name="attendance_once")]
        indexes = [models.Index(fields=["learner", "session"])]

    def __str__(self) -> str:
        return f"{self.learner} {self.session}: {self.code.code}"


class AbsenceAlert(models.Model):
    """Sent once when a learner's unexcused absence rate in a cohort crosses the threshold."""

    learner = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="absence_alerts")
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="absence_alerts")
    rate = models.FloatField(_("taux d'absence"))
    sent_at = models.DateTimeField(_("envoyée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("alerte d'absentéisme")
        verbose_name_plural = _("alertes d'absentéisme")
        constraints = [models.UniqueConstraint(fields=["learner", "cohort"], name="absence_alert_once")]

    def __str__(self) -> str:
        return f"{self.learner} – {self.cohort.code}: {self.rate:.0%}"
