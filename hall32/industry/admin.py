"""The Pôle Industrie's records in the admin.

The catalogue (machines, qualifications) is edited here through its services. Everything else is
shown read-only: bookings, grants, projects, quotes, schedules and lines change through services
that check overlaps and qualifications, number quotes, record a project's steps or validate a line
with the simulator, which the admin's plain save would skip. The pages do those writes.
"""

from django.contrib import admin
from django.db.models import Model
from django.forms import ModelForm
from django.http import HttpRequest
from rules.contrib.admin import ObjectPermissionsModelAdmin

from hall32.core.admin import ReadOnlyAdmin
from hall32.industry.models import (
    Booking,
    Deliverable,
    Equipment,
    LineConfiguration,
    LineModule,
    MaintenancePlan,
    Project,
    ProjectStep,
    Qualification,
    QualificationGrant,
    Quote,
    QuoteLine,
    ScheduledOperation,
    ScheduleRun,
    SimulationRun,
    TimeEntry,
)
from hall32.industry.services import equipment as equipment_services


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


# --- The catalogue ---------------------------------------------------------------------------


class MaintenancePlanInline(ReadOnlyInline):
    model = MaintenancePlan
    fields = ["name", "every_weeks", "first_date", "start_time", "duration_minutes", "until", "is_active"]


@admin.register(Equipment)
class EquipmentAdmin(ObjectPermissionsModelAdmin):
    list_display = ["code", "name", "category", "room", "hourly_rate", "qualification", "is_active"]
    list_filter = ["category", "is_active", "runs_unattended", "qualification"]
    search_fields = ["code", "name", "manufacturer", "model_name", "description", "capabilities"]
    list_select_related = ["room", "qualification"]
    inlines = [MaintenancePlanInline]

    def save_model(self, request: HttpRequest, obj: Equipment, form: ModelForm, change: bool) -> None:
        equipment_services.equipment_save(equipment=obj)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False  # a machine leaves service (is_active); its bookings and history stay


@admin.register(Qualification)
class QualificationAdmin(ObjectPermissionsModelAdmin):
    list_display = ["name", "code", "validity_months"]
    search_fields = ["name", "code", "description"]

    def save_model(self, request: HttpRequest, obj: Qualification, form: ModelForm, change: bool) -> None:
        equipment_services.qualification_save(qualification=obj)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False  # machines and grants point at it


@admin.register(QualificationGrant)
class QualificationGrantAdmin(ReadOnlyAdmin):
    list_display = ["person", "qualification", "granted_on", "expires_on", "revoked_on", "granted_by"]
    list_filter = ["qualification", "revoked_on"]
    search_fields = ["person__last_name", "person__first_name", "qualification__name"]
    list_select_related = ["person", "qualification", "granted_by"]
    date_hierarchy = "granted_on"


@admin.register(Booking)
class BookingAdmin(ReadOnlyAdmin):
    list_display = ["equipment", "start", "end", "kind", "status", "user", "project"]
    list_filter = ["kind", "status", "equipment__category", "equipment"]
    search_fields = ["title", "equipment__code", "equipment__name", "user__username", "project__reference"]
    list_select_related = ["equipment", "user", "project"]
    date_hierarchy = "start"


# --- Client projects -------------------------------------------------------------------------


class ProjectStepInline(ReadOnlyInline):
    model = ProjectStep
    fields = ["at", "from_status", "to_status", "by", "note"]


class TimeEntryInline(ReadOnlyInline):
    model = TimeEntry
    fields = ["day", "engineer", "hours", "activity", "note"]


class DeliverableInline(ReadOnlyInline):
    model = Deliverable
    fields = ["title", "kind", "due_on", "delivered_on", "file"]


@admin.register(Project)
class ProjectAdmin(ReadOnlyAdmin):
    list_display = ["reference", "title", "client", "kind", "status", "lead", "requested_on", "closed_on"]
    list_filter = ["status", "kind"]
    search_fields = ["reference", "title", "client__name"]
    list_select_related = ["client", "lead"]
    date_hierarchy = "requested_on"
    inlines = [ProjectStepInline, DeliverableInline, TimeEntryInline]


class QuoteLineInline(ReadOnlyInline):
    model = QuoteLine
    fields = ["position", "kind", "label", "equipment", "quantity", "unit", "unit_price"]


@admin.register(Quote)
class QuoteAdmin(ReadOnlyAdmin):
    list_display = ["number", "project", "status", "issued_on", "valid_until", "decided_on"]
    list_filter = ["status"]
    search_fields = ["number", "project__reference", "project__title", "project__client__name"]
    list_select_related = ["project"]
    inlines = [QuoteLineInline]


# --- Scheduling and line simulation ----------------------------------------------------------


class ScheduledOperationInline(ReadOnlyInline):
    model = ScheduledOperation
    fields = ["job_label", "sequence", "equipment", "duration_minutes", "start", "end"]


@admin.register(ScheduleRun)
class ScheduleRunAdmin(ReadOnlyAdmin):
    list_display = ["name", "project", "status", "not_before", "makespan_minutes", "solved_at", "applied_at"]
    list_filter = ["status"]
    search_fields = ["name", "project__reference"]
    list_select_related = ["project"]
    inlines = [ScheduledOperationInline]


class LineModuleInline(ReadOnlyInline):
    model = LineModule
    fields = ["position", "name", "kind", "distribution", "capacity", "buffer", "investment"]


@admin.register(LineConfiguration)
class LineConfigurationAdmin(ReadOnlyAdmin):
    list_display = ["name", "client", "project", "target_per_hour", "horizon_hours", "replications"]
    search_fields = ["name", "client__name", "project__reference"]
    list_select_related = ["client", "project"]
    inlines = [LineModuleInline]


@admin.register(SimulationRun)
class SimulationRunAdmin(ReadOnlyAdmin):
    list_display = ["line", "kind", "created_at", "finished_at", "created_by"]
    list_filter = ["kind"]
    search_fields = ["line__name"]
    list_select_related = ["line", "created_by"]
