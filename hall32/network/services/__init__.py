"""Services of the network app, one module per subject; what the other apps call is re-exported here."""

from hall32.network.services.partners import (
    KIND_FITS,
    NEXT_STAGES,
    partnership_change_stage,
    partnership_create,
    partnership_end,
)

__all__ = ["KIND_FITS", "NEXT_STAGES", "partnership_change_stage", "partnership_create", "partnership_end"]
