"""The demo hub's partnerships beyond its partner companies, and who is who at each organisation.

Loaded after the other apps, so that the stages follow what they did: a school is a partner from
its first class at a forum and lapses two school years after its last; a Pôle Industrie client
from its first project; the founders that fund the hub or collect its apprenticeship money get
that partnership too; a few companies contacted in past years gave up. None of this is of a partner company's kind at the partner stage: the
published counts (17 partner companies in 2019-20, 75 in 2022-23) stay as core made them.

Contacts' roles: from each person's job title, the tutors of the apprentices' contracts, and one
main contact per organisation the hub works with.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Max, Min

from hall32.core.models import Organisation, Person
from hall32.core.schoolyear import SchoolYear
from hall32.demo.data import fictional_phone, random_day, slug
from hall32.demo.loader import FIRST_YEAR, DemoContext
from hall32.industry.models import Project
from hall32.network.models import ContactRole, Partnership
from hall32.outreach.models import ClassBooking
from hall32.training.models import ContractTutor

Kind, Stage, Role = Partnership.Kind, Partnership.Stage, ContactRole.Role
OPENING = dt.date(FIRST_YEAR, 9, 1)

# Founders' other partnerships: the Région and the Banque de France fund the hub, OPCO AKTO pays
# for the contracts of its branches.
FOUNDER_ROLES = {
    "Région Auvergne-Rhône-Alpes": Kind.FUNDER,
    "Banque de France": Kind.FUNDER,
    "OPCO AKTO": Kind.OPCO,
}
# Companies contacted in past years that gave up.
GIVEN_UP = 10
# Organisations the hub came to know later: name, kind, partnership kind, stage, first contact,
# end, the contact's job title.
NEWCOMERS = [
    (
        "OPCO 2i",
        Organisation.Kind.FUNDER,
        Kind.OPCO,
        Stage.PARTNER,
        dt.date(2020, 1, 15),
        "Conseiller·ère emploi-formation",
    ),
    (
        "Clermont Auvergne Métropole",
        Organisation.Kind.PUBLIC_BODY,
        Kind.FUNDER,
        Stage.CONTACTED,
        dt.date(2025, 10, 6),
        "Chargé·e de mission développement économique",
    ),
    (
        "Fondation Auvergne Industrie Avenir",
        Organisation.Kind.FUNDER,
        Kind.FUNDER,
        Stage.PROSPECT,
        dt.date(2026, 9, 14),
        "Déléguée générale",
    ),
]

TITLE_ROLES = {
    "Responsable des ressources humaines": Role.HR,
    "Chargé·e de recrutement": Role.HR,
    "Gérant·e": Role.DIRECTOR,
    "Directeur·rice technique": Role.TECHNICAL,
    "Responsable de production": Role.TECHNICAL,
    "Chef d'atelier": Role.TECHNICAL,
    "Responsable maintenance": Role.TECHNICAL,
    "Responsable bureau d'études": Role.TECHNICAL,
    "Responsable R&D": Role.TECHNICAL,
    "Responsable qualité": Role.OTHER,
    "Professeur·e principal·e de 3e": Role.TEACHER,
    "Professeur principal de 3e": Role.TEACHER,
    "Conseiller·e principal·e d'éducation": Role.OTHER,
    "Psychologue de l'Éducation nationale": Role.ADVISOR,
    "Conseiller·e en insertion": Role.ADVISOR,
    "Conseillère en insertion": Role.ADVISOR,
}
# Who the hub would rather speak to first, by kind of organisation.
MAIN_FIRST = {
    Organisation.Kind.COMPANY: [Role.HR, Role.DIRECTOR, Role.TECHNICAL, Role.TUTOR],
    Organisation.Kind.SCHOOL: [Role.TEACHER, Role.ADVISOR, Role.OTHER],
    Organisation.Kind.AGENCY: [Role.ADVISOR],
}


def school_partnerships(today: dt.date, known: set[int]) -> tuple[list[Partnership], set[int]]:
    """A school is a partner from its first class booked (forum, intervention) to two school years
    after its last; the schools that never sent one were contacted lately or are prospects."""
    stale = SchoolYear.of(today).start_year - 2
    spans = (
        ClassBooking.objects.exclude(status=ClassBooking.Status.CANCELLED)
        .values("school")
        .annotate(first=Min("event__start"), last=Max("event__start"))
    )
    rows = []
    seen = set()
    for row in spans.order_by("school"):
        seen.add(row["school"])
        if row["school"] in known:
            continue
        first = min(today, max(OPENING, row["first"].date() - dt.timedelta(days=45)))
        last_year = SchoolYear.of(row["last"].date()).start_year
        end = dt.date(last_year + 1, 8, 31) if last_year < stale else None
        stage = Stage.LAPSED if end else Stage.PARTNER
        rows.append(
            Partnership(
                organisation_id=row["school"],
                kind=Kind.SCHOOL,
                stage=stage,
                start=first,
                end=end,
                notes="Classes au forum des métiers et interventions en classe.",
            )
        )
    return rows, seen


def load(ctx: DemoContext) -> dict[str, int]:
    rng = ctx.rng("network.relations")
    fake = ctx.faker("network.relations")
    today = ctx.today
    orgs = {o.name: o for o in Organisation.objects.all()}
    known = set(Partnership.objects.values_list("organisation_id", flat=True))

    newcomers = [
        Organisation(
            name=name, kind=kind, postcode="63000", city="Clermont-Ferrand", phone=fictional_phone(rng)
        )
        for name, kind, *_rest in NEWCOMERS
    ]
    for org in newcomers:
        org.full_clean(validate_unique=False, validate_constraints=False)
    Organisation.objects.bulk_create(newcomers)
    rows: list[Partnership] = []
    for org, (_n, _k, kind, stage, start, _title) in zip(newcomers, NEWCOMERS, strict=True):
        rows.append(Partnership(organisation=org, kind=kind, stage=stage, start=min(start, today)))
    for name, kind in FOUNDER_ROLES.items():
        rows.append(Partnership(organisation=orgs[name], kind=kind, stage=Stage.PARTNER, start=OPENING))

    schools, with_classes = school_partnerships(today, known)
    rows += schools
    for org in orgs.values():
        if org.kind == Organisation.Kind.SCHOOL and org.pk not in with_classes and org.pk not in known:
            if org.school_kind == Organisation.SchoolKind.HIGHER:
                # Where the hub's BTS graduates go on to a licence or an engineering school.
                rows.append(
                    Partnership(
                        organisation=org, kind=Kind.SCHOOL, stage=Stage.PARTNER, start=dt.date(2021, 3, 1)
                    )
                )
            else:
                stage = rng.choice([Stage.PROSPECT, Stage.CONTACTED])
                rows.append(
                    Partnership(
                        organisation=org,
                        kind=Kind.SCHOOL,
                        stage=stage,
                        start=random_day(rng, today - dt.timedelta(days=540), today - dt.timedelta(days=20)),
                    )
                )

    # Pôle Industrie clients, from their first project; lapsed three years after their last one.
    projects = (
        Project.objects.values("client")
        .annotate(first=Min("requested_on"), last=Max("requested_on"))
        .order_by("client")
    )
    clients = set()
    for row in projects:
        clients.add(row["client"])
        end = row["last"] + dt.timedelta(days=3 * 365)
        ended = end < today
        rows.append(
            Partnership(
                organisation_id=row["client"],
                kind=Kind.INDUSTRY_CLIENT,
                stage=Stage.LAPSED if ended else Stage.PARTNER,
                start=row["first"],
                end=end if ended else None,
            )
        )
    large = [
        o for o in orgs.values() if o.size_band == Organisation.SizeBand.LARGE_GROUP and o.pk not in clients
    ]
    for org in sorted(large, key=lambda o: o.pk):
        rows.append(
            Partnership(
                organisation=org,
                kind=Kind.INDUSTRY_CLIENT,
                stage=Stage.CONTACTED,
                start=random_day(rng, today - dt.timedelta(days=400), today - dt.timedelta(days=30)),
                notes="Intéressé par la ligne modulaire pour des essais de production.",
            )
        )

    # Companies approached in past years that never became partners: prospects given up. (A
    # partner's own earlier stages are one row's moves, kept in the audit trail the timeline reads:
    # a closed contact row would read there as a prospect given up.)
    approached = set(Partnership.objects.values_list("organisation_id", flat=True))
    never = [o for o in orgs.values() if o.kind == Organisation.Kind.COMPANY and o.pk not in approached]
    for org in rng.sample(sorted(never, key=lambda o: o.pk), min(GIVEN_UP, len(never))):
        first = random_day(rng, dt.date(FIRST_YEAR + 1, 1, 6), today - dt.timedelta(days=300))
        rows.append(
            Partnership(
                organisation=org,
                kind=Kind.COMPANY,
                stage=Stage.CONTACTED,
                start=first,
                end=first + dt.timedelta(days=rng.randint(30, 240)),
                notes="Pas de besoin d'apprenti pour l'instant ; à recontacter.",
            )
        )
    Partnership.objects.bulk_create(rows)

    people = []
    for org, (*_rest, title) in zip(newcomers, NEWCOMERS, strict=True):
        first, last = fake.first_name(), fake.last_name()
        people.append(
            Person(
                first_name=first,
                last_name=last,
                organisation=org,
                job_title=title,
                email=f"{slug(first)}.{slug(last)}@{slug(org.name)[:30]}.example",
                phone=fictional_phone(rng, mobile=False),
                consent_contact=True,
            )
        )
    Person.objects.bulk_create(people)
    roles = contact_roles(rng)
    return {"partenariats": len(rows), "rôles de contact": roles}


def contact_roles(rng) -> int:
    """Each person's roles at their organisation, and one main contact per organisation the hub
    works with (a partner, or one being approached)."""
    first_contract: dict[int, dt.date] = {
        row["person"]: row["first"]
        for row in ContractTutor.objects.values("person").annotate(first=Min("contract__start_date"))
    }
    started: dict[int, dt.date] = {}
    for p in Partnership.objects.open().order_by("start"):
        started.setdefault(p.organisation_id, p.start)
    staff: dict[int, list[tuple[Person, str]]] = defaultdict(list)
    rows: list[ContactRole] = []
    for person in (
        Person.objects.filter(organisation__isnull=False)
        .select_related("organisation")
        .only("pk", "job_title", "organisation__kind")
        .order_by("pk")
    ):
        org = person.organisation
        kind = org.kind
        role = TITLE_ROLES.get(person.job_title)
        if role is None and kind in (Organisation.Kind.FUNDER, Organisation.Kind.PUBLIC_BODY):
            role = Role.OTHER
        since = started.get(org.pk)
        if role is not None:
            rows.append(ContactRole(organisation=org, person=person, role=role, start=since))
        if person.pk in first_contract:
            rows.append(
                ContactRole(organisation=org, person=person, role=Role.TUTOR, start=first_contract[person.pk])
            )
            role = role or Role.TUTOR
        staff[org.pk].append((person, role or Role.OTHER))
    for org_pk, members in staff.items():
        if org_pk not in started:
            continue
        order = MAIN_FIRST.get(members[0][0].organisation.kind, [])
        ranked = sorted(
            members, key=lambda m: (order.index(m[1]) if m[1] in order else len(order), rng.random())
        )
        main = ranked[0][0]
        rows.append(
            ContactRole(
                organisation_id=org_pk, person=main, role=Role.MAIN, is_primary=True, start=started[org_pk]
            )
        )
    ContactRole.objects.bulk_create(rows)
    return len(rows)
