"""Filter sets of the network app, shared by its list pages and its API."""

from __future__ import annotations

import datetime as dt

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hall32.network.models import Offer
from hall32.network.selectors import offers as offer_selectors
from hall32.training import selectors as training_selectors
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
    start = django_filters.ChoiceFilter(
        choices=[
            ("3", _("Dans les 3 mois")),
            ("6", _("Dans 3 à 6 mois")),
            ("later", _("Dans plus de 6 mois")),
            ("past", _("Déjà commencées")),
        ],
        method="filter_start",
        label=_("Début"),
        empty_label=_("Tous"),
    )
    city = django_filters.CharFilter(method="filter_city", label=_("Commune ou code postal"))

    class Meta:
        model = Offer
        fields = ["q", "status", "course", "trade", "company", "start", "city"]

    def filter_start(self, queryset, name, value):
        today = timezone.localdate()
        in_3, in_6 = today + dt.timedelta(days=91), today + dt.timedelta(days=183)
        if value == "past":
            return queryset.filter(start_date__lt=today)
        if value == "3":
            return queryset.filter(start_date__gte=today, start_date__lt=in_3)
        if value == "6":
            return queryset.filter(start_date__gte=in_3, start_date__lt=in_6)
        return queryset.filter(start_date__gte=in_6)

    def filter_city(self, queryset, name, value):
        value = value.strip()
        if value.isdigit():
            return queryset.filter(postcode__startswith=value)
        return queryset.filter(city__icontains=value)
