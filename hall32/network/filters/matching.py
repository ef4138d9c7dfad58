"""Filter sets of the network app, shared by its list pages and its API (its lists come with issue 11)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from hall32.core.models import Organisation
from hall32.network.models import Introduction, Offer
from hall32.web.listing import SearchFilterSet


# matching
class IntroductionFilter(SearchFilterSet):
    search_fields = ("person__first_name", "person__last_name", "offer__title", "offer__company__name")
    status = django_filters.ChoiceFilter(
        choices=Introduction.Status.choices, label=_("Statut"), empty_label=_("Tous")
    )
    offer = django_filters.ModelChoiceFilter(
        queryset=Offer.objects.select_related("company").order_by("title"),
        label=_("Offre"),
        empty_label=_("Toutes"),
    )
    company = django_filters.ModelChoiceFilter(
        field_name="offer__company",
        queryset=Organisation.objects.filter(offers__isnull=False).distinct().order_by("name"),
        label=_("Entreprise"),
        empty_label=_("Toutes"),
    )

    class Meta:
        model = Introduction
        fields = ["q", "status", "offer", "company"]
