"""The catalogue: trades and courses (the public pages of the outreach app read it through selectors)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from hall32.core.models import TimeStampedModel


class TradeFamily(models.TextChoices):
    MAINTENANCE = "maintenance", _("Maintenance industrielle")
    MACHINING = "machining", _("Usinage")
    DESIGN_OFFICE = "design_office", _("Bureau d'études")
    ELECTRICAL = "electrical", _("Électrotechnique")
    ROBOTICS = "robotics", _("Robotique et automatismes")
    ADDITIVE = "additive", _("Fabrication additive")
    ELECTRONICS = "electronics", _("Électronique")
    METALWORK = "metalwork", _("Chaudronnerie et soudage")


class TradeQuerySet(models.QuerySet["Trade"]):
    def tension(self) -> TradeQuerySet:
        return self.filter(is_tension=True)


class Trade(TimeStampedModel):
    """An industrial trade the hub trains for; 'tension' trades are those employers struggle to fill."""

    name = models.CharField(_("métier"), max_length=150, unique=True)
    slug = models.SlugField(_("identifiant d'URL"), max_length=150, unique=True)
    family = models.CharField(_("filière"), max_length=20, choices=TradeFamily.choices)
    is_tension = models.BooleanField(
        _("métier en tension"),
        default=False,
        help_text=_("Les entreprises peinent à recruter : mis en avant auprès des jeunes."),
    )
    summary = models.CharField(_("en une phrase"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    outlets = models.TextField(_("débouchés"), blank=True)
    salary_min = models.PositiveIntegerField(
        _("salaire d'embauche min. (brut mensuel, €)"), null=True, blank=True
    )
    salary_max = models.PositiveIntegerField(
        _("salaire d'embauche max. (brut mensuel, €)"), null=True, blank=True
    )
    order = models.PositiveSmallIntegerField(_("ordre"), default=100)

    objects = TradeQuerySet.as_manager()

    class Meta:
        verbose_name = _("métier")
        verbose_name_plural = _("métiers")
        ordering = ["order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(salary_min__isnull=True)
                | Q(salary_max__isnull=True)
                | Q(salary_max__gte=models.F("salary_min")),
                name="trade_salary_range",
            )
        ]

    def __str__(self) -> str:
        return self.name


class CourseQuerySet(models.QuerySet["Course"]):
    def published(self) -> CourseQuerySet:
        return self.filter(is_published=True)

    def initial(self) -> CourseQuerySet:
        return self.filter(level__in=[Course.Level.BAC_PRO, Course.Level.BTS])


class Course(TimeStampedModel):
    """A course of the catalogue: a diploma (Bac Pro, BTS) or a continuing-education session."""

    class Level(models.TextChoices):
        BAC_PRO = "bac_pro", _("Bac Pro")
        BTS = "bts", _("BTS")
        TITRE_PRO = "titre_pro", _("Titre professionnel")
        SHORT = "short", _("Formation courte")

    trade = models.ForeignKey(
        Trade, verbose_name=_("métier"), on_delete=models.PROTECT, related_name="courses"
    )
    code = models.CharField(_("code"), max_length=20, unique=True)
    title = models.CharField(_("intitulé"), max_length=200)
    slug = models.SlugField(_("identifiant d'URL"), max_length=200, unique=True)
    level = models.CharField(_("niveau"), max_length=20, choices=Level.choices)
    qualification_level = models.PositiveSmallIntegerField(
        _("niveau de qualification (cadre national)"),
        default=4,
        help_text=_("4 : baccalauréat ; 5 : bac + 2."),
    )
    duration_months = models.PositiveSmallIntegerField(_("durée (mois)"))
    rhythm = models.CharField(
        _("rythme de l'alternance"),
        max_length=200,
        blank=True,
        help_text=_("Par exemple : 2 semaines à Hall 32, 2 semaines en entreprise."),
    )
    school_weeks_per_year = models.PositiveSmallIntegerField(_("semaines en centre par an"), default=20)
    apprenticeship = models.BooleanField(_("possible en apprentissage"), default=True)
    school_status = models.BooleanField(_("possible sous statut scolaire"), default=False)
    for_job_seekers = models.BooleanField(_("ouverte aux demandeurs d'emploi"), default=False)
    for_employees = models.BooleanField(_("ouverte aux salariés"), default=False)
    summary = models.CharField(_("en une phrase"), max_length=250)
    prerequisites = models.TextField(_("pour qui ?"), blank=True)
    day_in_the_life = models.TextField(_("une journée type"), blank=True)
    outlets = models.TextField(_("et après ?"), blank=True)
    diploma_code = models.CharField(_("code diplôme"), max_length=12, blank=True)
    rncp_code = models.CharField(_("code RNCP"), max_length=12, blank=True)
    training_hours = models.PositiveIntegerField(_("heures de formation en centre"), default=0)
    is_published = models.BooleanField(_("publiée au catalogue"), default=True)
    order = models.PositiveSmallIntegerField(_("ordre"), default=100)

    objects = CourseQuerySet.as_manager()

    class Meta:
        verbose_name = _("formation")
        verbose_name_plural = _("formations")
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("outreach:course_detail", args=[self.slug])

    @property
    def duration_label(self) -> str:
        if self.duration_months % 12 == 0:
            years = self.duration_months // 12
            return ngettext("%(years)s an", "%(years)s ans", years) % {"years": years}
        months = self.duration_months
        return ngettext("%(months)s mois", "%(months)s mois", months) % {"months": months}
