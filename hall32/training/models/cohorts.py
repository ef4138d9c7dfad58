"""Cohorts per school year, enrolments, the timetable and its calendar links (attendance is in
models/attendance.py)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hall32.core.models import Person, Room, TimeStampedModel
from hall32.training.models.catalogue import Course


class CohortQuerySet(models.QuerySet["Cohort"]):
    def in_year(self, start_year: int) -> CohortQuerySet:
        return self.filter(school_year=start_year)


class Cohort(TimeStampedModel):
    """The learners of a course in one school year and one stage of it (1st, 2nd, 3rd year)."""

    course = models.ForeignKey(
        Course, verbose_name=_("formation"), on_delete=models.PROTECT, related_name="cohorts"
    )
    school_year = models.PositiveSmallIntegerField(_("année scolaire (année de rentrée)"), db_index=True)
    stage = models.PositiveSmallIntegerField(_("année de formation"), default=1)
    code = models.CharField(_("code"), max_length=40, unique=True)
    start_date = models.DateField(_("début"))
    end_date = models.DateField(_("fin"))
    trainers = models.ManyToManyField(
        Person,
        verbose_name=_("formateur·rice·s"),
        blank=True,
        related_name="taught_cohorts",
        help_text=_("Ils font l'appel et évaluent les apprenant·e·s de cette promotion."),
    )
    rhythm_weeks_school = models.PositiveSmallIntegerField(_("semaines en centre par cycle"), default=2)
    rhythm_weeks_company = models.PositiveSmallIntegerField(_("semaines en entreprise par cycle"), default=2)

    objects = CohortQuerySet.as_manager()

    class Meta:
        verbose_name = _("promotion")
        verbose_name_plural = _("promotions")
        ordering = ["-school_year", "course__order", "stage"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gt=models.F("start_date")), name="cohort_dates"),
        ]

    def __str__(self) -> str:
        return f"{self.course.title} – {self.stage_label} – {self.school_year}-{self.school_year + 1}"

    def get_absolute_url(self) -> str:
        return reverse("training:cohort_detail", args=[self.pk])

    @property
    def label(self) -> str:
        return f"{self.course.code} · {self.stage_label} · {self.school_year}-{self.school_year + 1}"

    @property
    def stage_label(self) -> str:
        return _("1re année") if self.stage == 1 else _("%(n)se année") % {"n": self.stage}


class EnrolmentQuerySet(models.QuerySet["Enrolment"]):
    def current_on(self, day) -> EnrolmentQuerySet:
        return self.filter(start_date__lte=day).filter(Q(end_date__isnull=True) | Q(end_date__gte=day))

    def initial(self) -> EnrolmentQuerySet:
        return self.filter(cohort__course__level__in=[Course.Level.BAC_PRO, Course.Level.BTS])


class Enrolment(TimeStampedModel):
    """A learner in a cohort (personal data)."""

    class Status(models.TextChoices):
        APPRENTICE = "apprentice", _("Apprenti·e")
        STUDENT = "student", _("Statut scolaire")
        TRAINEE = "trainee", _("Stagiaire de la formation continue")

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("promotion"), on_delete=models.PROTECT, related_name="enrolments"
    )
    person = models.ForeignKey(
        "core.Person",
        verbose_name=_("apprenant·e"),
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    status = models.CharField(_("statut"), max_length=12, choices=Status.choices, default=Status.APPRENTICE)
    start_date = models.DateField(_("entrée"))
    end_date = models.DateField(_("sortie"), null=True, blank=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        ordering = ["person__last_name", "person__first_name"]
        constraints = [models.UniqueConstraint(fields=["cohort", "person"], name="enrolment_once_per_cohort")]

    def __str__(self) -> str:
        return f"{self.person} – {self.cohort.code}"


class Session(models.Model):
    """A class session of a cohort (half a day at the centre, usually)."""

    class Kind(models.TextChoices):
        COURSE = "course", _("Cours")
        WORKSHOP = "workshop", _("Atelier")
        EXAM = "exam", _("Évaluation")

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("promotion"), on_delete=models.CASCADE, related_name="sessions"
    )
    date = models.DateField(_("date"), db_index=True)
    start = models.TimeField(_("début"))
    end = models.TimeField(_("fin"))
    title = models.CharField(_("module"), max_length=150)
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices, default=Kind.COURSE)
    trainer = models.ForeignKey(
        Person,
        verbose_name=_("formateur·rice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions_taught",
    )
    room = models.ForeignKey(
        Room, verbose_name=_("salle"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("séance")
        verbose_name_plural = _("séances")
        ordering = ["date", "start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="session_ends_after_start")
        ]
        indexes = [models.Index(fields=["cohort", "date"])]

    def __str__(self) -> str:
        return f"{self.cohort.code} {self.date:%d/%m/%Y} {self.start:%H:%M} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("training:attendance_take", args=[self.pk])


class CalendarToken(models.Model):
    """One subscriber's secret link to one learner's timetable: the learner, each parent and each
    trainer who subscribes has their own, so renewing one leaves the others working. Only the
    digest is kept (see core.tokens); the feed checks at every fetch that the subscriber may still
    see the timetable (a parent no longer may once the learner turns 18)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="calendar_tokens")
    subscriber = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "subscriber"], name="calendar_token_one_per_subscriber")
        ]

    def __str__(self) -> str:
        return f"{self.person} ← {self.subscriber}"
