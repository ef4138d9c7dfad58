"""Services of the network app, one module per subject; what the other apps call is re-exported here."""

from hall32.network.services.partners import (
    KIND_FITS,
    NEXT_STAGES,
    agreement_create,
    agreement_delete,
    partnership_change_stage,
    partnership_create,
    partnership_end,
)

__all__ = [
    "KIND_FITS",
    "NEXT_STAGES",
    "agreement_create",
    "agreement_delete",  # partners
    "partnership_change_stage",
    "partnership_create",
    "partnership_end",
]
