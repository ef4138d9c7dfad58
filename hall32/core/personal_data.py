"""The core app's entries in the registry of personal fields (hall32.core.gdpr)."""

from __future__ import annotations

from hall32.core import gdpr
from hall32.core.models import AuditEntry, Guardianship, Job, Person, User


def register() -> None:
    # Erased by core.services.person_erase itself: the name becomes "Personne effacée n° N", the
    # birth date keeps its year and the gender stays, so that yearly statistics still add up.
    gdpr.personal_data(
        Person,
        owners=["pk"],
        erase=[
            "first_name",
            "last_name",
            "birth_date",
            "email",
            "phone",
            "address",
            "postcode",
            "city",
            "organisation",
            "job_title",
            "consent_contact",
            "consent_image",
            "consent_updated_at",
        ],
        keep=["gender", "erased_at"],
        custom=True,
    )
    gdpr.personal_data(
        User,
        owners=["person"],
        erase=["username", "first_name", "last_name", "email", "password", "last_login", "is_active"],
        keep=["is_superuser", "is_staff", "date_joined", "groups", "user_permissions"],
        custom=True,
    )
    gdpr.personal_data(Guardianship, owners=["child", "guardian"], erase=["relationship"], delete=True)
    # The trail itself: entries about the person's rows are redacted by person_erase, and the
    # entries the person made keep their action under the account's new, anonymous name.
    gdpr.personal_data(
        AuditEntry,
        owners=["actor__person"],
        erase=["actor_label"],
        keep=["at", "action", "content_type", "object_id", "object_repr", "changes"],
        custom=True,
    )
    gdpr.personal_data(
        Job,
        owners=["created_by__person"],
        keep=["kind", "status", "progress", "message", "params", "result", "started_at", "finished_at"],
    )
