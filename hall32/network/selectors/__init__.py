"""Reads of the network app, one module per subject; what the other apps call is re-exported here."""

from hall32.network.selectors.partners import (
    agreements_of,
    connect_counts,
    mailing_list,
    partner_companies_by_year,
    partner_companies_count,
    partner_directory,
    partner_map,
    partnerships_of,
)

__all__ = [
    "agreements_of",  # partners
    "connect_counts",
    "mailing_list",
    "partner_companies_by_year",
    "partner_companies_count",
    "partner_directory",
    "partner_map",
    "partnerships_of",
]
