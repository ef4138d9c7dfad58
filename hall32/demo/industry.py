"""The demo Pôle Industrie.

- Machines: metal and polymer additive manufacturing, electronics, robotics, machining and
  metrology, each with the qualification it needs and its preventive-maintenance plans.
- Qualifications granted to the engineers, some trainers, a few apprentices and the demo client;
  the demo apprentice holds one valid and one expired.
- 30 client companies since 2019, 4 large groups (Michelin, Limagrain and two others) and 26 SMEs,
  with projects such that 23 of them (77 %, the published rate) came back for a further project;
  their quotes, time spent, deliverables, satisfaction and machine hours.
- A term of bookings (this school year up to four weeks ahead): classes on the machines, client
  work, the demo users' own bookings, unattended overnight prints; never two at once.
- A job-shop schedule solved but not yet booked, and two line configurations, simulated.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal

from django.utils import timezone

from hall32.core.models import Organisation, Person, Room, User
from hall32.core.roles import Role
from hall32.core.schoolyear import SchoolYear
from hall32.demo.data import random_day
from hall32.demo.loader import DemoContext
from hall32.demo.network import partner_spans
from hall32.industry import hours
from hall32.industry.models import (
    Booking,
    Deliverable,
    Equipment,
    LineConfiguration,
    MaintenancePlan,
    Project,
    ProjectKind,
    ProjectStatus,
    ProjectStep,
    Qualification,
    QualificationGrant,
    Quote,
    QuoteLine,
    ScheduleRun,
    TimeEntry,
)
from hall32.industry.services import lines as line_services
from hall32.industry.services import scheduling as schedule_services
from hall32.industry.services.equipment import maintenance_windows

CLIENTS = 30
LARGE_GROUP_CLIENTS = ["Michelin", "Limagrain", "Arverne Aéro Systèmes", "Sancy Métallurgie Groupe"]
RETURNING = 23  # 23 / 30 = 77 %

QUALIFICATIONS = [
    (
        "fa-metal",
        "Fabrication additive métal (fusion laser)",
        12,
        "Sécurité poudres métalliques, préparation des plateaux, paramètres laser, dépoudrage.",
    ),
    (
        "fa-polymere",
        "Impression 3D polymère (dépôt de fil, résine)",
        24,
        "Préparation des fichiers, choix des matériaux, lancement et surveillance, post-traitement.",
    ),
    (
        "fa-mjf",
        "Fusion de poudre polymère (MJF)",
        24,
        "Chargement de poudre, station de traitement, recyclage, sécurité ATEX.",
    ),
    (
        "usinage-cn",
        "Usinage à commande numérique",
        24,
        "Programmation, réglage des origines, montage des outils, sécurité machine.",
    ),
    (
        "robotique",
        "Robotique industrielle et collaborative",
        24,
        "Apprentissage de trajectoires, zones de sécurité, analyse de risques d'une cellule.",
    ),
    (
        "electronique",
        "Assemblage électronique CMS",
        36,
        "Sérigraphie, placement, refusion, inspection optique, ESD.",
    ),
    (
        "metrologie",
        "Métrologie tridimensionnelle",
        36,
        "Palpage, programmes de mesure, rapports de contrôle, scanner 3D.",
    ),
]
# code, name, category, manufacturer, model, rate, qualification, room, unattended, capabilities
MACHINES = [
    (
        "FA-M1",
        "Imprimante métal EOS M 290",
        Equipment.Category.ADDITIVE_METAL,
        "EOS",
        "M 290",
        "145.00",
        "fa-metal",
        "Atelier fabrication additive",
        True,
        "Inox 316L, aluminium AlSi10Mg, titane Ti6Al4V\nVolume utile 250 × 250 × 325 mm\nÉpaisseur de couche 30 à 60 µm",
    ),
    (
        "FA-P1",
        "Imprimante 3D Stratasys F370",
        Equipment.Category.ADDITIVE_POLYMER,
        "Stratasys",
        "F370",
        "28.00",
        "fa-polymere",
        "Atelier fabrication additive",
        True,
        "PLA, ABS, ASA, PC-ABS, TPU\nVolume utile 355 × 254 × 355 mm",
    ),
    (
        "FA-P2",
        "Imprimante résine Formlabs Form 3L",
        Equipment.Category.ADDITIVE_POLYMER,
        "Formlabs",
        "Form 3L",
        "32.00",
        "fa-polymere",
        "Atelier fabrication additive",
        True,
        "Résines standard, tough, haute température, élastomère\nVolume utile 335 × 200 × 300 mm\nPrécision 25 µm",
    ),
    (
        "FA-P3",
        "HP Multi Jet Fusion 5200",
        Equipment.Category.ADDITIVE_POLYMER,
        "HP",
        "Jet Fusion 5200",
        "65.00",
        "fa-mjf",
        "Atelier fabrication additive",
        True,
        "PA12, PA11, TPU\nVolume utile 380 × 284 × 380 mm\nPetites séries de pièces fonctionnelles",
    ),
    (
        "US-5X",
        "Centre d'usinage 5 axes DMG Mori DMU 50",
        Equipment.Category.MACHINING,
        "DMG Mori",
        "DMU 50",
        "85.00",
        "usinage-cn",
        "Atelier usinage",
        False,
        "Courses 650 × 520 × 475 mm\nBroche 20 000 tr/min\nAluminium, aciers, titane",
    ),
    (
        "US-T1",
        "Tour CN Haas ST-10",
        Equipment.Category.MACHINING,
        "Haas",
        "ST-10",
        "60.00",
        "usinage-cn",
        "Atelier usinage",
        False,
        "Diamètre tournable 356 mm\nLongueur 406 mm",
    ),
    (
        "RB-C1",
        "Robot collaboratif Universal Robots UR10e",
        Equipment.Category.ROBOTICS,
        "Universal Robots",
        "UR10e",
        "40.00",
        "robotique",
        "Atelier robotique",
        False,
        "Charge 12,5 kg, portée 1 300 mm\nPréhenseurs à vide et électriques\nVision 2D",
    ),
    (
        "RB-I1",
        "Cellule robotisée FANUC M-20iD",
        Equipment.Category.ROBOTICS,
        "FANUC",
        "M-20iD/25",
        "55.00",
        "robotique",
        "Atelier robotique",
        False,
        "Charge 25 kg, portée 1 831 mm\nSoudage, ébavurage, manutention",
    ),
    (
        "EL-CMS",
        "Ligne CMS (sérigraphie, placement, refusion)",
        Equipment.Category.ELECTRONICS,
        "Neoden",
        "YY1 et IN6",
        "45.00",
        "electronique",
        "Atelier électronique",
        False,
        "Cartes jusqu'à 300 × 250 mm\nComposants 0402 à QFP\nPetites séries et prototypes",
    ),
    (
        "EL-LAB",
        "Banc de test et de mise au point électronique",
        Equipment.Category.ELECTRONICS,
        "Keysight",
        "",
        "25.00",
        None,
        "Atelier électronique",
        False,
        "Oscilloscope 4 voies 200 MHz\nAlimentations programmables\nStation de soudage",
    ),
    (
        "MT-3D",
        "Machine à mesurer tridimensionnelle Zeiss Contura",
        Equipment.Category.METROLOGY,
        "Zeiss",
        "Contura",
        "70.00",
        "metrologie",
        "Atelier usinage",
        False,
        "Volume 700 × 1 000 × 600 mm\nPalpeur à scanning VAST XXT\nRapports de contrôle",
    ),
    (
        "MT-SC",
        "Scanner 3D GOM ATOS Q",
        Equipment.Category.METROLOGY,
        "GOM",
        "ATOS Q",
        "50.00",
        "metrologie",
        "Bureau d'études",
        False,
        "Numérisation et comparaison à la CAO\nRétro-conception",
    ),
]
# machine code -> [(name, every weeks, weekday, start, minutes)]
MAINTENANCE = {
    "FA-M1": [
        ("Filtres et contrôle du laser", 4, 0, dt.time(7, 30), 240),
        ("Étalonnage annuel du scanner laser", 26, 2, dt.time(8, 0), 480),
    ],
    "FA-P1": [("Nettoyage des buses et calibration", 6, 4, dt.time(14, 0), 120)],
    "FA-P2": [("Changement du bac et de la fenêtre optique", 8, 4, dt.time(15, 0), 90)],
    "FA-P3": [("Entretien de la tête d'impression", 4, 1, dt.time(7, 30), 180)],
    "US-5X": [("Graissage et contrôle de la broche", 4, 4, dt.time(15, 30), 180)],
    "US-T1": [("Contrôle des mors et de la lubrification", 6, 4, dt.time(16, 0), 120)],
    "RB-I1": [("Vérification des freins et des zones de sécurité", 8, 3, dt.time(7, 30), 120)],
    "EL-CMS": [("Nettoyage du four de refusion", 6, 0, dt.time(7, 30), 120)],
    "MT-3D": [("Qualification du palpeur", 4, 1, dt.time(7, 30), 60)],
}
KIND_MACHINES = {
    ProjectKind.PART: ["FA-M1", "FA-P1", "FA-P2", "US-5X", "MT-3D"],
    ProjectKind.PRODUCT: ["FA-P1", "FA-P3", "EL-CMS", "EL-LAB", "MT-SC"],
    ProjectKind.PROCESS: ["RB-I1", "RB-C1", "US-5X", "US-T1", "MT-3D"],
    ProjectKind.TECHNOLOGY_TEST: ["FA-M1", "FA-P3", "RB-C1", "MT-SC"],
    ProjectKind.CHANGE: ["RB-C1", "US-T1"],
}
TITLES = {
    ProjectKind.PART: [
        "Support moteur allégé",
        "Pièce de rechange obsolète",
        "Outillage de contrôle",
        "Carter en aluminium",
        "Préhenseur sur mesure",
        "Buse d'injection",
    ],
    ProjectKind.PRODUCT: [
        "Boîtier connecté",
        "Capteur de niveau autonome",
        "Démonstrateur salon",
        "Maquette fonctionnelle",
        "Présérie de boîtiers",
    ],
    ProjectKind.PROCESS: [
        "Cellule d'ébavurage robotisée",
        "Gamme d'usinage 5 axes",
        "Poste d'assemblage ergonomique",
        "Contrôle automatisé en ligne",
    ],
    ProjectKind.TECHNOLOGY_TEST: [
        "Test fabrication additive métal",
        "Essai de cobot en palettisation",
        "Validation d'un matériau PA11",
        "Test de rétro-conception",
    ],
    ProjectKind.CHANGE: [
        "Montée en compétences robotique",
        "Organisation d'un îlot de production",
        "Accompagnement à l'industrie 4.0",
    ],
}


class Occupancy:
    """Busy windows per machine, so that no generated booking overlaps another."""

    def __init__(self) -> None:
        self.busy: dict[int, list[tuple[dt.datetime, dt.datetime]]] = defaultdict(list)

    def free(self, machine: int, start: dt.datetime, end: dt.datetime) -> bool:
        return all(end <= s or start >= e for s, e in self.busy[machine])

    def take(self, machine: int, start: dt.datetime, end: dt.datetime) -> bool:
        if not self.free(machine, start, end):
            return False
        self.busy[machine].append((start, end))
        return True


def _at(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=timezone.get_current_timezone())


def _weekday_on_or_after(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def load_equipment(ctx: DemoContext) -> dict[str, int]:
    rng = ctx.rng("industry.equipment")
    today = ctx.today
    qualifications = {
        code: Qualification(code=code, name=name, validity_months=months, description=text)
        for code, name, months, text in QUALIFICATIONS
    }
    Qualification.objects.bulk_create(qualifications.values())
    rooms = {r.name: r for r in Room.objects.all()}
    machines = []
    for code, name, category, maker, model, rate, qual, room, unattended, capabilities in MACHINES:
        machines.append(
            Equipment(
                code=code,
                name=name,
                category=category,
                manufacturer=maker,
                model_name=model,
                hourly_rate=Decimal(rate),
                qualification=qualifications.get(qual) if qual else None,
                room=rooms.get(room),
                runs_unattended=unattended,
                capabilities=capabilities,
                description=f"{name} du Pôle Industrie de Hall 32, réservable à l'heure après habilitation.",
            )
        )
    Equipment.objects.bulk_create(machines)
    by_code = {m.code: m for m in machines}

    # Maintenance plans and their windows, from the start of the school year to the horizon.
    term_start = SchoolYear.of(today).start
    horizon = today + dt.timedelta(weeks=hours.MAINTENANCE_WEEKS_AHEAD)
    plans_made, windows_made = [], []
    for code, plans in MAINTENANCE.items():
        machine = by_code[code]
        for name, every, weekday, start, minutes in plans:
            first = term_start + dt.timedelta(days=(weekday - term_start.weekday()) % 7)
            plan = MaintenancePlan(
                equipment=machine,
                name=name,
                every_weeks=every,
                first_date=first,
                start_time=start,
                duration_minutes=minutes,
            )
            plans_made.append(plan)
            windows_made += [
                Booking(
                    equipment=machine,
                    kind=Booking.Kind.MAINTENANCE,
                    start=s,
                    end=e,
                    title=name,
                    maintenance_plan=plan,
                )
                for s, e in maintenance_windows(plan, start=term_start, end=horizon)
            ]
    MaintenancePlan.objects.bulk_create(plans_made)
    windows = len(Booking.objects.bulk_create(windows_made))

    # Qualifications: engineers hold them all; trainers their trade's; a few apprentices and the
    # demo client theirs. The demo apprentice's machining one has expired.
    grants = []

    def grant(person: Person, code: str, granted: dt.date, by: User | None) -> None:
        q = qualifications[code]
        expires = None
        if q.validity_months:
            from hall32.core.dates import add_months

            expires = add_months(granted, q.validity_months)
        grants.append(
            QualificationGrant(
                qualification=q, person=person, granted_on=granted, expires_on=expires, granted_by=by
            )
        )

    engineers = list(
        User.objects.filter(groups__name=Role.INDUSTRY_ENGINEER).select_related("person").order_by("pk")
    )
    lead = next(u for u in engineers if u.username == "ingenieur")
    for engineer in engineers:
        for code in qualifications:
            days = rng.randint(20, 300) if code != "fa-metal" else rng.randint(20, 200)
            grant(engineer.person, code, today - dt.timedelta(days=days), lead)
    trainer_codes = {
        "usinage": ["usinage-cn", "metrologie"],
        "robotique": ["robotique"],
        "électrotechnique": ["electronique"],
        "maintenance": ["robotique", "usinage-cn"],
        "conception": ["fa-polymere", "metrologie"],
    }
    first_trainer_grant = len(grants)
    for trainer in User.objects.filter(groups__name=Role.TRAINER).select_related("person").order_by("pk"):
        title = (trainer.person.job_title or "").lower()
        for key, codes in trainer_codes.items():
            if key in title:
                for code in codes:
                    grant(trainer.person, code, today - dt.timedelta(days=rng.randint(30, 600)), lead)
    trainer_grants = grants[first_trainer_grant:]
    lucas = Person.objects.get(user__username="apprenant")
    grant(lucas, "fa-polymere", today - dt.timedelta(days=45), lead)
    grant(lucas, "usinage-cn", today - dt.timedelta(days=24 * 31 + 40), lead)  # expired last month
    emilie = Person.objects.get(user__username="client")
    grant(emilie, "fa-polymere", today - dt.timedelta(days=200), lead)
    # Apprentices in their second year: a third of them hold the polymer printing one.
    from hall32.training import selectors as training_selectors

    apprentices = list(training_selectors.current_learners(on=today).exclude(pk=lucas.pk).order_by("pk")[:60])
    for person in rng.sample(apprentices, min(20, len(apprentices))):
        grant(
            person,
            rng.choice(["fa-polymere", "usinage-cn", "robotique"]),
            today - dt.timedelta(days=rng.randint(10, 500)),
            lead,
        )
    # A few close to expiry, for the engineers' dashboard.
    for grant_ in rng.sample(trainer_grants, 4):
        if grant_.qualification.validity_months:
            from hall32.core.dates import add_months

            grant_.granted_on = add_months(today, -grant_.qualification.validity_months) + dt.timedelta(
                days=rng.randint(5, 25)
            )
            grant_.expires_on = add_months(grant_.granted_on, grant_.qualification.validity_months)
    QualificationGrant.objects.bulk_create(grants)
    return {"machines": len(machines), "habilitations": len(grants), "créneaux de maintenance": windows}


# --- Clients, projects, bookings, schedules, lines --------------------------------------------------


def _clients(rng: random.Random, emilie_org: Organisation) -> list[Organisation]:
    large = list(Organisation.objects.filter(name__in=LARGE_GROUP_CLIENTS).order_by("name"))
    assert len(large) == 4, "the core demo holds the four large groups"
    smes = list(
        Organisation.objects.companies()
        .filter(size_band=Organisation.SizeBand.SME)
        .exclude(pk=emilie_org.pk)
        .order_by("pk")
    )
    spans = partner_spans()
    partners = [o for o in smes if o.pk in spans]
    others = [o for o in smes if o.pk not in spans]
    chosen = rng.sample(partners, 19) + rng.sample(others, 6)
    return large + [emilie_org] + chosen


def _first_requests(rng: random.Random, count: int, today: dt.date) -> list[dt.date]:
    """First requests spread from the opening of the Pôle (autumn 2019) to last spring."""
    start, end = dt.date(2019, 10, 1), today - dt.timedelta(days=200)
    return sorted(random_day(rng, start, end) for _ in range(count))


def load_activity(ctx: DemoContext) -> dict[str, int]:
    rng = ctx.rng("industry.activity")
    today = ctx.today
    engineers = list(User.objects.filter(groups__name=Role.INDUSTRY_ENGINEER).order_by("pk"))
    lead = next(u for u in engineers if u.username == "ingenieur")
    trainers = list(User.objects.filter(groups__name=Role.TRAINER).select_related("person").order_by("pk"))
    machines = {m.code: m for m in Equipment.objects.all()}
    emilie = User.objects.select_related("person__organisation").get(username="client")
    lucas = User.objects.get(username="apprenant")
    occupancy = Occupancy()
    for booking in Booking.objects.all():
        occupancy.take(booking.equipment_id, booking.start, booking.end)

    clients = _clients(rng, emilie.person.organisation)
    returning = set(rng.sample(range(len(clients)), RETURNING))
    returning |= {0, 1, 2, 3, 4}  # the large groups and the demo client come back
    while len(returning) > RETURNING:
        returning.discard(max(i for i in returning if i > 4))
    while len(returning) < RETURNING:
        returning.add(rng.randrange(5, len(clients)))
    firsts = _first_requests(rng, len(clients), today)
    rng.shuffle(firsts)
    contacts: dict[int, list[Person]] = defaultdict(list)
    for person in Person.objects.filter(organisation__in=clients).order_by("pk"):
        contacts[person.organisation_id].append(person)
    contacts[emilie.person.organisation_id] = [emilie.person]

    plans: list[tuple[Organisation, dt.date, str | None]] = []  # client, requested on, forced status
    for index, client in enumerate(clients):
        first = firsts[index]
        if index == 4:  # the demo client: a project a year since 2021, one quote awaiting her
            for day, status in [
                (dt.date(2021, 3, 8), None),
                (dt.date(2023, 5, 15), None),
                (today - dt.timedelta(days=75), ProjectStatus.IN_PROGRESS),
                (today - dt.timedelta(days=20), ProjectStatus.QUOTE),
            ]:
                plans.append((client, day, status))
            continue
        plans.append((client, first, None))
        if index in returning:
            extra = rng.choices([1, 2, 3, 4], [40, 30, 20, 10])[0] + (2 if index < 4 else 0)
            day = first
            for _ in range(extra):
                day = day + dt.timedelta(days=rng.randint(90, 420))
                if day > today - dt.timedelta(days=5):
                    day = random_day(rng, first + dt.timedelta(days=30), today - dt.timedelta(days=5))
                plans.append((client, day, None))
    # Recent requests from returning clients keep the pipeline busy (no client's history changes).
    for index in rng.sample(sorted(i for i in returning if i != 4), 6):
        plans.append((clients[index], today - dt.timedelta(days=rng.randint(2, 55)), None))
    plans.sort(key=lambda p: p[1])

    counters: dict[int, int] = defaultdict(int)
    quote_counters: dict[int, int] = defaultdict(int)
    projects, quotes, lines_, entries, deliverables, steps, bookings = [], [], [], [], [], [], []
    abandoned = 0
    for client, requested, forced in plans:
        counters[requested.year] += 1
        kind = rng.choices(list(KIND_MACHINES), [35, 20, 20, 15, 10])[0]
        age = (today - requested).days
        if forced:
            status = forced
        elif age > 240:
            status = ProjectStatus.CLOSED
        elif age > 150:
            status = rng.choice([ProjectStatus.CLOSED, ProjectStatus.DELIVERED])
        elif age > 60:
            status = rng.choice(
                [ProjectStatus.IN_PROGRESS, ProjectStatus.IN_PROGRESS, ProjectStatus.DELIVERED]
            )
        elif age > 25:
            status = rng.choice([ProjectStatus.QUOTE, ProjectStatus.IN_PROGRESS])
        elif age > 12:
            status = rng.choice([ProjectStatus.REQUEST, ProjectStatus.STUDY])
        else:
            status = ProjectStatus.REQUEST
        study = requested + dt.timedelta(days=rng.randint(3, 12))
        quoted = study + dt.timedelta(days=rng.randint(7, 20))
        started = quoted + dt.timedelta(days=rng.randint(5, 15))
        delivered = started + dt.timedelta(days=rng.randint(30, 110))
        closed = delivered + dt.timedelta(days=rng.randint(10, 40))
        order = [
            ProjectStatus.REQUEST,
            ProjectStatus.STUDY,
            ProjectStatus.QUOTE,
            ProjectStatus.IN_PROGRESS,
            ProjectStatus.DELIVERED,
            ProjectStatus.CLOSED,
        ]
        dates = [requested, study, quoted, started, delivered, closed]
        reached = order.index(status)
        # Keep every date in the past (a recent project moves faster).
        while dates[reached] > today:
            dates = [requested + (d - requested) * 2 // 3 for d in dates]
        project = Project(
            reference=f"PI-{requested.year}-{counters[requested.year]:03d}",
            title=f"{rng.choice(TITLES[kind])}",
            description=f"Besoin exprimé par {client.name} : {TITLES[kind][0].lower()} ; étude de faisabilité, prototypes et essais.",
            client=client,
            contact=rng.choice(contacts[client.pk]) if contacts[client.pk] else None,
            lead=rng.choice(engineers),
            kind=kind,
            status=status,
            requested_on=requested,
            started_on=dates[3] if reached >= 3 else None,
            delivered_on=dates[4] if reached >= 4 else None,
            closed_on=dates[5] if reached >= 5 else None,
            satisfaction=rng.choices([5, 4, 3], [60, 32, 8])[0] if reached >= 5 else None,
        )
        if project.satisfaction:
            project.satisfaction_comment = rng.choice(
                [
                    "Des essais concluants qui ont évité un investissement hasardeux.",
                    "Équipe réactive, prototypes livrés dans les temps.",
                    "Très bon accompagnement ; nous reviendrons pour la série.",
                    "Résultats utiles, délais un peu longs sur la métrologie.",
                ]
            )
        projects.append((project, dates, reached))
        # A few requests that went nowhere (they do not count in a client's history).
        if rng.random() < 0.06 and age > 60:
            counters[requested.year] += 1
            gone = Project(
                reference=f"PI-{requested.year}-{counters[requested.year]:03d}",
                title=f"{rng.choice(TITLES[kind])} (sans suite)",
                client=client,
                kind=kind,
                status=ProjectStatus.ABANDONED,
                requested_on=requested + dt.timedelta(days=rng.randint(1, 30)),
                lead=rng.choice(engineers),
            )
            projects.append((gone, [gone.requested_on], -1))
            abandoned += 1
    Project.objects.bulk_create([p for p, _d, _r in projects])

    for project, dates, reached in projects:
        tz = timezone.get_current_timezone()
        if reached < 0:
            steps.append(
                ProjectStep(
                    project=project,
                    to_status=ProjectStatus.REQUEST,
                    at=_at(project.requested_on, dt.time(9)),
                    note="Demande reçue.",
                )
            )
            steps.append(
                ProjectStep(
                    project=project,
                    from_status=ProjectStatus.REQUEST,
                    to_status=ProjectStatus.ABANDONED,
                    at=_at(project.requested_on + dt.timedelta(days=9), dt.time(11)),
                    note="Le client a renoncé.",
                )
            )
            continue
        order = [
            ProjectStatus.REQUEST,
            ProjectStatus.STUDY,
            ProjectStatus.QUOTE,
            ProjectStatus.IN_PROGRESS,
            ProjectStatus.DELIVERED,
            ProjectStatus.CLOSED,
        ]
        for i in range(reached + 1):
            steps.append(
                ProjectStep(
                    project=project,
                    from_status=order[i - 1] if i else "",
                    to_status=order[i],
                    at=dt.datetime.combine(dates[i], dt.time(10, rng.randint(0, 59)), tzinfo=tz),
                    by=project.lead,
                )
            )
        if reached >= 2:  # a quote, accepted once the project has started
            quote_counters[dates[2].year] += 1
            accepted = reached >= 3
            quote = Quote(
                project=project,
                number=f"DEV-{dates[2].year}-{quote_counters[dates[2].year]:03d}",
                status=Quote.Status.ACCEPTED if accepted else Quote.Status.SENT,
                issued_on=dates[2],
                valid_until=dates[2] + dt.timedelta(days=30),
                decided_on=dates[3] if accepted else None,
                notes="Devis valable 30 jours. Paiement à 30 jours fin de mois.",
            )
            if project.client_id == emilie.person.organisation_id and not accepted:
                quote.issued_on = today - dt.timedelta(days=6)
                quote.valid_until = quote.issued_on + dt.timedelta(days=30)
            quotes.append(quote)
            engineering = Decimal(rng.choice([16, 24, 35, 40, 56, 80, 120]))
            machine_code = rng.choice(KIND_MACHINES[project.kind])
            machine_hours = Decimal(rng.choice([4, 8, 12, 16, 24, 40]))
            lines_.append(
                (
                    quote,
                    [
                        (
                            "engineering",
                            "Étude, conception et suivi du projet",
                            None,
                            engineering,
                            "h",
                            Decimal("85.00"),
                        ),
                        (
                            "machine",
                            f"Heures machine : {machines[machine_code].name}",
                            machines[machine_code],
                            machine_hours,
                            "h",
                            machines[machine_code].hourly_rate,
                        ),
                        (
                            "material",
                            "Matière et consommables",
                            None,
                            Decimal(1),
                            "forfait",
                            Decimal(rng.choice([120, 250, 480, 900])),
                        ),
                    ],
                )
            )
        if reached >= 3:
            spent_until = min(dates[4] if reached >= 4 else today, today)
            day = dates[1]
            total = 0
            target = rng.randint(20, 140)
            while total < target and day <= spent_until:
                hours_ = rng.choice([2, 3.5, 4, 6, 7])
                entries.append(
                    TimeEntry(
                        project=project,
                        engineer=project.lead,
                        day=day,
                        hours=Decimal(str(hours_)),
                        activity=rng.choice(list(TimeEntry.Activity.values)),
                        note="",
                    )
                )
                total += hours_
                day += dt.timedelta(days=rng.randint(2, 9))
            for title, kind in [
                ("Rapport d'essais", Deliverable.Kind.REPORT),
                ("Prototype", Deliverable.Kind.PROTOTYPE),
            ]:
                due = dates[3] + dt.timedelta(days=rng.randint(20, 90))
                deliverables.append(
                    Deliverable(
                        project=project,
                        title=f"{title} – {project.title.lower()}",
                        kind=kind,
                        due_on=due,
                        delivered_on=(dates[4] if reached >= 4 else None),
                    )
                )
            # Machine hours: a few bookings on the project's machines while it ran.
            run_from, run_to = (
                dates[3],
                min(
                    dates[4] if reached >= 4 else today + dt.timedelta(days=21), today + dt.timedelta(days=28)
                ),
            )
            for _ in range(rng.randint(3, 7)):
                code = rng.choice(KIND_MACHINES[project.kind])
                machine = machines[code]
                for _try in range(12):
                    day = _weekday_on_or_after(random_day(rng, run_from, max(run_from, run_to)))
                    if machine.runs_unattended:
                        start = _at(day, dt.time(rng.choice([8, 10, 14, 17])))
                        end = start + dt.timedelta(hours=rng.choice([4, 8, 14, 20]))
                    else:
                        start = _at(day, dt.time(rng.choice([8, 9, 13, 14])))
                        end = start + dt.timedelta(hours=rng.choice([2, 3, 4]))
                    if not occupancy.take(machine.pk, start, end):
                        continue
                    bookings.append(
                        Booking(
                            equipment=machine,
                            kind=Booking.Kind.USAGE,
                            start=start,
                            end=end,
                            title=f"{project.reference} – {project.title}",
                            user=project.lead,
                            project=project,
                        )
                    )
                    break
    ProjectStep.objects.bulk_create(steps)
    Quote.objects.bulk_create(quotes)
    QuoteLine.objects.bulk_create(
        QuoteLine(
            quote=quote,
            position=i,
            kind=k,
            label=label,
            equipment=eq,
            quantity=q,
            unit=unit,
            unit_price=price,
        )
        for quote, rows in lines_
        for i, (k, label, eq, q, unit, price) in enumerate(rows)
    )
    TimeEntry.objects.bulk_create(entries)
    Deliverable.objects.bulk_create(deliverables)

    # A term of bookings: classes on the machines, the demo users', overnight prints.
    term_start = max(SchoolYear.of(today).start, today - dt.timedelta(days=120))
    term_end = today + dt.timedelta(weeks=4)
    trainer_machine = {
        "usinage": ["US-5X", "US-T1"],
        "robotique": ["RB-C1", "RB-I1"],
        "électrotechnique": ["EL-CMS", "EL-LAB"],
        "maintenance": ["RB-I1", "US-T1"],
        "conception": ["FA-P1", "MT-SC"],
    }
    day = term_start
    while day <= term_end:
        if day.weekday() < 5:
            for trainer in trainers:
                title = (trainer.person.job_title or "").lower()
                codes = next((c for k, c in trainer_machine.items() if k in title), None)
                if not codes or rng.random() < 0.55:
                    continue
                machine = machines[rng.choice(codes)]
                slot = rng.choice([(dt.time(8, 0), dt.time(12, 0)), (dt.time(13, 30), dt.time(17, 0))])
                start, end = _at(day, slot[0]), _at(day, slot[1])
                if occupancy.take(machine.pk, start, end):
                    bookings.append(
                        Booking(
                            equipment=machine,
                            start=start,
                            end=end,
                            user=trainer,
                            title="Séance de travaux pratiques (apprentis)",
                        )
                    )
            if rng.random() < 0.5:  # an overnight print
                machine = machines[rng.choice(["FA-P1", "FA-P2", "FA-P3", "FA-M1"])]
                start = _at(day, dt.time(17, 30))
                end = start + dt.timedelta(hours=rng.choice([12, 14, 15]))
                user = rng.choice(engineers)
                if occupancy.take(machine.pk, start, end):
                    bookings.append(
                        Booking(
                            equipment=machine, start=start, end=end, user=user, title="Impression de nuit"
                        )
                    )
        day += dt.timedelta(days=1)
    # The demo apprentice prints on Wednesdays; the demo client on a Thursday.
    for weeks in range(-6, 3):
        wednesday = today + dt.timedelta(days=(2 - today.weekday()) % 7 + 7 * weeks)
        start, end = _at(wednesday, dt.time(14, 0)), _at(wednesday, dt.time(16, 30))
        if term_start <= wednesday <= term_end and occupancy.take(machines["FA-P1"].pk, start, end):
            bookings.append(
                Booking(
                    equipment=machines["FA-P1"],
                    start=start,
                    end=end,
                    user=lucas,
                    title="Projet de BTS : pièces du robot suiveur",
                )
            )
    thursday = today + dt.timedelta(days=(3 - today.weekday()) % 7 + 7)
    start, end = _at(thursday, dt.time(9, 0)), _at(thursday, dt.time(12, 0))
    if occupancy.take(machines["FA-P2"].pk, start, end):
        current = Project.objects.filter(
            client=emilie.person.organisation, status=ProjectStatus.IN_PROGRESS
        ).first()
        bookings.append(
            Booking(
                equipment=machines["FA-P2"],
                start=start,
                end=end,
                user=emilie,
                title="Impression des maquettes",
                project=current,
            )
        )
    Booking.objects.bulk_create(bookings)

    schedules = _schedule(ctx, lead, machines)
    lines = _lines(lead)
    return {
        "clients": len(clients),
        "projets": len(projects),
        "projets abandonnés": abandoned,
        "devis": len(quotes),
        "réservations": len(bookings),
        "ordonnancements": schedules,
        "configurations de ligne": lines,
    }


def _schedule(ctx: DemoContext, lead: User, machines: dict[str, Equipment]) -> int:
    """A pilot run of four parts through printing, machining and inspection, solved not booked."""
    project = (
        Project.objects.filter(status=ProjectStatus.IN_PROGRESS, kind=ProjectKind.PART)
        .order_by("-started_on")
        .first()
    )
    monday = ctx.today + dt.timedelta(days=7 - ctx.today.weekday())
    run = ScheduleRun.objects.create(
        name="Série pilote : supports capteurs",
        project=project,
        not_before=_at(monday, dt.time(8, 0)),
        time_limit=5,
        created_by=lead,
    )
    rows = []
    for index, (print_minutes, machining, inspection) in enumerate(
        [(360, 90, 45), (300, 120, 30), (420, 60, 45), (240, 150, 60)]
    ):
        label = f"OF-{index + 1:02d}"
        rows += [
            (label, machines["FA-P3"], print_minutes),
            (label, machines["US-5X"], machining),
            (label, machines["MT-3D"], inspection),
        ]
    rows += [
        ("OF-05", machines["US-T1"], 120),
        ("OF-05", machines["US-5X"], 90),
        ("OF-05", machines["MT-3D"], 30),
    ]
    schedule_services.schedule_set_operations(run=run, rows=rows)
    schedule_services.schedule_solve(run=run)
    return 1


def _lines(lead: User) -> int:
    """Two arrangements of the modular line for a client's support part, simulated."""
    project = (
        Project.objects.filter(kind=ProjectKind.PROCESS)
        .exclude(status=ProjectStatus.ABANDONED)
        .order_by("-requested_on")
        .first()
    )
    modules = [
        {
            "name": "Fabrication additive",
            "kind": "additive",
            "distribution": "lognormal",
            "p1": 18.0,
            "p2": 4.0,
            "capacity": 2,
            "buffer": None,
            "mtbf_hours": 50.0,
            "mttr_minutes": 120.0,
            "setup_minutes": 0.0,
            "batch": 1,
            "investment": Decimal("380000"),
            "routes": [],
        },
        {
            "name": "Usinage de reprise",
            "kind": "machining",
            "distribution": "triangular",
            "p1": 7.0,
            "p2": 9.0,
            "p3": 13.0,
            "capacity": 1,
            "buffer": 6,
            "mtbf_hours": 30.0,
            "mttr_minutes": 40.0,
            "setup_minutes": 30.0,
            "batch": 20,
            "investment": Decimal("160000"),
            "routes": [],
        },
        {
            "name": "Ébavurage robotisé",
            "kind": "robot_cell",
            "distribution": "normal",
            "p1": 7.0,
            "p2": 1.5,
            "capacity": 1,
            "buffer": 4,
            "mtbf_hours": None,
            "mttr_minutes": None,
            "setup_minutes": 0.0,
            "batch": 1,
            "investment": Decimal("90000"),
            "routes": [],
        },
        {
            "name": "Contrôle tridimensionnel",
            "kind": "inspection",
            "distribution": "deterministic",
            "p1": 6.0,
            "capacity": 1,
            "buffer": 4,
            "mtbf_hours": None,
            "mttr_minutes": None,
            "setup_minutes": 0.0,
            "batch": 1,
            "investment": Decimal("70000"),
            "routes": [{"to": "exit", "probability": 0.9}, {"to": 1, "probability": 0.1}],
        },
    ]
    current = line_services.line_save(
        line=LineConfiguration(
            name="Ligne pilote supports : configuration actuelle",
            description="Quatre modules en série ; 10 % des pièces reviennent à l'usinage après contrôle.",
            client=project.client if project else None,
            project=project,
            target_per_hour=5.5,
            horizon_hours=480,
            warmup_hours=24,
            replications=5,
            seed=32,
        ),
        modules=modules,
        by=lead,
    )
    variant_modules = [dict(m) for m in modules]
    variant_modules[1] = {**variant_modules[1], "capacity": 2}
    variant = line_services.line_save(
        line=LineConfiguration(
            name="Ligne pilote supports : deux cellules d'usinage",
            description="Variante : une seconde cellule d'usinage de reprise (160 000 €).",
            client=current.client,
            project=project,
            target_per_hour=5.5,
            horizon_hours=480,
            warmup_hours=24,
            replications=5,
            seed=32,
        ),
        modules=variant_modules,
        by=lead,
    )
    from hall32.industry.services.lines import simulation_compute, simulation_start

    for line, kind in [(current, "simulate"), (current, "improve"), (variant, "simulate")]:
        run = simulation_start(line=line, by=lead, kind=kind)
        if not run.finished_at:  # a worker runs it in production; the demo computes it now
            simulation_compute(job_id=run.job_id)
    return 2


PARTS = [
    ("industry.equipment", load_equipment, 100),
    ("industry.activity", load_activity, 110),
]
