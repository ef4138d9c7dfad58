"""Models of the network app, one module per subject (partners, contacts, offers, matching)."""

from hall32.network.models.contacts import ContactRole, FollowUpTask, Interaction
from hall32.network.models.matching import (
    CandidatePreference,
    CandidateProfile,
    CompanyRating,
    Introduction,
    MatchingAssignment,
    MatchingRun,
)
from hall32.network.models.offers import Offer, OfferQuerySet
from hall32.network.models.partners import Agreement, Partnership, PartnershipQuerySet

__all__ = [
    "Agreement",
    "CandidatePreference",
    "CandidateProfile",
    "CompanyRating",
    "ContactRole",
    "FollowUpTask",
    "Interaction",
    "Introduction",
    "MatchingAssignment",
    "MatchingRun",
    "Offer",
    "OfferQuerySet",
    "Partnership",
    "PartnershipQuerySet",
]
