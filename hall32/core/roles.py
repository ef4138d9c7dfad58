"""The hub's roles. Each is a Django group; what a role may do lives in each app's rules
module (hall32/<app>/rules.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    DIRECTION = "direction", _("Direction")
    COORDINATOR = "coordinator", _("Coordination pédagogique")
    OUTREACH_OFFICER = "outreach_officer", _("Chargé·e de promotion")
    INDUSTRY_ENGINEER = "industry_engineer", _("Ingénieur·e Pôle Industrie")
    TRAINER = "trainer", _("Formateur·rice")
    LEARNER = "learner", _("Apprenant·e")
    GUARDIAN = "guardian", _("Parent ou responsable légal")
    COMPANY_TUTOR = "company_tutor", _("Tuteur·rice en entreprise")
    CLIENT = "client", _("Client du Pôle Industrie")
    TEACHER = "teacher", _("Enseignant·e")
    REFERRAL_PARTNER = "referral_partner", _("Partenaire prescripteur")


# The hub's own staff; everyone else is an outside user who sees only what concerns them.
STAFF_ROLES = frozenset(
    {
        Role.DIRECTION,
        Role.COORDINATOR,
        Role.OUTREACH_OFFICER,
        Role.INDUSTRY_ENGINEER,
        Role.TRAINER,
    }
)
