"""Filter sets of the network app, shared by its list pages and its API (its lists come with issue 11)."""

# contacts: the list of interactions (page and API).
import django_filters
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from hall32.core.models import Organisation, Sector
from hall32.network.models import Interaction, Partnership
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

# partners: the partner directory ------------------------------------------------------------------


def _partner_cities() -> list[tuple[str, str]]:
    cities = (
        Organisation.objects.filter(partnerships__isnull=False)
        .exclude(city="")
        .values_list("city", flat=True)
        .distinct()
        .order_by("city")
    )
    return [(c, c) for c in cities]


class PartnerDirectoryFilter(SearchFilterSet):
    """The organisations the hub has a partnership with: a kind and a stage are those of one same
    partnership (a company that is a partner of one kind and a prospect of another is found under
    « Partenaire » of the first kind only)."""

    search_fields = ("name", "city", "siret", "postcode")
    kind = django_filters.ChoiceFilter(
        choices=Partnership.Kind.choices,
        label=_("Partenariat"),
        empty_label=_("Tous"),
        method="filter_partnership",
    )
    stage = django_filters.ChoiceFilter(
        choices=Partnership.Stage.choices,
        label=_("Étape"),
        empty_label=_("Toutes"),
        method="filter_partnership",
    )
    sector = django_filters.ChoiceFilter(choices=Sector.choices, label=_("Secteur"), empty_label=_("Tous"))
    size_band = django_filters.ChoiceFilter(
        choices=Organisation.SizeBand.choices, label=_("Taille"), empty_label=_("Toutes")
    )
    city = django_filters.ChoiceFilter(choices=_partner_cities, label=_("Commune"), empty_label=_("Toutes"))

    class Meta:
        model = Organisation
        fields = ["q", "kind", "stage", "sector", "size_band", "city"]

    def filter_partnership(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # Both filters are applied at once, on the same partnership, whichever is called first.
        wanted = {k: self.form.cleaned_data.get(k) for k in ("kind", "stage")}
        wanted = {k: v for k, v in wanted.items() if v}
        if getattr(self, "_partnership_filtered", False) or not wanted:
            return queryset
        self._partnership_filtered = True
        return queryset.filter(Exists(Partnership.objects.filter(organisation=OuterRef("pk"), **wanted)))
