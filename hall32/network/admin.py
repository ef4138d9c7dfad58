"""The network's records in the admin, read-only: a partnership changes through its services,
which check its stages, its dates and the one open partnership per kind."""

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest
from rules.contrib.admin import ObjectPermissionsModelAdmin

from hall32.network.models import Partnership


@admin.register(Partnership)
class PartnershipAdmin(ObjectPermissionsModelAdmin):
    list_display = ["organisation", "kind", "stage", "start", "end"]
    list_filter = ["kind", "stage", "organisation__kind"]
    search_fields = ["organisation__name", "notes"]
    date_hierarchy = "start"
    list_select_related = ["organisation"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False
