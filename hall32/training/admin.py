from django.contrib import admin
from rules.contrib.admin import ObjectPermissionsModelAdmin

from hall32.training.models import (
    Application,
    AttendanceCode,
    Cohort,
    Competency,
    CompetencyBlock,
    Contract,
    Course,
    Enrolment,
    Programme,
    ProgrammeModule,
    ProgrammeSession,
    Referral,
    Rubric,
    RubricCriterion,
    Trade,
)


@admin.register(Trade)
class TradeAdmin(ObjectPermissionsModelAdmin):
    list_display = ["name", "family", "is_tension", "salary_min", "salary_max"]
    prepopulated_fields = {"slug": ["name"]}


class BlockInline(admin.TabularInline):
    model = CompetencyBlock
    extra = 0


@admin.register(Course)
class CourseAdmin(ObjectPermissionsModelAdmin):
    list_display = ["title", "code", "level", "duration_months", "is_published"]
    list_filter = ["level", "is_published"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [BlockInline]


class CompetencyInline(admin.TabularInline):
    model = Competency
    extra = 0


@admin.register(CompetencyBlock)
class CompetencyBlockAdmin(ObjectPermissionsModelAdmin):
    list_display = ["course", "code", "title"]
    inlines = [CompetencyInline]


@admin.register(Cohort)
class CohortAdmin(ObjectPermissionsModelAdmin):
    list_display = ["code", "course", "school_year", "stage"]
    list_filter = ["school_year", "course"]
    filter_horizontal = ["trainers"]


@admin.register(Enrolment)
class EnrolmentAdmin(ObjectPermissionsModelAdmin):
    list_display = ["person", "cohort", "status", "start_date", "end_date"]
    list_filter = ["status", "cohort__school_year"]
    raw_id_fields = ["person", "cohort"]


class CriterionInline(admin.TabularInline):
    model = RubricCriterion
    extra = 0


@admin.register(Rubric)
class RubricAdmin(ObjectPermissionsModelAdmin):
    list_display = ["name", "is_active"]
    inlines = [CriterionInline]


@admin.register(AttendanceCode)
class AttendanceCodeAdmin(ObjectPermissionsModelAdmin):
    list_display = ["code", "label", "counts_as_absence", "is_excused", "is_late", "is_default", "order"]


@admin.register(Application)
class ApplicationAdmin(ObjectPermissionsModelAdmin):
    list_display = ["reference", "applicant", "course", "school_year", "status"]
    list_filter = ["status", "school_year"]
    raw_id_fields = ["applicant"]


@admin.register(Contract)
class ContractAdmin(ObjectPermissionsModelAdmin):
    list_display = ["reference", "apprentice", "employer", "start_date", "end_date", "status"]
    list_filter = ["status"]
    raw_id_fields = ["apprentice", "employer", "enrolment"]


class ModuleInline(admin.TabularInline):
    model = ProgrammeModule
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(ObjectPermissionsModelAdmin):
    list_display = ["name", "kind", "duration_weeks"]


@admin.register(ProgrammeSession)
class ProgrammeSessionAdmin(ObjectPermissionsModelAdmin):
    list_display = ["name", "programme", "start", "end", "capacity"]
    inlines = [ModuleInline]


@admin.register(Referral)
class ReferralAdmin(ObjectPermissionsModelAdmin):
    list_display = ["person", "programme", "referred_by", "status", "outcome"]
    list_filter = ["programme", "status", "outcome"]
    raw_id_fields = ["person", "referrer"]
