"""API of the network app: contacts' roles, interactions and follow-up tasks."""

import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from hall32.core.models import Organisation, Person, User
from hall32.network.errors import NetworkError
from hall32.network.filters import InteractionFilter
from hall32.network.models import ContactRole, FollowUpTask, Interaction
from hall32.network.selectors import contacts as contact_selectors
from hall32.network.services import contacts as contact_services
from hall32.web.apikit import Day, Moment, Pages, api_enum, require

router = Router(tags=["network"])

ContactRoleKind = api_enum("ContactRoleKind", ContactRole.Role)
InteractionKind = api_enum("InteractionKind", Interaction.Kind)


class ContactOut(Schema):
    id: int
    organisation_id: int
    person_id: int
    name: str
    email: str
    phone: str
    role: ContactRoleKind
    is_primary: bool
    start: dt.date | None
    end: dt.date | None

    @staticmethod
    def resolve_name(obj: ContactRole) -> str:
        return obj.person.full_name

    @staticmethod
    def resolve_email(obj: ContactRole) -> str:
        return obj.person.email

    @staticmethod
    def resolve_phone(obj: ContactRole) -> str:
        return obj.person.phone


class ContactIn(Schema):
    person_id: int = Field(description="Une personne rattachée à l'organisation.")
    role: ContactRoleKind
    is_primary: bool = False


class ContactEndIn(Schema):
    on: Day | None = None


class InteractionChange(Schema):
    kind: InteractionKind
    happened_at: Moment
    subject: str = Field(min_length=1, max_length=200)
    notes: str = Field("", max_length=10_000)
    contact_ids: list[int] = Field(default_factory=list, max_length=50)
    owner_id: int | None = Field(None, description="Sans : la personne connectée.")


class InteractionIn(InteractionChange):
    organisation_id: int


class InteractionOut(Schema):
    id: int
    organisation_id: int
    organisation: str
    kind: InteractionKind
    happened_at: dt.datetime
    subject: str
    notes: str
    contact_ids: list[int]
    owner_id: int | None

    @staticmethod
    def resolve_organisation(obj: Interaction) -> str:
        return obj.organisation.name

    @staticmethod
    def resolve_contact_ids(obj: Interaction) -> list[int]:
        return [p.pk for p in obj.contacts.all()]


class TaskIn(Schema):
    organisation_id: int
    title: str = Field(min_length=1, max_length=200)
    due_on: Day
    owner_id: int | None = Field(None, description="Sans : la personne connectée.")
    remind_days_before: int = Field(1, ge=0, le=contact_services.MAX_REMIND_DAYS)
    interaction_id: int | None = None


class TaskOut(Schema):
    id: int
    organisation_id: int
    organisation: str
    interaction_id: int | None
    title: str
    due_on: dt.date
    owner_id: int
    remind_days_before: int
    reminded_at: dt.datetime | None
    done_at: dt.datetime | None

    @staticmethod
    def resolve_organisation(obj: FollowUpTask) -> str:
        return obj.organisation.name


def _unknown(field: str, message: str) -> NetworkError:
    return NetworkError(message, field=field, code="not_found", status=422)


def _owner(request: HttpRequest, owner_id: int | None) -> User:
    if owner_id is None:
        return request.user  # type: ignore[return-value]
    owner = User.objects.filter(pk=owner_id).first()
    if owner is None:
        raise _unknown("owner_id", "Compte inconnu.")
    return owner


def _people(organisation: Organisation, ids: list[int]) -> list[Person]:
    people = Person.objects.in_bulk(set(ids))
    missing = [i for i in ids if i not in people]
    if missing:
        raise _unknown("contact_ids", "Personne inconnue : " + ", ".join(map(str, missing)) + ".")
    strangers = [p for p in people.values() if p.organisation_id != organisation.pk]
    if strangers:  # the service says so too, under the form's field name
        raise NetworkError(
            "Ne sont pas de " + organisation.name + " : " + ", ".join(map(str, strangers)) + ".",
            field="contact_ids",
        )
    return list(people.values())


@router.get(
    "/organisations/{organisation_id}/contacts",
    response=list[ContactOut],
    summary="Les contacts d'une organisation et leurs rôles",
)
def contact_list(request: HttpRequest, organisation_id: int, current: bool = True):
    require(request, "network.view_contacts")
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    return list(contact_selectors.contact_roles_of(organisation=organisation, current=current))


@router.post(
    "/organisations/{organisation_id}/contacts",
    response={201: ContactOut},
    summary="Donner un rôle à une personne de l'organisation (409 si elle l'a déjà)",
)
def contact_add(request: HttpRequest, organisation_id: int, payload: ContactIn):
    require(request, "network.manage_contacts")
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    person = Person.objects.filter(pk=payload.person_id).first()
    if person is None:
        raise _unknown("person_id", "Personne inconnue.")
    contact = contact_services.contact_role_add(
        organisation=organisation, person=person, role=payload.role, is_primary=payload.is_primary
    )
    return Status(201, contact)


@router.post("/contacts/{contact_id}/end", response=ContactOut, summary="Terminer un rôle de contact")
def contact_end(request: HttpRequest, contact_id: int, payload: ContactEndIn):
    require(request, "network.manage_contacts")
    contact = get_object_or_404(ContactRole, pk=contact_id)
    return contact_services.contact_role_end(contact=contact, on=payload.on)


@router.get("/interactions", response=list[InteractionOut], summary="Les échanges avec les organisations")
@paginate(Pages, page_size=50)
def interaction_list(
    request: HttpRequest,
    q: str = Query("", max_length=100, description="Objet, compte rendu, organisation, contact."),
    kind: InteractionKind | None = None,
    owner_id: int | None = None,
    organisation_id: int | None = None,
    since: Day | None = None,
    until: Day | None = None,
):
    require(request, "network.view_interactions")
    # The page's filter set: the same search finds the same interactions here and there.
    params = {
        "q": q,
        "kind": kind or "",
        "owner": owner_id or "",
        "organisation": organisation_id or "",
        "since": since.isoformat() if since else "",
        "until": until.isoformat() if until else "",
    }
    found = InteractionFilter(params, queryset=contact_selectors.interactions())
    if not found.is_valid():  # an owner or an organisation that is not on the lists
        raise NetworkError(
            "Filtre invalide.",
            errors={f"{name}_id": [str(m) for m in msgs] for name, msgs in found.errors.items()},
            status=422,
        )
    return found.qs.order_by("-happened_at", "-pk")


@router.post("/interactions", response={201: InteractionOut}, summary="Enregistrer un échange")
def interaction_create(request: HttpRequest, payload: InteractionIn):
    require(request, "network.add_interaction")
    organisation = Organisation.objects.filter(pk=payload.organisation_id).first()
    if organisation is None:
        raise _unknown("organisation_id", "Organisation inconnue.")
    interaction = contact_services.interaction_create(
        organisation=organisation,
        kind=payload.kind,
        happened_at=payload.happened_at,
        subject=payload.subject,
        notes=payload.notes,
        owner=_owner(request, payload.owner_id),
        contacts=_people(organisation, payload.contact_ids),
    )
    return Status(201, interaction)


def _interaction(request: HttpRequest, interaction_id: int, perm: str) -> Interaction:
    interaction = get_object_or_404(contact_selectors.interactions(), pk=interaction_id)
    require(request, perm, interaction)
    return interaction


@router.put("/interactions/{interaction_id}", response=InteractionOut, summary="Modifier un échange")
def interaction_update(request: HttpRequest, interaction_id: int, payload: InteractionChange):
    interaction = _interaction(request, interaction_id, "network.change_interaction")
    return contact_services.interaction_update(
        interaction=interaction,
        kind=payload.kind,
        happened_at=payload.happened_at,
        subject=payload.subject,
        notes=payload.notes,
        owner=_owner(request, payload.owner_id),
        contacts=_people(interaction.organisation, payload.contact_ids),
    )


@router.delete("/interactions/{interaction_id}", response={204: None}, summary="Supprimer un échange")
def interaction_delete(request: HttpRequest, interaction_id: int):
    contact_services.interaction_delete(
        interaction=_interaction(request, interaction_id, "network.delete_interaction")
    )
    return Status(204, None)


@router.get("/tasks/mine", response=list[TaskOut], summary="Mes tâches de suivi")
@paginate(Pages, page_size=50)
def task_mine(request: HttpRequest, done: bool = False):
    require(request, "network.view_my_tasks")
    mine = contact_selectors.tasks().filter(owner=request.user, done_at__isnull=not done)
    return mine.order_by("-done_at", "-pk") if done else mine.order_by("due_on", "pk")


@router.post("/tasks", response={201: TaskOut}, summary="Créer une tâche de suivi")
def task_create(request: HttpRequest, payload: TaskIn):
    require(request, "network.add_followuptask")
    organisation = Organisation.objects.filter(pk=payload.organisation_id).first()
    if organisation is None:
        raise _unknown("organisation_id", "Organisation inconnue.")
    interaction = None
    if payload.interaction_id is not None:
        interaction = Interaction.objects.filter(pk=payload.interaction_id).first()
        if interaction is None:
            raise _unknown("interaction_id", "Échange inconnu.")
    task = contact_services.task_create(
        organisation=organisation,
        title=payload.title,
        due_on=payload.due_on,
        owner=_owner(request, payload.owner_id),
        remind_days_before=payload.remind_days_before,
        interaction=interaction,
    )
    return Status(201, task)


@router.post("/tasks/{task_id}/done", response=TaskOut, summary="Marquer une tâche faite")
def task_done(request: HttpRequest, task_id: int):
    task = get_object_or_404(contact_selectors.tasks(), pk=task_id)
    require(request, "network.change_followuptask", task)
    return contact_services.task_done(task=task)


# contacts end
