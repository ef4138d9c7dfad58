"""Filter sets of the network app, shared by its list pages and its API."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from hall32.network.models import Offer
from hall32.network.selectors import offers as offer_selectors
from hall32.training import selectors as training_selectors
from hall32.web.forms import DateInput
from hall32.web.listing import SearchFilterSet


# offers
class OfferFilter(SearchFilterSet):
    search_fields = ("reference", "title", "company__name", "city", "postcode", "rome_code", "rncp_code")
    status = django_filters.ChoiceFilter(
        choices=Offer.Status.choices, label=_("Statut"), empty_label=_("Tous")
    )
    course = django_filters.ModelChoiceFilter(
        queryset=training_selectors.courses_all(), label=_("Formation"), empty_label=_("Toutes")
    )
    trade = django_filters.ModelChoiceFilter(
        queryset=training_selectors.trades_all(), label=_("Métier"), empty_label=_("Tous")
    )
    company = django_filters.ModelChoiceFilter(
        queryset=offer_selectors.offer_companies(), label=_("Entreprise"), empty_label=_("Toutes")
    )
    start_from = django_filters.DateFilter(
        field_name="start_date", lookup_expr="gte", label=_("Début à partir du"), widget=DateInput()
    )
    start_until = django_filters.DateFilter(
        field_name="start_date", lookup_expr="lte", label=_("Début jusqu'au"), widget=DateInput()
    )
    city = django_filters.CharFilter(method="filter_city", label=_("Commune ou code postal"))

    class Meta:
        model = Offer
        fields = ["q", "status", "course", "trade", "company", "start_from", "start_until", "city"]

    def filter_city(self, queryset, name, value):
        value = value.strip()
        if value.isdigit():
            return queryset.filter(postcode__startswith=value)
        return queryset.filter(city__icontains=value)
