"""Forms of the network app, one module per subject (partners also holds the contacts' forms)."""

from hall32.network.forms.matching import IntroductionStepForm
from hall32.network.forms.offers import (
    SEARCHABLE,
    WISHES_ON_PAGE,
    CandidateProfileForm,
    CandidateWishesForm,
    CompanyRatingForm,
    OfferForm,
    OfferImportForm,
    SkillsField,
)
from hall32.network.forms.partners import (
    AgreementForm,
    ContactRoleForm,
    EndForm,
    InteractionForm,
    PartnershipForm,
    StageForm,
    TaskForm,
)

__all__ = [
    "SEARCHABLE",
    "WISHES_ON_PAGE",
    "AgreementForm",
    "CandidateProfileForm",
    "CandidateWishesForm",
    "CompanyRatingForm",
    "ContactRoleForm",
    "EndForm",
    "InteractionForm",
    "IntroductionStepForm",
    "OfferForm",
    "OfferImportForm",
    "PartnershipForm",
    "SkillsField",
    "StageForm",
    "TaskForm",
]
