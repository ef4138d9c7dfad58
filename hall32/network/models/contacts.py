"""The people the hub knows at an organisation (their roles), what was said to whom (interactions)
and what comes next (follow-up tasks with a due date and a reminder)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hall32.core.models import Organisation, Person, TimeStampedModel


class ContactRole(TimeStampedModel):
    """A person's role at an organisation, as the hub deals with them: one person may hold several."""

    class Role(models.TextChoices):
        MAIN = "main", _("Interlocuteur principal")
        DIRECTOR = "director", _("Dirigeant·e")
        HR = "hr", _("Ressources humaines")
        TUTOR = "tutor", _("Tuteur·rice / maître d'apprentissage")
        TECHNICAL = "technical", _("Responsable technique")
        PURCHASING = "purchasing", _("Achats")
        FINANCE = "finance", _("Comptabilité, finances")
        TEACHER = "teacher", _("Enseignant·e, professeur principal")
        ADVISOR = "advisor", _("Conseiller·ère (insertion, orientation)")
        OTHER = "other", _("Autre")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="contact_roles"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("personne"), on_delete=models.CASCADE, related_name="contact_roles"
    )
    role = models.CharField(_("rôle"), max_length=20, choices=Role.choices)
    is_primary = models.BooleanField(_("contact privilégié"), default=False)
    start = models.DateField(_("depuis"), null=True, blank=True)
    end = models.DateField(_("jusqu'au"), null=True, blank=True)

    class Meta:
        verbose_name = _("rôle de contact")
        verbose_name_plural = _("rôles de contact")
        ordering = ["organisation__name", "-is_primary", "person__last_name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "person", "role"],
                condition=Q(end__isnull=True),
                name="network_contact_role_once",
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=models.F("start")),
                name="network_contact_role_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_role_display()} ({self.organisation})"


class Interaction(TimeStampedModel):
    """A meeting, call, e-mail, visit or event with an organisation, and who on the hub's side owns it."""

    class Kind(models.TextChoices):
        MEETING = "meeting", _("Rendez-vous")
        CALL = "call", _("Appel")
        EMAIL = "email", _("Courriel")
        VISIT = "visit", _("Visite")
        EVENT = "event", _("Événement")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="interactions"
    )
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    happened_at = models.DateTimeField(_("le"), db_index=True)
    subject = models.CharField(_("objet"), max_length=200)
    notes = models.TextField(_("compte rendu"), blank=True)
    contacts = models.ManyToManyField(
        Person, verbose_name=_("contacts présents"), blank=True, related_name="interactions"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("suivi par"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="owned_interactions",
    )

    class Meta:
        verbose_name = _("échange")
        verbose_name_plural = _("échanges")
        ordering = ["-happened_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "-happened_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.subject}"


class FollowUpTask(TimeStampedModel):
    """Something to do for an organisation by a due date; its owner is reminded by e-mail."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="follow_up_tasks"
    )
    interaction = models.ForeignKey(
        Interaction,
        verbose_name=_("à la suite de"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
    )
    title = models.CharField(_("à faire"), max_length=200)
    due_on = models.DateField(_("pour le"), db_index=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsable"),
        on_delete=models.PROTECT,
        related_name="follow_up_tasks",
    )
    remind_days_before = models.PositiveSmallIntegerField(_("rappel (jours avant)"), default=1)
    reminded_at = models.DateTimeField(_("rappel envoyé le"), null=True, blank=True, editable=False)
    done_at = models.DateTimeField(_("faite le"), null=True, blank=True)

    class Meta:
        verbose_name = _("tâche de suivi")
        verbose_name_plural = _("tâches de suivi")
        ordering = ["done_at", "due_on", "pk"]
        indexes = [models.Index(fields=["owner", "done_at", "due_on"])]

    def __str__(self) -> str:
        return self.title
