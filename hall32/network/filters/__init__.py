"""Filter sets of the network app, shared by its list pages and its API, one module per subject."""

from hall32.network.filters.matching import IntroductionFilter
from hall32.network.filters.offers import OfferFilter
from hall32.network.filters.partners import InteractionFilter, PartnerDirectoryFilter

__all__ = ["InteractionFilter", "IntroductionFilter", "OfferFilter", "PartnerDirectoryFilter"]
