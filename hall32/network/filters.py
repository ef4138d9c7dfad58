"""Filter sets of the network app, shared by its list pages and its API (its lists come with issue 11)."""

# contacts: the list of interactions (page and API).
import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from hall32.core.models import Organisation
from hall32.network.models import Interaction
from hall32.network.selectors import contacts as contact_selectors
from hall32.web.forms import DateInput
from hall32.web.listing import SearchFilterSet


class InteractionFilter(SearchFilterSet):
    search_fields = ("subject", "notes", "organisation__name")
    kind = django_filters.ChoiceFilter(
        choices=Interaction.Kind.choices, label=_("Type"), empty_label=_("Tous")
    )
    owner = django_filters.ModelChoiceFilter(
        queryset=contact_selectors.network_staff(), label=_("Suivi par"), empty_label=_("Tous")
    )
    organisation = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.filter(interactions__isnull=False).distinct().order_by("name"),
        label=_("Organisation"),
        empty_label=_("Toutes"),
    )
    since = django_filters.DateFilter(
        field_name="happened_at", lookup_expr="date__gte", label=_("Depuis le"), widget=DateInput()
    )
    until = django_filters.DateFilter(
        field_name="happened_at", lookup_expr="date__lte", label=_("Jusqu'au"), widget=DateInput()
    )

    class Meta:
        model = Interaction
        fields = ["q", "kind", "owner", "organisation", "since", "until"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.filters["owner"].field.label_from_instance = lambda user: user.display_name

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # The people present too: an interaction is found by a contact's name.
        for term in value.split():
            queryset = queryset.filter(
                Q(subject__icontains=term)
                | Q(notes__icontains=term)
                | Q(organisation__name__icontains=term)
                | Q(contacts__last_name__icontains=term)
            )
        return queryset.distinct()


# contacts end
