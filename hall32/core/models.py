"""Core records shared by every app: organisations, people, sites, accounts, audit, jobs."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from hall32.core.roles import STAFF_ROLES, Role
from hall32.core.validators import validate_postcode, validate_siret, validate_uai


def years_before(day: date, years: int) -> date:
    """The same calendar day `years` earlier (28 February for a 29 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        abstract = True


class Sector(models.TextChoices):
    AERONAUTICS = "aeronautics", _("Aéronautique")
    AUTOMOTIVE = "automotive", _("Automobile et pneumatique")
    AGRIFOOD = "agrifood", _("Agroalimentaire et semences")
    ENERGY = "energy", _("Énergie")
    MECHANICS = "mechanics", _("Mécanique et usinage")
    METALWORK = "metalwork", _("Métallurgie et chaudronnerie")
    ELECTRONICS = "electronics", _("Électronique et électrotechnique")
    PLASTICS = "plastics", _("Plasturgie et composites")
    PHARMA = "pharma", _("Pharmacie et santé")
    DIGITAL = "digital", _("Numérique et logiciel")
    BANKING = "banking", _("Banque et finance")
    SERVICES = "services", _("Services à l'industrie")
    OTHER = "other", _("Autre")


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def companies(self) -> OrganisationQuerySet:
        return self.filter(kind=Organisation.Kind.COMPANY)

    def schools(self) -> OrganisationQuerySet:
        return self.filter(kind=Organisation.Kind.SCHOOL)


class Organisation(TimeStampedModel):
    """A company, school, agency, funder or public body the hub works with."""

    class Kind(models.TextChoices):
        COMPANY = "company", _("Entreprise")
        SCHOOL = "school", _("Établissement scolaire")
        AGENCY = "agency", _("Structure d'emploi ou d'orientation")
        FUNDER = "funder", _("Financeur ou fondateur")
        PUBLIC_BODY = "public_body", _("Organisme public")

    class SizeBand(models.TextChoices):
        LARGE_GROUP = "large_group", _("Grand groupe")
        SME = "sme", _("PME / ETI")
        STARTUP = "startup", _("Start-up")
        MICRO = "micro", _("Microentreprise")

    class AgencyKind(models.TextChoices):
        MISSION_LOCALE = "mission_locale", _("Mission Locale")
        CIO = "cio", _("CIO")
        MLDS = "mlds", _("MLDS")
        FRANCE_TRAVAIL = "france_travail", _("France Travail")
        OTHER = "other", _("Autre structure")

    class SchoolKind(models.TextChoices):
        COLLEGE = "college", _("Collège")
        LYCEE = "lycee", _("Lycée")
        LYCEE_PRO = "lycee_pro", _("Lycée professionnel")
        HIGHER = "higher", _("Enseignement supérieur")
        OTHER = "other", _("Autre établissement")

    name = models.CharField(_("nom"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, db_index=True)
    size_band = models.CharField(_("taille"), max_length=20, choices=SizeBand.choices, blank=True)
    sector = models.CharField(_("secteur"), max_length=20, choices=Sector.choices, blank=True)
    school_kind = models.CharField(
        _("type d'établissement"), max_length=20, choices=SchoolKind.choices, blank=True
    )
    agency_kind = models.CharField(
        _("type de structure"), max_length=20, choices=AgencyKind.choices, blank=True
    )
    siret = models.CharField(
        _("SIRET"), max_length=14, blank=True, validators=[validate_siret], db_index=True
    )
    uai = models.CharField(_("code UAI"), max_length=8, blank=True, validators=[validate_uai])
    address = models.CharField(_("adresse"), max_length=250, blank=True)
    postcode = models.CharField(_("code postal"), max_length=5, blank=True, validators=[validate_postcode])
    city = models.CharField(_("commune"), max_length=120, blank=True)
    website = models.URLField(_("site web"), blank=True)
    email = models.EmailField(_("courriel"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    is_founder = models.BooleanField(_("membre fondateur"), default=False)
    notes = models.TextField(_("notes"), blank=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["siret"], condition=~Q(siret=""), name="organisation_siret_unique"
            ),
            models.UniqueConstraint(fields=["uai"], condition=~Q(uai=""), name="organisation_uai_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("core:organisation_detail", args=[self.pk])


class PersonQuerySet(models.QuerySet["Person"]):
    def active(self) -> PersonQuerySet:
        return self.filter(erased_at__isnull=True)

    def minors_on(self, day: date) -> PersonQuerySet:
        return self.filter(birth_date__gt=years_before(day, 18))


class Person(TimeStampedModel):
    """Anyone the hub holds data about: learner, parent, tutor, contact, visitor. Personal data."""

    class Gender(models.TextChoices):
        FEMALE = "F", _("Femme")
        MALE = "M", _("Homme")
        UNSPECIFIED = "X", _("Autre ou non précisé")

    first_name = models.CharField(_("prénom"), max_length=100)
    last_name = models.CharField(_("nom"), max_length=100)
    birth_date = models.DateField(_("date de naissance"), null=True, blank=True)
    gender = models.CharField(_("genre"), max_length=1, choices=Gender.choices, default=Gender.UNSPECIFIED)
    email = models.EmailField(_("courriel"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    address = models.CharField(_("adresse"), max_length=250, blank=True)
    postcode = models.CharField(_("code postal"), max_length=5, blank=True, validators=[validate_postcode])
    city = models.CharField(_("commune"), max_length=120, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
        help_text=_("Employeur, établissement ou structure de rattachement."),
    )
    job_title = models.CharField(_("fonction"), max_length=120, blank=True)
    consent_contact = models.BooleanField(
        _("accepte d'être contacté·e"),
        default=False,
        help_text=_("Informations sur les formations et événements du hub."),
    )
    consent_image = models.BooleanField(_("accepte l'usage de son image"), default=False)
    consent_updated_at = models.DateTimeField(_("consentements mis à jour le"), null=True, blank=True)
    erased_at = models.DateTimeField(_("effacé le (RGPD)"), null=True, blank=True, editable=False)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("personne")
        verbose_name_plural = _("personnes")
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["last_name", "first_name"])]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("core:person_detail", args=[self.pk])

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def age_on(self, day: date) -> int | None:
        if self.birth_date is None:
            return None
        born = self.birth_date
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    @property
    def age(self) -> int | None:
        return self.age_on(timezone.localdate())

    @property
    def is_minor(self) -> bool:
        age = self.age
        return age is not None and age < 18


class Guardianship(TimeStampedModel):
    """A parent or legal guardian of a person (the contact required for minors)."""

    class Relationship(models.TextChoices):
        MOTHER = "mother", _("Mère")
        FATHER = "father", _("Père")
        GUARDIAN = "guardian", _("Responsable légal·e")
        OTHER = "other", _("Autre")

    child = models.ForeignKey(
        Person, verbose_name=_("personne"), on_delete=models.CASCADE, related_name="guardianships"
    )
    guardian = models.ForeignKey(
        Person, verbose_name=_("responsable"), on_delete=models.CASCADE, related_name="wards"
    )
    relationship = models.CharField(
        _("lien"), max_length=20, choices=Relationship.choices, default=Relationship.GUARDIAN
    )

    class Meta:
        verbose_name = _("responsable légal")
        verbose_name_plural = _("responsables légaux")
        constraints = [
            models.UniqueConstraint(fields=["child", "guardian"], name="guardianship_unique"),
            models.CheckConstraint(condition=~Q(child=models.F("guardian")), name="guardianship_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.guardian} → {self.child}"


class Site(TimeStampedModel):
    """A place of the hub (the Hall 32 building, a partner's workshop)."""

    name = models.CharField(_("nom"), max_length=120, unique=True)
    address = models.CharField(_("adresse"), max_length=250, blank=True)
    postcode = models.CharField(_("code postal"), max_length=5, blank=True, validators=[validate_postcode])
    city = models.CharField(_("commune"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Room(TimeStampedModel):
    """A workshop, classroom or meeting room of a site."""

    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("Atelier")
        CLASSROOM = "classroom", _("Salle de cours")
        MEETING = "meeting", _("Salle de réunion")
        HALL = "hall", _("Amphithéâtre ou hall")

    site = models.ForeignKey(Site, verbose_name=_("site"), on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(_("nom"), max_length=120)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    capacity = models.PositiveIntegerField(_("capacité"), default=20)

    class Meta:
        verbose_name = _("salle")
        verbose_name_plural = _("salles")
        ordering = ["site__name", "name"]
        constraints = [models.UniqueConstraint(fields=["site", "name"], name="room_unique_in_site")]

    def __str__(self) -> str:
        return f"{self.name} ({self.site})"


class User(AbstractUser):
    """An account. Its roles are its groups; its personal record is `person`."""

    person = models.OneToOneField(
        Person,
        verbose_name=_("personne"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="user",
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("compte")
        verbose_name_plural = _("comptes")

    @cached_property
    def roles(self) -> frozenset[str]:
        if not self.is_authenticated or not self.is_active:
            return frozenset()
        return frozenset(self.groups.values_list("name", flat=True))

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def is_hub_staff(self) -> bool:
        return bool(self.roles & STAFF_ROLES)

    @property
    def role_labels(self) -> list[str]:
        return [str(Role(r).label) for r in Role.values if r in self.roles]

    @property
    def display_name(self) -> str:
        if self.person_id:
            return self.person.full_name
        return self.get_full_name() or self.username


class AuditEntry(models.Model):
    """One create, update, delete, export or erasure of personal data: who, when, before, after."""

    class Action(models.TextChoices):
        CREATE = "create", _("Création")
        UPDATE = "update", _("Modification")
        DELETE = "delete", _("Suppression")
        EXPORT = "export", _("Export RGPD")
        ERASE = "erase", _("Effacement RGPD")
        MERGE = "merge", _("Fusion")  # partners: two organisations that were one

    at = models.DateTimeField(_("date"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(_("auteur (libellé)"), max_length=150)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices, db_index=True)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("type d'objet"), on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.CharField(_("identifiant"), max_length=64)
    object_repr = models.CharField(_("objet"), max_length=200)
    changes = models.JSONField(_("changements"), default=dict, blank=True)

    class Meta:
        verbose_name = _("entrée du journal d'audit")
        verbose_name_plural = _("journal d'audit")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr}"

    @property
    def actor_display(self) -> str:
        """The author as a page writes it: a username, or « système » in the page's language."""
        from hall32.core.audit import SYSTEM_LABEL

        return str(_("système")) if self.actor_label == SYSTEM_LABEL else self.actor_label


class Job(models.Model):
    """A background job whose progress a user watches (planning, simulation, import)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("En attente")
        RUNNING = "running", _("En cours")
        SUCCEEDED = "succeeded", _("Terminé")
        FAILED = "failed", _("Échec")

    kind = models.CharField(_("type"), max_length=60)
    status = models.CharField(_("statut"), max_length=10, choices=Status.choices, default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(_("avancement (%)"), default=0)
    message = models.CharField(_("message"), max_length=300, blank=True)
    params = models.JSONField(_("paramètres"), default=dict, blank=True)
    result = models.JSONField(_("résultat"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    started_at = models.DateTimeField(_("démarré le"), null=True, blank=True)
    finished_at = models.DateTimeField(_("terminé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("tâche de fond")
        verbose_name_plural = _("tâches de fond")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.SUCCEEDED, self.Status.FAILED}


class ReferenceCounter(models.Model):
    """The last number given to one kind of numbered record in one year (PI-2026-014, C2027-0003…)."""

    kind = models.CharField(_("type"), max_length=40)
    year = models.PositiveSmallIntegerField(_("année"))
    last = models.PositiveIntegerField(_("dernier numéro"), default=0)

    class Meta:
        verbose_name = _("compteur de références")
        verbose_name_plural = _("compteurs de références")
        constraints = [
            models.UniqueConstraint(fields=["kind", "year"], name="core_one_counter_per_kind_and_year")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.year}: {self.last}"


class DemoSeed(models.Model):
    """Marks a part of the demo hub as loaded, so that seeding again changes nothing."""

    part = models.CharField(max_length=40, unique=True)
    seed = models.IntegerField()
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("jeu de démonstration")
        verbose_name_plural = _("jeux de démonstration")

    def __str__(self) -> str:
        return f"{self.part} (seed {self.seed})"
