"""Filters of the outreach lists (pages and API)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from hall32.outreach.models import CLASS_KINDS, Event, EventKind, VisitorRegistration
from hall32.web.listing import SearchFilterSet


def _years() -> list[tuple[int, str]]:
    from django.conf import settings
    from django.utils import timezone

    from hall32.core.schoolyear import SchoolYear

    current = SchoolYear.of(timezone.localdate()).start_year
    return [(y, f"{y}-{y + 1}") for y in range(current + 1, settings.HUB_FIRST_SCHOOL_YEAR - 1, -1)]


class EventFilter(SearchFilterSet):
    search_fields = ("title", "venue", "city", "host__name")
    kind = django_filters.ChoiceFilter(choices=EventKind.choices, label=_("Type"), empty_label=_("Tous"))
    status = django_filters.ChoiceFilter(
        choices=Event.Status.choices, label=_("Statut"), empty_label=_("Tous")
    )
    year = django_filters.ChoiceFilter(
        choices=_years, method="filter_year", label=_("Année scolaire"), empty_label=_("Toutes")
    )
    when = django_filters.ChoiceFilter(
        choices=[("upcoming", _("À venir")), ("past", _("Passés"))],
        method="filter_when",
        label=_("Période"),
        empty_label=_("Tous"),
    )

    class Meta:
        model = Event
        fields = ["q", "kind", "status", "year", "when"]

    def filter_year(self, queryset, name, value):
        from hall32.core.schoolyear import SchoolYear

        return queryset.in_school_year(SchoolYear(int(value)))

    def filter_when(self, queryset, name, value):
        return queryset.upcoming() if value == "upcoming" else queryset.past()


class PublicEventFilter(SearchFilterSet):
    search_fields = ("title", "city", "venue")
    kind = django_filters.ChoiceFilter(choices=EventKind.choices, label=_("Type"), empty_label=_("Tous"))
    audience = django_filters.ChoiceFilter(
        choices=[
            ("pupils", _("Élèves")),
            ("parents", _("Parents")),
            ("teachers", _("Enseignants")),
            ("job_seekers", _("Demandeurs d'emploi")),
            ("classes", _("Classes (réservation par l'enseignant·e)")),
        ],
        method="filter_audience",
        label=_("Pour"),
        empty_label=_("Tous"),
    )

    class Meta:
        model = Event
        fields = ["q", "kind", "audience"]

    def filter_audience(self, queryset, name, value):
        if value == "classes":  # the events a teacher books a whole class for
            return queryset.filter(kind__in=CLASS_KINDS)
        return queryset.filter(**{f"for_{value}": True})


class CheckInFilter(SearchFilterSet):
    """The open-day desk's list: find a family by name, show who is still expected."""

    search_fields = ("person__first_name", "person__last_name")
    state = django_filters.ChoiceFilter(
        choices=[("expected", _("Attendus")), ("came", _("Arrivés"))],
        method="filter_state",
        label=_("Arrivée"),
        empty_label=_("Tous"),
    )

    class Meta:
        model = VisitorRegistration
        fields = ["q", "state"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        q = self.form.fields["q"].widget
        q.attrs.update({"autofocus": True, "placeholder": _("Nom ou prénom…"), "autocomplete": "off"})

    def filter_state(self, queryset, name, value):
        return queryset.filter(attended=value == "came")
