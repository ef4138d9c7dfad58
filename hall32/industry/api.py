"""Industry API: the equipment catalogue, bookings, projects and return rate, job-shop schedules,
modular-line configurations and simulations. The same services as the pages, the same rules."""

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from hall32.core.models import Job
from hall32.industry.errors import IndustryError
from hall32.industry.filters import BookingFilter, ClientProjectFilter, EquipmentFilter, ProjectFilter
from hall32.industry.models import (
    Booking,
    Equipment,
    LineConfiguration,
    LineModule,
    Project,
    ProjectKind,
    ProjectStatus,
    ScheduleRun,
    SimulationRun,
)
from hall32.industry.selectors import bookings as booking_selectors
from hall32.industry.selectors import equipment as equipment_selectors
from hall32.industry.selectors import lines as line_selectors
from hall32.industry.selectors import projects as project_selectors
from hall32.industry.selectors import scheduling as schedule_selectors
from hall32.industry.services import bookings as booking_services
from hall32.industry.services import lines as line_services
from hall32.industry.services import scheduling as schedule_services
from hall32.industry.simulation import line as sim
from hall32.web.apikit import Day, Moment, MomentQuery, Pages, api_enum, require

router = Router(tags=["industry"])

EquipmentCategory = api_enum("EquipmentCategory", Equipment.Category)
BookingKind = api_enum("BookingKind", Booking.Kind)
BookingStatus = api_enum("BookingStatus", Booking.Status)
ScheduleStatus = api_enum("ScheduleStatus", ScheduleRun.Status)
SimulationKind = api_enum("SimulationKind", SimulationRun.Kind)
ModuleKind = api_enum("ModuleKind", LineModule.Kind)


class EquipmentOut(Schema):
    id: int
    code: str
    name: str
    category: EquipmentCategory
    manufacturer: str
    model_name: str
    capabilities: list[str]
    hourly_rate: Decimal
    qualification: str | None
    runs_unattended: bool

    @staticmethod
    def resolve_capabilities(obj: Equipment) -> list[str]:
        return obj.capability_list

    @staticmethod
    def resolve_qualification(obj: Equipment) -> str | None:
        return obj.qualification.name if obj.qualification_id else None


class BookingChange(Schema):
    start: Moment
    end: Moment
    title: str = Field("", max_length=200)
    notes: str = Field("", max_length=2000)
    project_id: int | None = None


class BookingIn(BookingChange):
    equipment_id: int


class BookingOut(Schema):
    id: int
    reference: str
    equipment_id: int
    equipment: str
    kind: BookingKind
    status: BookingStatus
    start: dt.datetime
    end: dt.datetime
    title: str
    project_id: int | None

    @staticmethod
    def resolve_equipment(obj: Booking) -> str:
        return obj.equipment.name


@router.get("/equipment", response=list[EquipmentOut], auth=None, summary="Les machines du Pôle Industrie")
@paginate(Pages, page_size=50)
def equipment_list(
    request: HttpRequest,
    category: EquipmentCategory | None = None,
    q: str = Query("", max_length=100, description="Nom, code, fabricant, modèle, capacités, description."),
):
    # The catalogue page's filter set, so that a search finds the same machines here and there.
    params = {"q": q, "category": category or ""}
    return EquipmentFilter(params, queryset=equipment_selectors.equipment_catalogue()).qs


@router.get("/equipment/free", response=list[EquipmentOut], summary="Machines libres sur une plage horaire")
def equipment_free(
    request: HttpRequest,
    start: MomentQuery,
    end: MomentQuery,
    category: EquipmentCategory | None = None,
):
    require(request, "industry.book_equipment")
    if end <= start:
        raise IndustryError("La fin doit être après le début.", field="end", status=422)
    return equipment_selectors.free_equipment(start=start, end=end, category=category or "")


@router.get("/equipment/{equipment_id}", response=EquipmentOut, auth=None, summary="Une machine")
def equipment_detail(request: HttpRequest, equipment_id: int):
    return get_object_or_404(equipment_selectors.equipment_catalogue(), pk=equipment_id)


@router.get("/bookings", response=list[BookingOut], summary="Mes réservations")
@paginate(Pages, page_size=50)
def booking_list(request: HttpRequest, upcoming: bool = True):
    require(request, "industry.view_my_bookings")
    params = {"status": Booking.Status.CONFIRMED, "when": "upcoming" if upcoming else ""}
    return BookingFilter(params, queryset=booking_selectors.bookings_of(user=request.user)).qs


@router.post(
    "/bookings",
    response={201: BookingOut},
    summary="Réserver une machine (409 si le créneau est pris, 403 sans l'habilitation)",
)
def booking_create(request: HttpRequest, payload: BookingIn):
    require(request, "industry.book_equipment")
    equipment = get_object_or_404(Equipment, pk=payload.equipment_id)
    project = get_object_or_404(Project, pk=payload.project_id) if payload.project_id else None
    booking = booking_services.booking_create(
        equipment=equipment,
        start=payload.start,
        end=payload.end,
        title=payload.title,
        notes=payload.notes,
        project=project,
        by=request.user,
    )
    return Status(201, booking)


def _my_booking(request: HttpRequest, booking_id: int) -> Booking:
    booking = get_object_or_404(Booking.objects.select_related("equipment", "user"), pk=booking_id)
    if not (booking.user_id == request.user.pk or request.user.has_perm("industry.view_booking_details")):
        raise IndustryError("Introuvable.", code="not_found", status=404)
    return booking


@router.put("/bookings/{booking_id}", response=BookingOut, summary="Déplacer ou modifier une réservation")
def booking_update(request: HttpRequest, booking_id: int, payload: BookingChange):
    booking = _my_booking(request, booking_id)
    project = get_object_or_404(Project, pk=payload.project_id) if payload.project_id else None
    return booking_services.booking_update(
        booking=booking,
        start=payload.start,
        end=payload.end,
        title=payload.title,
        notes=payload.notes,
        project=project,
        by=request.user,
    )


@router.post("/bookings/{booking_id}/cancel", response=BookingOut, summary="Annuler une réservation à venir")
def booking_cancel(request: HttpRequest, booking_id: int):
    return booking_services.booking_cancel(booking=_my_booking(request, booking_id), by=request.user)


@router.post("/bookings/{booking_id}/end", response=BookingOut, summary="Écourter une réservation en cours")
def booking_end(request: HttpRequest, booking_id: int):
    return booking_services.booking_end_early(booking=_my_booking(request, booking_id), by=request.user)


# --- Projects ------------------------------------------------------------------------------------


class ProjectOut(Schema):
    id: int
    reference: str
    title: str
    client: str
    client_size: str
    kind: ProjectKind
    status: ProjectStatus
    requested_on: dt.date
    started_on: dt.date | None
    delivered_on: dt.date | None
    closed_on: dt.date | None
    satisfaction: int | None
    hours_spent: Decimal

    @staticmethod
    def resolve_client(obj: Project) -> str:
        return obj.client.name

    @staticmethod
    def resolve_client_size(obj: Project) -> str:
        return obj.client.size_band


class ReturnOut(Schema):
    clients: int
    returning: int
    rate: float | None
    large_groups: int
    by_size: dict[str, int]


@router.get("/projects", response=list[ProjectOut], summary="Projets (les siens pour un client)")
@paginate(Pages, page_size=50)
def project_list(
    request: HttpRequest,
    status: ProjectStatus | None = None,
    kind: ProjectKind | None = None,
    q: str = Query("", max_length=100, description="Référence, titre, client, description."),
):
    if not (
        request.user.has_perm("industry.view_projects") or request.user.has_perm("industry.view_my_projects")
    ):
        require(request, "industry.view_projects")
    # The pages' filter sets: the team's list, or a client's own projects.
    filters = ProjectFilter if request.user.has_perm("industry.view_projects") else ClientProjectFilter
    params = {"q": q, "status": status or "", "kind": kind or ""}
    return filters(params, queryset=project_selectors.projects_list(user=request.user)).qs


@router.get("/projects/{project_id}", response=ProjectOut, summary="Un projet")
def project_detail(request: HttpRequest, project_id: int):
    project = get_object_or_404(project_selectors.projects_list(user=request.user), pk=project_id)
    require(request, "industry.open_project", project)
    return project


@router.get("/clients/return", response=ReturnOut, summary="Clients et taux de retour (calculés)")
def client_return(request: HttpRequest, since: Day | None = None, until: Day | None = None):
    require(request, "industry.view_projects")
    figures = project_selectors.client_return(since=since, until=until)
    return {
        "clients": figures.clients,
        "returning": figures.returning,
        "rate": figures.rate,
        "large_groups": figures.large_groups,
        "by_size": figures.by_size,
    }


# --- Scheduling ----------------------------------------------------------------------------------


class OperationIn(Schema):
    equipment_id: int
    minutes: int = Field(ge=1, le=60 * 24 * 14)


class JobIn(Schema):
    label: str = Field(min_length=1, max_length=60)
    operations: list[OperationIn] = Field(min_length=1, max_length=schedule_services.MAX_OPERATIONS)


class ScheduleIn(Schema):
    """The solver's work is bounded by time_limit (seconds) and by MAX_OPERATIONS in all."""

    name: str = Field(min_length=1, max_length=150)
    not_before: Moment
    time_limit: int = Field(10, ge=1, le=120)
    project_id: int | None = None
    jobs: list[JobIn] = Field(min_length=1, max_length=schedule_services.MAX_OPERATIONS)


class OperationOut(Schema):
    job: str
    sequence: int
    equipment_id: int
    minutes: int
    start: dt.datetime | None
    end: dt.datetime | None


class ScheduleOut(Schema):
    id: int
    name: str
    status: ScheduleStatus
    makespan_minutes: int | None
    solver_status: str
    message: str
    job_id: int | None
    operations: list[OperationOut]


def _schedule_out(run: ScheduleRun) -> dict[str, Any]:
    return {
        "id": run.pk,
        "name": run.name,
        "status": run.status,
        "makespan_minutes": run.makespan_minutes,
        "solver_status": run.solver_status,
        "message": run.message,
        "job_id": run.job_id,
        "operations": [
            {
                "job": op.job_label,
                "sequence": op.sequence,
                "equipment_id": op.equipment_id,
                "minutes": op.duration_minutes,
                "start": op.start,
                "end": op.end,
            }
            for op in schedule_selectors.operations_of(run=run)
        ],
    }


@router.post(
    "/schedules", response={201: ScheduleOut}, summary="Créer un ordonnancement (ordres et opérations)"
)
def schedule_create(request: HttpRequest, payload: ScheduleIn):
    require(request, "industry.schedule_jobs")
    machines = Equipment.objects.in_bulk({op.equipment_id for job in payload.jobs for op in job.operations})
    errors = {
        f"jobs.{j}.operations.{k}.equipment_id": ["Machine inconnue."]
        for j, job in enumerate(payload.jobs)
        for k, op in enumerate(job.operations)
        if op.equipment_id not in machines
    }
    if errors:
        raise IndustryError("Machine inconnue.", errors=errors, status=422)
    project = get_object_or_404(Project, pk=payload.project_id) if payload.project_id else None
    rows = [
        (job.label, machines[op.equipment_id], op.minutes) for job in payload.jobs for op in job.operations
    ]
    run = schedule_services.schedule_create(
        run=ScheduleRun(
            name=payload.name,
            not_before=payload.not_before,
            time_limit=payload.time_limit,
            project=project,
        ),
        by=request.user,
        rows=rows,
    )
    return Status(201, _schedule_out(run))


@router.post(
    "/schedules/{run_id}/solve", response={202: ScheduleOut}, summary="Lancer le calcul (tâche de fond)"
)
def schedule_solve(request: HttpRequest, run_id: int):
    require(request, "industry.schedule_jobs")
    run = get_object_or_404(ScheduleRun, pk=run_id)
    schedule_services.schedule_start(run=run, by=request.user)
    run.refresh_from_db()
    return Status(202, _schedule_out(run))


@router.get("/schedules/{run_id}", response=ScheduleOut, summary="Un ordonnancement et ses dates")
def schedule_detail(request: HttpRequest, run_id: int):
    require(request, "industry.schedule_jobs")
    return _schedule_out(get_object_or_404(ScheduleRun, pk=run_id))


@router.post("/schedules/{run_id}/apply", response=list[BookingOut], summary="Réserver toutes les opérations")
def schedule_apply(request: HttpRequest, run_id: int):
    require(request, "industry.schedule_jobs")
    return schedule_services.schedule_apply(run=get_object_or_404(ScheduleRun, pk=run_id), by=request.user)


# --- Modular line --------------------------------------------------------------------------------


# The simulator's work grows with the simulated time and the replications: a year of production
# round the clock, replicated up to 50 times, answers any question asked of a line in minutes.
MAX_HORIZON_HOURS = 24 * 365
MAX_STATIONS = 20


def _number(default: Any = None, **bounds: Any) -> Any:
    return Field(default, allow_inf_nan=False, **bounds)


class DistributionIn(Schema):
    """A law of the simulator (times in minutes); which parameters it needs, and their values, the
    simulator checks and names (stations.2.process.mean)."""

    kind: str = Field(max_length=20, json_schema_extra={"enum": list(sim.DISTRIBUTIONS)})
    value: float | None = _number()
    mean: float | None = _number()
    sd: float | None = _number()
    low: float | None = _number()
    mode: float | None = _number()
    high: float | None = _number()


class RouteIn(Schema):
    to: int | Literal["exit"] | None = Field(None, description="Rang de la station suivante (0…), ou exit.")
    probability: float = _number(...)


class StationIn(Schema):
    name: str = Field("", max_length=100)
    module_kind: ModuleKind | None = None
    process: DistributionIn
    capacity: int | None = Field(None, le=100, description="Unités en parallèle.")
    buffer: int | None = Field(None, le=100_000, description="Places en amont ; vide : illimité.")
    mtbf: float | None = _number(description="Temps moyen entre pannes (min).")
    mttr: float | None = _number(description="Durée moyenne de réparation (min).")
    setup: float | None = _number(description="Réglage (min).")
    batch: int | None = Field(None, le=100_000, description="Pièces entre deux réglages.")
    investment: float | None = _number(le=9_999_999_999, description="Coût d'une unité de plus (€).")
    routes: list[RouteIn] = Field(default_factory=list, max_length=MAX_STATIONS + 1)


class LineIn(Schema):
    name: str = Field(min_length=1, max_length=150)
    description: str = Field("", max_length=5000)
    target_per_hour: float | None = _number(gt=0)
    horizon_hours: int = Field(480, ge=1, le=MAX_HORIZON_HOURS)
    warmup_hours: int = Field(24, ge=0, le=MAX_HORIZON_HOURS)
    replications: int = Field(5, ge=1, le=50)
    seed: int = Field(1, ge=0, le=2**31 - 1)
    arrival: DistributionIn | None = None
    stations: list[StationIn] = Field(min_length=1, max_length=MAX_STATIONS)


class LineOut(Schema):
    id: int
    name: str
    spec: dict[str, Any]
    latest: dict[str, Any] | None


def _line_out(line: LineConfiguration) -> dict[str, Any]:
    run = line_selectors.latest_run(line=line)
    return {
        "id": line.pk,
        "name": line.name,
        "spec": line_services.line_spec(line),
        "latest": run.result if run else None,
    }


@router.post(
    "/lines",
    response={201: LineOut},
    summary="Créer une configuration de ligne (refus champ par champ : stations.2.process.kind…)",
)
def line_create(request: HttpRequest, payload: LineIn):
    require(request, "industry.simulate_lines")
    line = line_services.line_create_from_spec(
        name=payload.name,
        description=payload.description,
        target_per_hour=payload.target_per_hour,
        horizon_hours=payload.horizon_hours,
        warmup_hours=payload.warmup_hours,
        replications=payload.replications,
        seed=payload.seed,
        spec=payload.model_dump(mode="json", include={"arrival", "stations"}, exclude_none=True),
        by=request.user,
    )
    return Status(201, _line_out(line))


@router.get("/lines/{line_id}", response=LineOut, summary="Une configuration et sa dernière simulation")
def line_detail(request: HttpRequest, line_id: int):
    line = get_object_or_404(LineConfiguration, pk=line_id)
    require(request, "industry.open_line", line)
    return _line_out(line)


class SimulationOut(Schema):
    id: int
    kind: SimulationKind
    job_id: int | None
    job_status: str
    progress: int
    result: dict[str, Any]


def _simulation_out(run: SimulationRun) -> dict[str, Any]:
    job = Job.objects.filter(pk=run.job_id).first()
    return {
        "id": run.pk,
        "kind": run.kind,
        "job_id": run.job_id,
        "job_status": job.status if job else "",
        "progress": job.progress if job else 0,
        "result": run.result,
    }


@router.post(
    "/lines/{line_id}/simulate",
    response={202: SimulationOut},
    summary="Simuler (kind=simulate) ou chercher l'investissement minimal (kind=improve)",
)
def line_simulate(request: HttpRequest, line_id: int, kind: SimulationKind = SimulationKind.SIMULATE):
    require(request, "industry.simulate_lines")
    line = get_object_or_404(LineConfiguration, pk=line_id)
    run = line_services.simulation_start(line=line, by=request.user, kind=kind)
    run.refresh_from_db()
    return Status(202, _simulation_out(run))


@router.get(
    "/simulations/{run_id}", response=SimulationOut, summary="Une simulation, son avancement et ses résultats"
)
def simulation_detail(request: HttpRequest, run_id: int):
    run = get_object_or_404(SimulationRun.objects.select_related("line"), pk=run_id)
    require(request, "industry.open_line", run.line)
    return _simulation_out(run)
