"""Outreach: events that inform young people, their families and teachers about industrial trades.

Forums for 3e classes, school interventions, trade fairs, open days, company visits and the
Semaine de l'Industrie; class bookings with a waiting list; the forum-day plan; open-day visitors,
tour slots and the guides' rota; tallies for events without bookings.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hall32.core.models import Job, Organisation, Person, Room, TimeStampedModel


class EventKind(models.TextChoices):
    FORUM = "forum", _("Forum des métiers (3e)")
    SCHOOL_INTERVENTION = "intervention", _("Intervention en établissement")
    TRADE_FAIR = "fair", _("Salon")
    OPEN_DAY = "open_day", _("Journée portes ouvertes")
    COMPANY_VISIT = "company_visit", _("Visite d'entreprise")
    INDUSTRY_WEEK = "industry_week", _("Semaine de l'Industrie")


# Kinds that take class bookings from teachers, and kinds that take visitor registrations.
CLASS_KINDS = frozenset(
    {
        EventKind.FORUM,
        EventKind.SCHOOL_INTERVENTION,
        EventKind.COMPANY_VISIT,
        EventKind.INDUSTRY_WEEK,
    }
)
VISITOR_KINDS = frozenset({EventKind.OPEN_DAY})


class EventQuerySet(models.QuerySet["Event"]):
    def public(self) -> EventQuerySet:
        return self.filter(status=Event.Status.PUBLISHED, is_public=True)

    def upcoming(self) -> EventQuerySet:
        return self.filter(end__gte=timezone.now())

    def past(self) -> EventQuerySet:
        return self.filter(end__lt=timezone.now())

    def in_school_year(self, year) -> EventQuerySet:
        return self.filter(start__date__gte=year.start, start__date__lte=year.end)


class Event(TimeStampedModel):
    """An outreach event: when, where, for whom, how many, and who from the hub is there."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Brouillon")
        PUBLISHED = "published", _("Publié")
        CANCELLED = "cancelled", _("Annulé")

    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(_("identifiant d'URL"), max_length=220, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=EventKind.choices, db_index=True)
    status = models.CharField(_("statut"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    is_public = models.BooleanField(
        _("affiché sur le site public"),
        default=True,
        help_text=_("Décochez pour une intervention réservée à un établissement."),
    )
    description = models.TextField(_("description"), blank=True)
    start = models.DateTimeField(_("début"))
    end = models.DateTimeField(_("fin"))
    room = models.ForeignKey(
        Room,
        verbose_name=_("salle"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    host = models.ForeignKey(
        Organisation,
        verbose_name=_("lieu d'accueil"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_events",
        help_text=_("Établissement, entreprise ou salon qui accueille."),
    )
    venue = models.CharField(_("lieu"), max_length=200, blank=True)
    address = models.CharField(_("adresse"), max_length=250, blank=True)
    postcode = models.CharField(_("code postal"), max_length=5, blank=True)
    city = models.CharField(_("commune"), max_length=120, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacité"),
        null=True,
        blank=True,
        help_text=_(
            "Élèves pour un forum ou une intervention, visiteurs pour une journée portes ouvertes. "
            "Vide : sans limite."
        ),
    )
    for_pupils = models.BooleanField(_("pour les élèves"), default=True)
    for_parents = models.BooleanField(_("pour les parents"), default=False)
    for_teachers = models.BooleanField(_("pour les enseignants"), default=False)
    for_job_seekers = models.BooleanField(_("pour les demandeurs d'emploi"), default=False)
    registration_open = models.BooleanField(_("inscriptions ouvertes"), default=True)
    staff = models.ManyToManyField(Person, through="EventStaff", related_name="outreach_events", blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("événement")
        verbose_name_plural = _("événements")
        ordering = ["-start"]
        constraints = [models.CheckConstraint(condition=Q(end__gt=F("start")), name="event_ends_after_start")]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("La fin doit être après le début.")})

    def get_absolute_url(self) -> str:
        return reverse("outreach:event_public", args=[self.slug])

    def get_staff_url(self) -> str:
        return reverse("outreach:event_detail", args=[self.pk])

    @property
    def takes_classes(self) -> bool:
        return self.kind in CLASS_KINDS

    @property
    def takes_visitors(self) -> bool:
        return self.kind in VISITOR_KINDS

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()

    @property
    def place_label(self) -> str:
        if self.venue:
            return self.venue
        if self.host_id:
            return str(self.host)
        if self.room_id:
            return str(self.room)
        return ""

    @property
    def audiences(self) -> list[str]:
        labels = [
            (self.for_pupils, _("élèves")),
            (self.for_parents, _("parents")),
            (self.for_teachers, _("enseignants")),
            (self.for_job_seekers, _("demandeurs d'emploi")),
        ]
        return [str(label) for flag, label in labels if flag]


class EventStaff(models.Model):
    """A hub staff member or apprentice assigned to an event."""

    class Role(models.TextChoices):
        STAFF = "staff", _("Équipe du hub")
        APPRENTICE = "apprentice", _("Apprenti·e ambassadeur·rice")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="staffing")
    person = models.ForeignKey(
        Person, verbose_name=_("personne"), on_delete=models.CASCADE, related_name="event_staffing"
    )
    role = models.CharField(_("rôle"), max_length=12, choices=Role.choices, default=Role.STAFF)

    class Meta:
        verbose_name = _("intervenant")
        verbose_name_plural = _("intervenants")
        constraints = [models.UniqueConstraint(fields=["event", "person"], name="event_staff_unique")]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"


class SchoolLevel(models.TextChoices):
    SIXIEME = "6e", _("6e")
    CINQUIEME = "5e", _("5e")
    QUATRIEME = "4e", _("4e")
    TROISIEME = "3e", _("3e")
    SECONDE = "2nde", _("Seconde")
    PREMIERE = "1re", _("Première")
    TERMINALE = "tle", _("Terminale")
    OTHER = "other", _("Autre (SEGPA, ULIS, MLDS…)")


class ClassBookingQuerySet(models.QuerySet["ClassBooking"]):
    def confirmed(self) -> ClassBookingQuerySet:
        return self.filter(status=ClassBooking.Status.CONFIRMED)

    def waiting(self) -> ClassBookingQuerySet:
        return self.filter(status=ClassBooking.Status.WAITLISTED).order_by("requested_at", "pk")

    def active(self) -> ClassBookingQuerySet:
        return self.filter(status__in=[ClassBooking.Status.CONFIRMED, ClassBooking.Status.WAITLISTED])


class ClassBooking(TimeStampedModel):
    """A class a teacher books for a forum or an intervention; over capacity, it waits in line."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmée")
        WAITLISTED = "waitlisted", _("Liste d'attente")
        CANCELLED = "cancelled", _("Annulée")
        NO_SHOW = "no_show", _("Absente le jour J")

    event = models.ForeignKey(
        Event, verbose_name=_("événement"), on_delete=models.CASCADE, related_name="bookings"
    )
    school = models.ForeignKey(
        Organisation,
        verbose_name=_("établissement"),
        on_delete=models.PROTECT,
        related_name="class_bookings",
        limit_choices_to={"kind": Organisation.Kind.SCHOOL},
    )
    teacher = models.ForeignKey(
        Person,
        verbose_name=_("enseignant·e"),
        on_delete=models.PROTECT,
        related_name="class_bookings",
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="class_bookings",
    )
    level = models.CharField(
        _("niveau"), max_length=6, choices=SchoolLevel.choices, default=SchoolLevel.TROISIEME
    )
    class_name = models.CharField(_("classe"), max_length=40, help_text=_("Par exemple : 3e B."))
    pupils = models.PositiveSmallIntegerField(_("élèves"))
    girls = models.PositiveSmallIntegerField(_("filles"))
    boys = models.PositiveSmallIntegerField(_("garçons"))
    status = models.CharField(
        _("statut"), max_length=12, choices=Status.choices, default=Status.CONFIRMED, db_index=True
    )
    requested_at = models.DateTimeField(_("demandée le"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmée le"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("annulée le"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("rappel envoyé le"), null=True, blank=True)
    arrival = models.TimeField(_("arrivée (car)"), null=True, blank=True)
    departure = models.TimeField(_("départ (car)"), null=True, blank=True)
    needs = models.TextField(
        _("besoins particuliers"),
        blank=True,
        help_text=_("Accessibilité, élèves en situation de handicap, horaires de car…"),
    )
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    objects = ClassBookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("réservation de classe")
        verbose_name_plural = _("réservations de classes")
        ordering = ["requested_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(pupils=F("girls") + F("boys")), name="booking_pupils_add_up"),
            models.CheckConstraint(condition=Q(pupils__gt=0), name="booking_has_pupils"),
        ]

    def __str__(self) -> str:
        return f"{self.class_name} – {self.school}"

    def get_absolute_url(self) -> str:
        return reverse("outreach:booking_status", args=[self.token])

    @property
    def is_active(self) -> bool:
        return self.status in {self.Status.CONFIRMED, self.Status.WAITLISTED}


# --- The forum-day planner ---------------------------------------------------------------------


class Workshop(models.Model):
    """A workshop of a forum day: capacity per slot, room, the apprentices who run it."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="workshops")
    name = models.CharField(_("atelier"), max_length=120)
    trade = models.ForeignKey(
        "training.Trade",
        verbose_name=_("métier présenté"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    capacity = models.PositiveSmallIntegerField(_("capacité par créneau (élèves)"), default=30)
    room = models.ForeignKey(
        Room,
        verbose_name=_("salle"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    apprentices = models.ManyToManyField(
        Person,
        verbose_name=_("apprenti·e·s qui l'animent"),
        blank=True,
        related_name="forum_workshops",
    )
    min_apprentices = models.PositiveSmallIntegerField(_("apprenti·e·s requis·es"), default=1)

    class Meta:
        verbose_name = _("atelier")
        verbose_name_plural = _("ateliers")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["event", "name"], name="workshop_unique_in_event")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_tension(self) -> bool:
        return bool(self.trade_id and self.trade.is_tension)


class ForumSlot(models.Model):
    """A time slot of a forum day; breaks get no workshop."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="slots")
    start = models.TimeField(_("début"))
    end = models.TimeField(_("fin"))
    is_break = models.BooleanField(_("pause"), default=False)

    class Meta:
        verbose_name = _("créneau")
        verbose_name_plural = _("créneaux")
        ordering = ["start"]
        constraints = [models.CheckConstraint(condition=Q(end__gt=F("start")), name="slot_ends_after_start")]

    def __str__(self) -> str:
        return f"{self.start:%H:%M}–{self.end:%H:%M}"

    @property
    def label(self) -> str:
        return f"{self.start:%H:%M}"


class WorkshopPreference(models.Model):
    """A class's ranking of the workshops it would like to visit (1 = favourite)."""

    booking = models.ForeignKey(ClassBooking, on_delete=models.CASCADE, related_name="preferences")
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="preferences")
    rank = models.PositiveSmallIntegerField(_("rang"))

    class Meta:
        ordering = ["rank"]
        constraints = [
            models.UniqueConstraint(fields=["booking", "workshop"], name="preference_once"),
            models.UniqueConstraint(fields=["booking", "rank"], name="preference_rank_once"),
        ]

    def __str__(self) -> str:
        return f"{self.booking} → {self.workshop} ({self.rank})"


class ApprenticeAvailability(models.Model):
    """The slots an apprentice can give on a forum day or an open day (none listed: all of them)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="availabilities")
    apprentice = models.ForeignKey(
        Person, verbose_name=_("apprenti·e"), on_delete=models.CASCADE, related_name="outreach_availabilities"
    )
    slots = models.ManyToManyField(
        ForumSlot, verbose_name=_("créneaux du forum"), blank=True, related_name="+"
    )
    tour_slots = models.ManyToManyField(
        "TourSlot", verbose_name=_("départs de visite"), blank=True, related_name="+"
    )
    max_tours = models.PositiveSmallIntegerField(_("visites au plus"), default=3)

    class Meta:
        verbose_name = _("disponibilité d'apprenti·e")
        verbose_name_plural = _("disponibilités d'apprenti·e·s")
        constraints = [models.UniqueConstraint(fields=["event", "apprentice"], name="availability_once")]

    def __str__(self) -> str:
        return f"{self.apprentice} – {self.event}"


class ForumPlan(TimeStampedModel):
    """A computed (or hand-edited) rotation of a forum day; at most one per event is the current one."""

    class Status(models.TextChoices):
        OPTIMAL = "OPTIMAL", _("Optimal (prouvé)")
        FEASIBLE = "FEASIBLE", _("Réalisable (non prouvé optimal)")
        INFEASIBLE = "INFEASIBLE", _("Impossible")
        UNKNOWN = "UNKNOWN", _("Aucun plan trouvé dans le temps imparti")
        EDITED = "EDITED", _("Modifié à la main")
        PENDING = "PENDING", _("En cours de calcul")  # queued: the job fills it in

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="plans")
    status = models.CharField(_("statut"), max_length=12, choices=Status.choices)
    objective = models.IntegerField(_("score"), null=True, blank=True)
    bound = models.FloatField(_("borne supérieure"), null=True, blank=True)
    greedy_objective = models.IntegerField(_("score premier arrivé, premier servi"), null=True, blank=True)
    seconds = models.FloatField(_("durée de calcul (s)"), default=0)
    reasons = models.JSONField(_("raisons"), default=list, blank=True)
    is_current = models.BooleanField(_("plan retenu"), default=True)
    job = models.ForeignKey(Job, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("plan de forum")
        verbose_name_plural = _("plans de forum")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event"], condition=Q(is_current=True), name="outreach_one_current_plan_per_event"
            )
        ]

    def __str__(self) -> str:
        return f"{self.event} – {self.get_status_display()}"


class PlanAssignment(models.Model):
    plan = models.ForeignKey(ForumPlan, on_delete=models.CASCADE, related_name="assignments")
    booking = models.ForeignKey(ClassBooking, on_delete=models.CASCADE, related_name="+")
    slot = models.ForeignKey(ForumSlot, on_delete=models.CASCADE, related_name="+")
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "booking", "slot"], name="one_workshop_per_slot")
        ]

    def __str__(self) -> str:
        return f"{self.booking} @ {self.slot}: {self.workshop}"


class PlanStaffing(models.Model):
    plan = models.ForeignKey(ForumPlan, on_delete=models.CASCADE, related_name="staffing")
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="+")
    slot = models.ForeignKey(ForumSlot, on_delete=models.CASCADE, related_name="+")
    apprentice = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "slot", "apprentice"], name="one_place_at_a_time")
        ]

    def __str__(self) -> str:
        return f"{self.apprentice} @ {self.slot}: {self.workshop}"


# --- Open days ---------------------------------------------------------------------------------


class TourSlot(models.Model):
    """A guided-tour departure of an open day; groups of `group_size` each need one guide."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="tour_slots")
    start = models.TimeField(_("départ"))
    duration_minutes = models.PositiveSmallIntegerField(_("durée (min)"), default=45)
    group_size = models.PositiveSmallIntegerField(_("visiteurs par groupe"), default=12)
    capacity = models.PositiveSmallIntegerField(_("visiteurs au plus"), default=36)

    class Meta:
        verbose_name = _("départ de visite")
        verbose_name_plural = _("départs de visite")
        ordering = ["start"]

    def __str__(self) -> str:
        return f"{self.start:%H:%M}"


class VisitorRegistrationQuerySet(models.QuerySet["VisitorRegistration"]):
    def live(self) -> VisitorRegistrationQuerySet:
        """Registrations not cancelled: the people an open day expects (its capacity counts them)."""
        return self.filter(cancelled_at__isnull=True)

    def attendees(self) -> VisitorRegistrationQuerySet:
        """Registrations whose visitors came, as the desk recorded on the day: reach counts these."""
        return self.live().filter(attended=True)


class VisitorRegistration(TimeStampedModel):
    """A family or a young person registered for an open day (personal data). Registering is not
    coming: `attended` is recorded at the desk on the day."""

    class VisitorKind(models.TextChoices):
        YOUNG = "young", _("Jeune")
        PARENT = "parent", _("Parent")
        ADULT = "adult", _("Adulte en reconversion")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    person = models.ForeignKey(
        Person,
        verbose_name=_("contact"),
        on_delete=models.CASCADE,
        related_name="visitor_registrations",
    )
    visitor_kind = models.CharField(
        _("je suis"), max_length=10, choices=VisitorKind.choices, default=VisitorKind.YOUNG
    )
    young_people = models.PositiveSmallIntegerField(_("jeunes"), default=1)
    girls = models.PositiveSmallIntegerField(_("dont filles"), default=0)
    parents = models.PositiveSmallIntegerField(_("parents ou accompagnants"), default=0)
    level = models.CharField(
        _("niveau scolaire du jeune"), max_length=6, choices=SchoolLevel.choices, blank=True
    )
    course = models.ForeignKey(
        "training.Course",
        verbose_name=_("formation qui intéresse"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tour_slot = models.ForeignKey(
        TourSlot,
        verbose_name=_("départ de visite souhaité"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    attended = models.BooleanField(_("venu·e"), default=False)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    objects = VisitorRegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("inscription visiteur")
        verbose_name_plural = _("inscriptions visiteurs")
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(girls__lte=F("young_people")), name="visitors_girls_le")
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.event}"

    @property
    def visitors(self) -> int:
        return self.young_people + self.parents


class TourAssignment(models.Model):
    """A guide (apprentice) on a tour departure, from the rota."""

    slot = models.ForeignKey(TourSlot, on_delete=models.CASCADE, related_name="guides")
    apprentice = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="tour_assignments")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["slot", "apprentice"], name="guide_once_per_slot")]

    def __str__(self) -> str:
        return f"{self.apprentice} @ {self.slot}"


# --- Events without bookings -------------------------------------------------------------------


class EventTally(TimeStampedModel):
    """Who the hub met at an event without bookings (a fair, the Semaine de l'Industrie),
    counted by the staff on the stand."""

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="tally")
    pupils = models.PositiveIntegerField(_("jeunes rencontrés"), default=0)
    girls = models.PositiveIntegerField(_("dont filles"), default=0)
    parents = models.PositiveIntegerField(_("parents"), default=0)
    teachers = models.PositiveIntegerField(_("enseignants"), default=0)
    classes = models.PositiveIntegerField(_("classes"), default=0)
    schools = models.ManyToManyField(
        Organisation, verbose_name=_("établissements représentés"), blank=True, related_name="+"
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("bilan de fréquentation")
        verbose_name_plural = _("bilans de fréquentation")
        constraints = [
            models.CheckConstraint(condition=Q(girls__lte=F("pupils")), name="tally_girls_le_pupils")
        ]

    def __str__(self) -> str:
        return f"{self.event}"
