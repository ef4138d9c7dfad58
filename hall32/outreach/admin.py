from django.contrib import admin
from rules.contrib.admin import ObjectPermissionsModelAdmin

from hall32.outreach.models import ClassBooking, Event, EventTally, ForumPlan, ForumSlot, TourSlot, Workshop


class WorkshopInline(admin.TabularInline):
    model = Workshop
    extra = 0
    filter_horizontal = ["apprentices"]


class SlotInline(admin.TabularInline):
    model = ForumSlot
    extra = 0


class TourSlotInline(admin.TabularInline):
    model = TourSlot
    extra = 0


@admin.register(Event)
class EventAdmin(ObjectPermissionsModelAdmin):
    list_display = ["title", "kind", "status", "start", "capacity"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "venue", "city"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "start"
    inlines = [WorkshopInline, SlotInline, TourSlotInline]


@admin.register(ClassBooking)
class ClassBookingAdmin(ObjectPermissionsModelAdmin):
    list_display = ["class_name", "school", "event", "pupils", "status", "requested_at"]
    list_filter = ["status", "event__kind"]
    search_fields = ["class_name", "school__name", "event__title"]
    raw_id_fields = ["event", "school", "teacher", "booked_by"]


@admin.register(EventTally)
class EventTallyAdmin(ObjectPermissionsModelAdmin):
    list_display = ["event", "pupils", "girls", "parents"]


@admin.register(ForumPlan)
class ForumPlanAdmin(ObjectPermissionsModelAdmin):
    list_display = ["event", "status", "is_current", "objective", "job", "created_at"]
    list_filter = ["status", "is_current"]
    list_select_related = ["event", "job"]
    # Stored by the planner's services only: they keep one current plan per event, under a lock.
    readonly_fields = [f.name for f in ForumPlan._meta.fields]
