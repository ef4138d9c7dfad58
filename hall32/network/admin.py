"""The network's records in the admin, read-only: a partnership changes through its services,
which check its stages, its dates and the one open partnership per kind."""

from django.contrib import admin

from hall32.core.admin import ReadOnlyAdmin
from hall32.network.models import Partnership


@admin.register(Partnership)
class PartnershipAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "kind", "stage", "start", "end"]
    list_filter = ["kind", "stage", "organisation__kind"]
    search_fields = ["organisation__name", "notes"]
    date_hierarchy = "start"
    list_select_related = ["organisation"]
