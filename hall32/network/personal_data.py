"""The network app's entries in the registry of personal fields (hall32.core.gdpr).

A partnership is about an organisation, never a person: it is audited (who changed a stage, and
when), and the registry's test asks every audited model to classify its fields, all kept here.
"""

from __future__ import annotations

from hall32.core import gdpr
from hall32.network.models import Partnership


def register() -> None:
    gdpr.personal_data(
        Partnership, owners=[], keep=["organisation", "kind", "stage", "start", "end", "notes"]
    )
