"""Filters of the industry lists (pages and API)."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hall32.core.models import Organisation
from hall32.industry.models import (
    Booking,
    Equipment,
    LineConfiguration,
    Project,
    ProjectKind,
    ProjectStatus,
    Qualification,
    QualificationGrant,
    ScheduleRun,
)
from hall32.web.listing import SearchFilterSet


class EquipmentFilter(SearchFilterSet):
    search_fields = ("name", "code", "manufacturer", "model_name", "capabilities", "description")
    category = django_filters.ChoiceFilter(
        choices=Equipment.Category.choices, label=_("Catégorie"), empty_label=_("Toutes")
    )

    class Meta:
        model = Equipment
        fields = ["q", "category"]


class BookingFilter(SearchFilterSet):
    search_fields = ("equipment__name", "equipment__code", "title", "project__reference")
    when = django_filters.ChoiceFilter(
        choices=[("upcoming", _("À venir et en cours")), ("past", _("Passées"))],
        method="filter_when",
        label=_("Période"),
        empty_label=_("Toutes"),
    )
    status = django_filters.ChoiceFilter(
        choices=Booking.Status.choices, label=_("Statut"), empty_label=_("Tous")
    )
    equipment = django_filters.ModelChoiceFilter(
        queryset=Equipment.objects.all(), label=_("Machine"), empty_label=_("Toutes")
    )

    class Meta:
        model = Booking
        fields = ["q", "when", "status", "equipment"]

    def filter_when(self, queryset, name, value):
        now = timezone.now()
        return queryset.filter(end__gt=now) if value == "upcoming" else queryset.filter(end__lte=now)


class GrantFilter(SearchFilterSet):
    search_fields = (
        "person__first_name",
        "person__last_name",
        "qualification__name",
        "person__organisation__name",
    )
    qualification = django_filters.ModelChoiceFilter(
        queryset=Qualification.objects.all(), label=_("Habilitation"), empty_label=_("Toutes")
    )
    state = django_filters.ChoiceFilter(
        choices=[
            ("valid", _("Valides")),
            ("expiring", _("Expirent dans 60 jours")),
            ("expired", _("Expirées")),
            ("revoked", _("Retirées")),
        ],
        method="filter_state",
        label=_("État"),
        empty_label=_("Tous"),
    )

    class Meta:
        model = QualificationGrant
        fields = ["q", "qualification", "state"]

    def filter_state(self, queryset, name, value):
        today = timezone.localdate()
        if value == "revoked":
            return queryset.filter(revoked_on__isnull=False)
        if value == "expired":
            return queryset.filter(revoked_on__isnull=True, expires_on__lt=today)
        if value == "expiring":
            return queryset.expiring(today)
        return queryset.valid_on(today)


class ProjectFilter(SearchFilterSet):
    search_fields = ("reference", "title", "client__name", "description")
    status = django_filters.ChoiceFilter(
        choices=ProjectStatus.choices, label=_("Étape"), empty_label=_("Toutes")
    )
    kind = django_filters.ChoiceFilter(choices=ProjectKind.choices, label=_("Type"), empty_label=_("Tous"))
    size = django_filters.ChoiceFilter(
        field_name="client__size_band",
        choices=Organisation.SizeBand.choices,
        label=_("Taille du client"),
        empty_label=_("Toutes"),
    )
    open = django_filters.ChoiceFilter(
        choices=[("true", _("En cours"))],
        method="filter_open",
        label=_("Avancement"),
        empty_label=_("Tous"),
    )

    class Meta:
        model = Project
        fields = ["q", "status", "kind", "size", "open"]

    def filter_open(self, queryset, name, value):
        return queryset.open() if value == "true" else queryset


class ClientProjectFilter(ProjectFilter):
    """A client's own projects: the size of the client says nothing there."""

    size = None

    class Meta(ProjectFilter.Meta):
        fields = ["q", "status", "kind", "open"]


class ClientFilter(SearchFilterSet):
    search_fields = ("name", "city")
    size = django_filters.ChoiceFilter(
        field_name="size_band",
        choices=Organisation.SizeBand.choices,
        label=_("Taille"),
        empty_label=_("Toutes"),
    )
    returning = django_filters.ChoiceFilter(
        choices=[("yes", _("Revenus")), ("no", _("Un seul projet"))],
        method="filter_returning",
        label=_("Retour"),
        empty_label=_("Tous"),
    )

    class Meta:
        model = Organisation
        fields = ["q", "size", "returning"]

    def filter_returning(self, queryset, name, value):
        return queryset.filter(projects__gte=2) if value == "yes" else queryset.filter(projects__lt=2)


class ScheduleFilter(SearchFilterSet):
    search_fields = ("name", "project__reference", "project__client__name")
    status = django_filters.ChoiceFilter(
        choices=ScheduleRun.Status.choices, label=_("Statut"), empty_label=_("Tous")
    )

    class Meta:
        model = ScheduleRun
        fields = ["q", "status"]


class LineFilter(SearchFilterSet):
    search_fields = ("name", "description", "client__name")
    client = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.filter(line_configurations__isnull=False).distinct(),
        label=_("Client"),
        empty_label=_("Tous"),
    )

    class Meta:
        model = LineConfiguration
        fields = ["q", "client"]
