"""Filters of the core lists (shared by the pages and the API)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from hall32.core import access
from hall32.core.audit_display import audited_types
from hall32.core.models import AuditEntry, Organisation, Person
from hall32.web.listing import SearchFilterSet


class OrganisationFilter(SearchFilterSet):
    search_fields = ("name", "city", "siret", "uai", "postcode")
    kind = django_filters.ChoiceFilter(
        choices=Organisation.Kind.choices, label=_("Type"), empty_label=_("Tous")
    )
    size_band = django_filters.ChoiceFilter(
        choices=Organisation.SizeBand.choices, label=_("Taille"), empty_label=_("Toutes")
    )
    sector = django_filters.ChoiceFilter(
        choices=Organisation._meta.get_field("sector").choices,
        label=_("Secteur"),
        empty_label=_("Tous"),
    )

    class Meta:
        model = Organisation
        fields = ["q", "kind", "size_band", "sector"]


class PersonFilter(SearchFilterSet):
    search_fields = ("first_name", "last_name", "email", "organisation__name", "city")
    gender = django_filters.ChoiceFilter(
        choices=Person.Gender.choices, label=_("Genre"), empty_label=_("Tous")
    )
    organisation = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.all(), label=_("Organisation"), empty_label=_("Toutes")
    )

    class Meta:
        model = Person
        fields = ["q", "gender", "organisation"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.form.fields["organisation"].widget.attrs["data-tom-select"] = ""
        user = getattr(self.request, "user", None)
        if not access.sees_everyone(user):
            # Searching or filtering on a field would reveal it: only what every row shows.
            self.search_fields = ("first_name", "last_name", "organisation__name")
            self.filters.pop("gender", None)
            self.form.fields.pop("gender", None)


class AuditFilter(SearchFilterSet):
    search_fields = ("object_repr", "actor_label", "object_id")
    action = django_filters.ChoiceFilter(
        choices=AuditEntry.Action.choices, label=_("Action"), empty_label=_("Toutes")
    )
    model = django_filters.ChoiceFilter(
        choices=[], method="filter_model", label=_("Type d'objet"), empty_label=_("Tous")
    )
    since = django_filters.DateFilter(
        field_name="at",
        lookup_expr="date__gte",
        label=_("Depuis le"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = AuditEntry
        fields = ["q", "action", "model", "since"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Chosen from the kinds of object the trail holds, by their names (not typed in).
        self.form.fields["model"].choices = [("", _("Tous")), *audited_types()]

    def filter_model(self, queryset, name: str, value: str):
        app_label, _dot, model = value.partition(".")
        return queryset.filter(content_type__app_label=app_label, content_type__model=model)
