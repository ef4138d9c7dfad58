from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import Model
from django.http import HttpRequest
from rules.contrib.admin import ObjectPermissionsModelAdmin

from hall32.core.models import (
    AuditEntry,
    Guardianship,
    Job,
    Organisation,
    Person,
    ReferenceCounter,
    Room,
    Site,
    User,
)


class ReadOnlyAdmin(ObjectPermissionsModelAdmin):
    """Shown to those who may view the records, written only through the services."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(Organisation)
class OrganisationAdmin(ObjectPermissionsModelAdmin):
    list_display = ["name", "kind", "size_band", "sector", "city", "is_founder"]
    list_filter = ["kind", "size_band", "sector", "is_founder"]
    search_fields = ["name", "siret", "uai", "city"]


class GuardianshipInline(admin.TabularInline):
    model = Guardianship
    fk_name = "child"
    autocomplete_fields = ["guardian"]
    extra = 0


@admin.register(Person)
class PersonAdmin(ObjectPermissionsModelAdmin):
    list_display = ["last_name", "first_name", "organisation", "city", "erased_at"]
    list_filter = ["gender"]
    search_fields = ["last_name", "first_name", "email"]
    autocomplete_fields = ["organisation"]
    inlines = [GuardianshipInline]


class RoomInline(admin.TabularInline):
    model = Room
    extra = 0


@admin.register(Site)
class SiteAdmin(ObjectPermissionsModelAdmin):
    list_display = ["name", "city"]
    inlines = [RoomInline]


@admin.register(User)
class UserAdmin(BaseUserAdmin, ObjectPermissionsModelAdmin):
    list_display = ["username", "first_name", "last_name", "is_active", "last_login"]
    list_filter = ["groups", "is_active"]
    autocomplete_fields = ["person"]
    fieldsets = [*BaseUserAdmin.fieldsets, ("Hall 32", {"fields": ["person"]})]


@admin.register(AuditEntry)
class AuditEntryAdmin(ObjectPermissionsModelAdmin):
    list_display = ["at", "actor_label", "action", "content_type", "object_repr"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "actor_label", "object_id"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]


@admin.register(Job)
class JobAdmin(ObjectPermissionsModelAdmin):
    list_display = ["kind", "status", "progress", "created_at", "finished_at"]
    list_filter = ["kind", "status"]
    readonly_fields = [f.name for f in Job._meta.fields]


@admin.register(ReferenceCounter)
class ReferenceCounterAdmin(ObjectPermissionsModelAdmin):
    list_display = ["kind", "year", "last"]
    list_filter = ["kind", "year"]
    # Moved only by core.services.reference_next, under its lock.
    readonly_fields = [f.name for f in ReferenceCounter._meta.fields]
