"""Apprenticeship contracts: every field of the CERFA FA13 form, tutors, and pay by contract year."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hall32.core.models import Organisation, Person, TimeStampedModel
from hall32.training.models.catalogue import Course
from hall32.training.models.cohorts import Enrolment


class Contract(TimeStampedModel):
    """An apprenticeship contract between an employer and an apprentice (personal data)."""

    class Kind(models.TextChoices):
        FIRST = "11", _("11 – Premier contrat d'apprentissage de l'apprenti")
        SAME_EMPLOYER = (
            "21",
            _(
                "21 – Nouveau contrat avec un apprenti qui a terminé son précédent contrat auprès d'un même employeur"
            ),
        )
        OTHER_EMPLOYER = (
            "22",
            _(
                "22 – Nouveau contrat avec un apprenti qui a terminé son précédent contrat auprès d'un autre employeur"
            ),
        )
        AFTER_BREAK = "23", _("23 – Nouveau contrat avec un apprenti dont le précédent contrat a été rompu")

    class Status(models.TextChoices):
        DRAFT = "draft", _("En préparation")
        SIGNED = "signed", _("Signé")
        ENDED = "ended", _("Terminé")
        BROKEN = "broken", _("Rompu")

    class EmployerType(models.TextChoices):
        PRIVATE_RCS = "11", _("11 – Entreprise inscrite au RCS ou au répertoire des métiers")
        PRIVATE_OTHER = "15", _("15 – Autre employeur privé (association, profession libérale…)")
        PUBLIC = "21", _("21 – Employeur public")

    class Nationality(models.TextChoices):
        FRENCH = "1", _("Française")
        EU = "2", _("Union européenne")
        OTHER = "3", _("Étrangère hors Union européenne")

    class SocialRegime(models.TextChoices):
        URSSAF = "2", _("URSSAF")
        MSA = "1", _("MSA")

    class PriorSituation(models.TextChoices):
        SCHOOL = "1", _("Scolaire")
        PREPA = "2", _("Prépa apprentissage")
        STUDENT = "3", _("Étudiant")
        APPRENTICE = "4", _("Contrat d'apprentissage")
        PRO_CONTRACT = "5", _("Contrat de professionnalisation")
        AIDED = "6", _("Contrat aidé")
        TRAINEE = "7", _("En formation au CFA sous statut de stagiaire")
        JOB_SEEKER = "10", _("Demandeur d'emploi")
        INACTIVE = "12", _("Inactif")

    class DiplomaLevel(models.TextChoices):
        NONE = "0", _("Aucun diplôme")
        CAP = "3", _("CAP, BEP (niveau 3)")
        BAC = "4", _("Baccalauréat (niveau 4)")
        BAC2 = "5", _("Bac + 2 (niveau 5)")
        BAC3 = "6", _("Bac + 3 ou 4 (niveau 6)")
        BAC5 = "7", _("Bac + 5 et plus (niveau 7 ou 8)")

    reference = models.CharField(_("numéro"), max_length=30, unique=True)
    status = models.CharField(_("statut"), max_length=8, choices=Status.choices, default=Status.DRAFT)
    apprentice = models.ForeignKey(
        Person, verbose_name=_("apprenti·e"), on_delete=models.PROTECT, related_name="contracts"
    )
    enrolment = models.ForeignKey(
        Enrolment,
        verbose_name=_("inscription"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contracts",
    )
    course = models.ForeignKey(
        Course, verbose_name=_("diplôme préparé"), on_delete=models.PROTECT, related_name="contracts"
    )
    employer = models.ForeignKey(
        Organisation,
        verbose_name=_("employeur"),
        on_delete=models.PROTECT,
        related_name="apprentice_contracts",
        limit_choices_to={"kind": Organisation.Kind.COMPANY},
    )
    opco = models.ForeignKey(
        Organisation,
        verbose_name=_("OPCO"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="funded_contracts",
    )
    # Employer (CERFA, part 1)
    employer_type = models.CharField(
        _("type d'employeur"), max_length=2, choices=EmployerType.choices, default=EmployerType.PRIVATE_RCS
    )
    naf_code = models.CharField(_("code NAF"), max_length=6, blank=True)
    workforce = models.PositiveIntegerField(_("effectif salarié"), null=True, blank=True)
    idcc_code = models.CharField(_("code IDCC de la convention collective"), max_length=4, blank=True)
    retirement_fund = models.CharField(_("caisse de retraite complémentaire"), max_length=120, blank=True)
    # Apprentice (part 2)
    birth_commune = models.CharField(_("commune de naissance"), max_length=120, blank=True)
    birth_department = models.CharField(_("département de naissance"), max_length=3, blank=True)
    nationality = models.CharField(
        _("nationalité"), max_length=1, choices=Nationality.choices, default=Nationality.FRENCH
    )
    social_regime = models.CharField(
        _("régime social"), max_length=1, choices=SocialRegime.choices, default=SocialRegime.URSSAF
    )
    disability_rqth = models.BooleanField(_("reconnaissance de travailleur handicapé (RQTH)"), default=False)
    high_level_athlete = models.BooleanField(_("sportif de haut niveau"), default=False)
    business_project = models.BooleanField(_("projet de création ou reprise d'entreprise"), default=False)
    prior_situation = models.CharField(
        _("situation avant ce contrat"),
        max_length=2,
        choices=PriorSituation.choices,
        default=PriorSituation.SCHOOL,
    )
    last_diploma_prepared = models.CharField(
        _("dernier diplôme ou titre préparé"), max_length=200, blank=True
    )
    last_class = models.CharField(_("dernière classe ou année suivie"), max_length=60, blank=True)
    highest_diploma = models.CharField(
        _("diplôme le plus élevé obtenu"),
        max_length=1,
        choices=DiplomaLevel.choices,
        default=DiplomaLevel.NONE,
    )
    # Contract (part 4)
    kind = models.CharField(_("type de contrat"), max_length=2, choices=Kind.choices, default=Kind.FIRST)
    derogation = models.CharField(
        _("type de dérogation"),
        max_length=60,
        blank=True,
        help_text=_("Par exemple : âge de l'apprenti inférieur à 16 ans."),
    )
    previous_contract = models.CharField(_("numéro du contrat précédent"), max_length=30, blank=True)
    signed_on = models.DateField(_("date de conclusion"), null=True, blank=True)
    start_date = models.DateField(_("début d'exécution"))
    practical_start = models.DateField(
        _("début de la formation pratique chez l'employeur"), null=True, blank=True
    )
    end_date = models.DateField(_("fin du contrat"))
    weekly_hours = models.DecimalField(
        _("durée hebdomadaire (heures)"), max_digits=4, decimal_places=2, default=Decimal("35")
    )
    dangerous_machines = models.BooleanField(_("travail sur machines dangereuses"), default=False)
    rhythm = models.CharField(_("rythme de l'alternance"), max_length=200, blank=True)
    benefit_food = models.DecimalField(
        _("avantage nourriture (€ par repas)"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    benefit_housing = models.DecimalField(
        _("avantage logement (€ par mois)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    # Training (part 5)
    training_start = models.DateField(_("début du cycle de formation"))
    exam_end = models.DateField(_("fin prévue des épreuves"))
    training_hours = models.PositiveIntegerField(_("durée de la formation (heures)"))
    broken_on = models.DateField(_("rupture le"), null=True, blank=True)
    break_reason = models.CharField(_("motif de la rupture"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("contrat d'apprentissage")
        verbose_name_plural = _("contrats d'apprentissage")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gt=F("start_date")), name="contract_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(weekly_hours__gt=0), name="contract_has_hours"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} – {self.apprentice} / {self.employer}"

    def get_absolute_url(self) -> str:
        return reverse("training:contract_detail", args=[self.pk])

    @property
    def is_active(self) -> bool:
        """Signed and running: the one state a contract is broken from."""
        return self.status == self.Status.SIGNED

    @property
    def is_draft(self) -> bool:
        """Being prepared: the one state a contract is signed from, and edited from the page."""
        return self.status == self.Status.DRAFT


class ContractTutor(models.Model):
    """A company tutor (maître d'apprentissage) on a contract: one or two."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="tutors")
    person = models.ForeignKey(
        Person, verbose_name=_("tuteur·rice"), on_delete=models.PROTECT, related_name="tutored_contracts"
    )
    order = models.PositiveSmallIntegerField(_("rang"), default=1)
    job_title = models.CharField(_("emploi occupé"), max_length=120)
    highest_diploma = models.CharField(_("diplôme le plus élevé"), max_length=120, blank=True)
    diploma_level = models.CharField(
        _("niveau"), max_length=1, choices=Contract.DiplomaLevel.choices, default=Contract.DiplomaLevel.BAC
    )
    years_experience = models.PositiveSmallIntegerField(_("années d'expérience dans le métier"), default=2)

    class Meta:
        verbose_name = _("maître d'apprentissage")
        verbose_name_plural = _("maîtres d'apprentissage")
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "order"], name="tutor_rank_once"),
            models.UniqueConstraint(fields=["contract", "person"], name="tutor_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.order})"


class ContractPayPeriod(models.Model):
    """Pay for one contract year, as a share of the minimum wage (SMIC)."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="pay_periods")
    year_index = models.PositiveSmallIntegerField(_("année de contrat"))
    start = models.DateField(_("du"))
    end = models.DateField(_("au"))
    percent = models.DecimalField(_("% du SMIC"), max_digits=5, decimal_places=2)

    class Meta:
        ordering = ["start"]
        constraints = [models.UniqueConstraint(fields=["contract", "start"], name="pay_period_once")]

    def __str__(self) -> str:
        return f"{self.contract.reference} année {self.year_index}: {self.percent} %"
