"""Filters of the training lists (pages and API)."""

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy

from hall32.training.models import (
    Announcement,
    Application,
    ApplicationStatus,
    Cohort,
    Contract,
    Course,
    Outcome,
    Situation,
)
from hall32.web.listing import SearchFilterSet


class ApplicationFilter(SearchFilterSet):
    search_fields = ("reference", "applicant__first_name", "applicant__last_name", "applicant__email")
    status = django_filters.ChoiceFilter(
        choices=ApplicationStatus.choices, label=gettext_lazy("Étape"), empty_label=gettext_lazy("Toutes")
    )
    course = django_filters.ModelChoiceFilter(
        queryset=Course.objects.all(), label=gettext_lazy("Formation"), empty_label=gettext_lazy("Toutes")
    )
    school_year = django_filters.NumberFilter(label=gettext_lazy("Rentrée"))

    class Meta:
        model = Application
        fields = ["q", "status", "course", "school_year"]


class AnnouncementFilter(SearchFilterSet):
    search_fields = ("title", "body", "cohort__code")
    audience = django_filters.ChoiceFilter(
        choices=Announcement.Audience.choices,
        label=gettext_lazy("Destinataires"),
        empty_label=gettext_lazy("Tous"),
    )
    shown = django_filters.ChoiceFilter(
        choices=[
            ("now", gettext_lazy("Affichés aujourd'hui")),
            ("later", gettext_lazy("À venir")),
            ("past", gettext_lazy("Expirés")),
        ],
        method="filter_shown",
        label=gettext_lazy("Affichage"),
        empty_label=gettext_lazy("Tous"),
    )

    class Meta:
        model = Announcement
        fields = ["q", "audience", "shown"]

    def filter_shown(self, queryset: QuerySet[Announcement], name: str, value: str) -> QuerySet[Announcement]:
        today = timezone.localdate()
        if value == "now":
            return queryset.shown_on(today)
        if value == "later":
            return queryset.filter(published_on__gt=today)
        return queryset.filter(Q(expires_on__lt=today))


class CohortFilter(SearchFilterSet):
    search_fields = ("code", "course__title")
    course = django_filters.ModelChoiceFilter(
        queryset=Course.objects.all(), label=gettext_lazy("Formation"), empty_label=gettext_lazy("Toutes")
    )
    school_year = django_filters.NumberFilter(label=gettext_lazy("Année de rentrée"))

    class Meta:
        model = Cohort
        fields = ["q", "course", "school_year"]


class ContractFilter(SearchFilterSet):
    search_fields = ("reference", "apprentice__last_name", "apprentice__first_name", "employer__name")
    status = django_filters.ChoiceFilter(
        choices=Contract.Status.choices, label=gettext_lazy("Statut"), empty_label=gettext_lazy("Tous")
    )

    class Meta:
        model = Contract
        fields = ["q", "status"]


class OutcomeFilter(SearchFilterSet):
    search_fields = ("learner__last_name", "learner__first_name", "detail")
    situation = django_filters.ChoiceFilter(
        choices=Situation.choices, label=gettext_lazy("Situation"), empty_label=gettext_lazy("Toutes")
    )
    course = django_filters.ModelChoiceFilter(
        queryset=Course.objects.all(), label=gettext_lazy("Formation"), empty_label=gettext_lazy("Toutes")
    )

    class Meta:
        model = Outcome
        fields = ["q", "situation", "course"]
