"""The network app's entries in the registry of personal fields (hall32.core.gdpr).

A partnership or an agreement is about an organisation, never a person: a partnership is audited
(who changed a stage, and when), and the registry's test asks every audited model to classify its
fields, all kept here. A candidate's matching data (profile, wishes, companies' ratings, places in
a run) describes the person and is deleted with them; a contact's roles too. An introduction keeps
what the placement figures count (offer, status, dates) and loses its notes.
"""

from __future__ import annotations

from hall32.core import gdpr
from hall32.network.models import (
    Agreement,
    CandidatePreference,
    CandidateProfile,
    CompanyRating,
    ContactRole,
    FollowUpTask,
    Interaction,
    Introduction,
    MatchingAssignment,
    MatchingRun,
    Offer,
    Partnership,
)


def register() -> None:
    gdpr.personal_data(
        Partnership, owners=[], keep=["organisation", "kind", "stage", "start", "end", "notes"]
    )
    personal = gdpr.personal_data
    # partners: an agreement is audited too (who filed or removed a signed convention).
    personal(
        Agreement,
        owners=[],
        keep=["organisation", "partnership", "title", "signed_on", "valid_until", "file"],
    )
    # Records of the hub's own work, about organisations and offers; the staff who own them are
    # accounts, handled by core.
    personal(
        Interaction,
        owners=[],
        keep=["organisation", "kind", "happened_at", "subject", "notes", "owner", "contacts"],
    )
    personal(
        FollowUpTask,
        owners=[],
        keep=["organisation", "interaction", "title", "due_on", "owner", "remind_days_before"]
        + ["reminded_at", "done_at"],
    )
    personal(
        MatchingRun,
        owners=[],
        keep=["started_by", "job", "status", "candidates_count", "places_count", "summary"]
        + ["reason", "message"],
    )
    offer_fields = [
        f.name for f in Offer._meta.concrete_fields if f.name not in {"id", "created_at", "updated_at"}
    ]
    personal(Offer, owners=[], keep=offer_fields)
    personal(
        ContactRole,
        owners=["person"],
        keep=["organisation", "role", "is_primary", "start", "end"],
        delete=True,
    )
    personal(CandidateProfile, owners=["person"], erase=["skills"], keep=["has_car", "max_km"], delete=True)
    personal(CandidatePreference, owners=["person"], keep=["offer", "rank"], delete=True)
    personal(CompanyRating, owners=["person"], erase=["comment"], keep=["offer", "rating"], delete=True)
    personal(
        MatchingAssignment,
        owners=["person"],
        keep=["run", "algorithm", "offer", "score", "blocking"],
        delete=True,
    )
    personal(
        Introduction,
        owners=["person"],
        erase=["notes"],
        keep=[
            "offer",
            "run",
            "status",
            "proposed_by",
            "interview_at",
            "score",
            "contract_id",
            "decided_at",
        ],
    )


# contacts: a person's contact roles and the interactions they attended, in their GDPR export;
# erasure takes them off the interactions (their roles are deleted by the registry above).
def export_contacts(person) -> dict:
    roles = ContactRole.objects.filter(person=person).select_related("organisation")
    attended = Interaction.objects.filter(contacts=person).select_related("organisation")
    return {
        "rôles_de_contact": [
            {
                "organisation": role.organisation.name,
                "rôle": role.get_role_display(),
                "contact_privilégié": role.is_primary,
                "depuis": role.start.isoformat() if role.start else None,
                "jusqu_au": role.end.isoformat() if role.end else None,
            }
            for role in roles
        ],
        "échanges": [
            {
                "organisation": i.organisation.name,
                "type": i.get_kind_display(),
                "le": i.happened_at.isoformat(),
                "objet": i.subject,
            }
            for i in attended.order_by("happened_at")
        ],
    }


def erase_contacts(person) -> None:
    # The interaction stays (the hub's own record of its work with the organisation), without them.
    person.interactions.clear()


def register_contacts() -> None:
    gdpr.register("connecter_contacts", export=export_contacts, erase=erase_contacts)


# contacts end
