"""Reads of the network app, one module per subject; what the other apps call is re-exported here."""

from hall32.network.selectors.partners import (
    partner_companies_by_year,
    partner_companies_count,
    partnerships_of,
)

__all__ = ["partner_companies_by_year", "partner_companies_count", "partnerships_of"]
