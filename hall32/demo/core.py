"""The core part of the demo hub: sites, founders, partner companies, schools, agencies, people,
and one account per role. Other apps find what they need here by natural keys (usernames, names).

Partner companies follow the hub's published figures: 17 during 2019-20 and 75 during 2022-23.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.models import Group

from hall32.core.models import Guardianship, Organisation, Person, Room, Sector, Site, User
from hall32.core.roles import Role
from hall32.core.schoolyear import SchoolYear
from hall32.core.validators import luhn_ok, uai_check_letter
from hall32.demo.loader import FIRST_YEAR, DemoContext

# Active partner companies per school year (published: 17 in 2019-20, 75 in 2022-23); later
# years grow more slowly. CHURN[y]: partnerships of year y-1 that ended before year y.
PARTNER_TARGETS = {2019: 17, 2020: 34, 2021: 53, 2022: 75, 2023: 84, 2024: 92, 2025: 99, 2026: 104}
CHURN = {2020: 1, 2021: 2, 2022: 2, 2023: 3, 2024: 4, 2025: 3, 2026: 4}
NON_PARTNER_COMPANIES = 48

# Real places with their accents, for addresses: (postcode, commune).
PLACES = [
    ("63000", "Clermont-Ferrand"),
    ("63100", "Clermont-Ferrand"),
    ("63400", "Chamalières"),
    ("63170", "Aubière"),
    ("63800", "Cournon-d'Auvergne"),
    ("63200", "Riom"),
    ("63500", "Issoire"),
    ("63300", "Thiers"),
    ("63110", "Beaumont"),
    ("63118", "Cébazat"),
    ("63360", "Gerzat"),
    ("63430", "Pont-du-Château"),
    ("63540", "Romagnat"),
    ("63122", "Ceyrat"),
    ("63670", "Le Cendre"),
    ("63270", "Vic-le-Comte"),
    ("63190", "Lezoux"),
    ("63600", "Ambert"),
    ("63130", "Royat"),
    ("63160", "Billom"),
    ("63530", "Volvic"),
    ("63260", "Aigueperse"),
    ("63140", "Châtel-Guyon"),
    ("63112", "Blanzat"),
    ("63370", "Lempdes"),
    ("63510", "Aulnat"),
    ("63830", "Durtol"),
    ("63450", "Saint-Amant-Tallende"),
    ("63350", "Maringues"),
    ("63460", "Combronde"),
    ("63230", "Pontgibaud"),
    ("63150", "La Bourboule"),
    ("03100", "Montluçon"),
    ("03000", "Moulins"),
    ("03200", "Vichy"),
    ("43000", "Le Puy-en-Velay"),
    ("15000", "Aurillac"),
]
NEAR = PLACES[:31]  # the Puy-de-Dôme, where most people live
STREETS = [
    "rue de la République",
    "avenue de la Libération",
    "rue du Port",
    "boulevard Gergovia",
    "rue Blatin",
    "avenue Édouard-Michelin",
    "rue de l'Industrie",
    "rue des Forges",
    "allée des Volcans",
    "rue du Pré-la-Reine",
    "avenue du Brézet",
    "rue de Sarliève",
    "chemin des Vignes",
    "rue Pasteur",
    "place de la Mairie",
    "rue du Stade",
    "impasse des Tilleuls",
    "rue Victor-Hugo",
    "avenue Jean-Jaurès",
    "rue des Artisans",
    "zone industrielle du Brézet",
    "rue de la Gare",
    "avenue de Cournon",
    "rue Gutenberg",
]

FOUNDERS = [
    # name, kind, size band, sector, postcode, city
    ("Banque de France", Organisation.Kind.FUNDER, "", Sector.BANKING, "63000", "Clermont-Ferrand"),
    (
        "Limagrain",
        Organisation.Kind.COMPANY,
        Organisation.SizeBand.LARGE_GROUP,
        Sector.AGRIFOOD,
        "63360",
        "Gerzat",
    ),
    (
        "Michelin",
        Organisation.Kind.COMPANY,
        Organisation.SizeBand.LARGE_GROUP,
        Sector.AUTOMOTIVE,
        "63000",
        "Clermont-Ferrand",
    ),
    (
        "Pôle de compétitivité CIMES",
        Organisation.Kind.FUNDER,
        "",
        Sector.MECHANICS,
        "63000",
        "Clermont-Ferrand",
    ),
    ("OPCO AKTO", Organisation.Kind.FUNDER, "", Sector.SERVICES, "63000", "Clermont-Ferrand"),
    (
        "Rectorat de l'académie de Clermont-Ferrand",
        Organisation.Kind.PUBLIC_BODY,
        "",
        "",
        "63000",
        "Clermont-Ferrand",
    ),
    (
        "Région Auvergne-Rhône-Alpes",
        Organisation.Kind.PUBLIC_BODY,
        "",
        "",
        "63000",
        "Clermont-Ferrand",
    ),
]
# Fictional large groups (the founders Michelin and Limagrain are the other two of the hub's
# Pôle Industrie large-group clients).
LARGE_GROUPS = [
    ("Arverne Aéro Systèmes", Sector.AERONAUTICS, "63500", "Issoire"),
    ("Groupe Volcania Énergie", Sector.ENERGY, "63100", "Clermont-Ferrand"),
    ("Dômes Pharma Industrie", Sector.PHARMA, "63200", "Riom"),
    ("Sancy Métallurgie Groupe", Sector.METALWORK, "63300", "Thiers"),
]
AGENCIES = [
    (
        "Mission Locale Clermont Métropole et Volcans",
        Organisation.AgencyKind.MISSION_LOCALE,
        "63000",
        "Clermont-Ferrand",
    ),
    (
        "Mission Locale Riom Limagne Combrailles",
        Organisation.AgencyKind.MISSION_LOCALE,
        "63200",
        "Riom",
    ),
    (
        "Mission Locale d'Issoire et du Val d'Allier",
        Organisation.AgencyKind.MISSION_LOCALE,
        "63500",
        "Issoire",
    ),
    ("CIO de Clermont-Ferrand", Organisation.AgencyKind.CIO, "63000", "Clermont-Ferrand"),
    ("CIO de Riom", Organisation.AgencyKind.CIO, "63200", "Riom"),
    (
        "MLDS de l'académie de Clermont-Ferrand",
        Organisation.AgencyKind.MLDS,
        "63000",
        "Clermont-Ferrand",
    ),
    (
        "France Travail Clermont-Ferrand Montferrand",
        Organisation.AgencyKind.FRANCE_TRAVAIL,
        "63100",
        "Clermont-Ferrand",
    ),
    (
        "France Travail Clermont-Ferrand Jaude",
        Organisation.AgencyKind.FRANCE_TRAVAIL,
        "63000",
        "Clermont-Ferrand",
    ),
    ("France Travail Issoire", Organisation.AgencyKind.FRANCE_TRAVAIL, "63500", "Issoire"),
    (
        "Association Accueil Réfugiés Auvergne",
        Organisation.AgencyKind.OTHER,
        "63000",
        "Clermont-Ferrand",
    ),
]
SCHOOL_PATRONS = [
    "Jules-Ferry",
    "Victor-Hugo",
    "Jean-Zay",
    "Lucie-Aubrac",
    "Albert-Camus",
    "Gérard-Philipe",
    "Marie-Curie",
    "Jean-Moulin",
    "Louise-Michel",
    "Pierre-Mendès-France",
    "Simone-Veil",
    "Antoine-de-Saint-Exupéry",
    "Jacques-Prévert",
    "Jules-Verne",
    "Condorcet",
    "Pasteur",
    "Alexandre-Varenne",
    "Anatole-France",
    "George-Sand",
    "Olympe-de-Gouges",
    "Henri-Pourrat",
    "Blaise-Pascal",
    "Lafayette",
    "Teilhard-de-Chardin",
    "Joliot-Curie",
    "Vercingétorix",
    "Arsène-Boucher",
    "Roger-Quilliot",
    "La Charme",
    "Les Prés",
    "Le Bois de Clair",
]
COMPANY_WORDS = [
    "Industrie",
    "Mécanique",
    "Usinage",
    "Précision",
    "Automatismes",
    "Plasturgie",
    "Chaudronnerie",
    "Électronique",
    "Maintenance",
    "Technologies",
    "Composites",
    "Outillage",
    "Robotique",
    "Hydraulique",
    "Fonderie",
    "Découpe",
]
COMPANY_PLACES = {  # place -> its name after "Ateliers ..."
    "Auvergne": "d'Auvergne",
    "Limagne": "de la Limagne",
    "Livradois": "du Livradois",
    "Combrailles": "des Combrailles",
    "Sancy": "du Sancy",
    "Forez": "du Forez",
    "Artière": "de l'Artière",
    "Allier": "de l'Allier",
    "Dore": "de la Dore",
    "Volcans": "des Volcans",
    "Dômes": "des Dômes",
    "Comté": "du Comté",
    "Val d'Allier": "du Val d'Allier",
    "Gergovie": "de Gergovie",
    "Bourbonnais": "du Bourbonnais",
    "Cézallier": "du Cézallier",
    "Montferrand": "de Montferrand",
    "Brézet": "du Brézet",
}
COMPANY_PREFIXES = [
    "Ateliers",
    "Forges",
    "Mécanique",
    "Tôlerie",
    "Fonderie",
    "Électricité",
    "Usinage",
    "Menuiserie industrielle",
    "Automatismes",
    "Précision",
]
SECTOR_WEIGHTS = [
    (Sector.MECHANICS, 26),
    (Sector.METALWORK, 14),
    (Sector.ELECTRONICS, 12),
    (Sector.PLASTICS, 9),
    (Sector.AUTOMOTIVE, 8),
    (Sector.AERONAUTICS, 8),
    (Sector.AGRIFOOD, 8),
    (Sector.ENERGY, 5),
    (Sector.PHARMA, 4),
    (Sector.DIGITAL, 3),
    (Sector.SERVICES, 3),
]
CONTACT_TITLES = [
    "Responsable des ressources humaines",
    "Responsable de production",
    "Chef d'atelier",
    "Directeur·rice technique",
    "Chargé·e de recrutement",
    "Responsable maintenance",
    "Gérant·e",
    "Responsable bureau d'études",
    "Responsable qualité",
]

ROOMS = [
    ("Atelier fabrication additive", Room.Kind.WORKSHOP, 16),
    ("Atelier usinage", Room.Kind.WORKSHOP, 18),
    ("Atelier robotique", Room.Kind.WORKSHOP, 16),
    ("Atelier maintenance", Room.Kind.WORKSHOP, 20),
    ("Atelier électronique", Room.Kind.WORKSHOP, 16),
    ("Atelier électrotechnique", Room.Kind.WORKSHOP, 16),
    ("Bureau d'études", Room.Kind.WORKSHOP, 20),
    ("Ligne modulaire", Room.Kind.WORKSHOP, 24),
    ("Salle A1", Room.Kind.CLASSROOM, 28),
    ("Salle A2", Room.Kind.CLASSROOM, 28),
    ("Salle A3", Room.Kind.CLASSROOM, 24),
    ("Salle B1", Room.Kind.CLASSROOM, 24),
    ("Salle B2", Room.Kind.CLASSROOM, 20),
    ("Salle informatique", Room.Kind.CLASSROOM, 20),
    ("Salle de réunion Puy de Dôme", Room.Kind.MEETING, 12),
    ("Hall d'accueil", Room.Kind.HALL, 200),
]

# One account per role: username, role, first name, last name, gender, job title.
DEMO_ACCOUNTS = [
    ("direction", Role.DIRECTION, "Hélène", "Marchand", "F", "Directrice"),
    ("coordination", Role.COORDINATOR, "Julien", "Roche", "M", "Coordinateur pédagogique"),
    (
        "promotion",
        Role.OUTREACH_OFFICER,
        "Sarah",
        "Benali",
        "F",
        "Chargée de promotion des métiers",
    ),
    ("ingenieur", Role.INDUSTRY_ENGINEER, "Thomas", "Faure", "M", "Ingénieur fabrication additive"),
    ("formateur", Role.TRAINER, "Nadia", "Chevalier", "F", "Formatrice maintenance industrielle"),
    ("apprenant", Role.LEARNER, "Lucas", "Moreau", "M", ""),
    ("parent", Role.GUARDIAN, "Isabelle", "Moreau", "F", "Aide-soignante"),
    ("tuteur", Role.COMPANY_TUTOR, "Karim", "Haddad", "M", "Chef d'équipe maintenance"),
    ("client", Role.CLIENT, "Émilie", "Garnier", "F", "Responsable R&D"),
    ("enseignant", Role.TEACHER, "Philippe", "Dumas", "M", "Professeur principal de 3e"),
    ("prescripteur", Role.REFERRAL_PARTNER, "Aurélie", "Bonnet", "F", "Conseillère en insertion"),
]
STAFF = {  # further staff per role, with job titles
    Role.DIRECTION: [("Directeur adjoint", 1)],
    Role.COORDINATOR: [
        ("Coordinatrice des alternances", 1),
        ("Chargée des programmes d'insertion", 1),
    ],
    Role.OUTREACH_OFFICER: [("Chargé de relations écoles", 1)],
    Role.INDUSTRY_ENGINEER: [
        ("Ingénieur·e électronique", 1),
        ("Ingénieur·e robotique", 1),
        ("Ingénieur·e méthodes", 1),
    ],
    Role.TRAINER: [
        ("Formateur·rice usinage", 2),
        ("Formateur·rice électrotechnique", 2),
        ("Formateur·rice conception (bureau d'études)", 2),
        ("Formateur·rice robotique", 2),
        ("Formateur·rice enseignement général", 3),
        ("Formateur·rice maintenance", 2),
        ("Coach en remobilisation", 1),
    ],
}


@dataclass
class Namer:
    rng: random.Random
    fake: object

    def person(self, gender: str | None = None) -> tuple[str, str, str]:
        gender = gender or self.rng.choice("FFMMM")
        first = self.fake.first_name_female() if gender == "F" else self.fake.first_name_male()
        return first, self.fake.last_name(), gender


def slug(text: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "".join(c if c.isalnum() else "-" for c in plain).strip("-").replace("--", "-")


def fictional_phone(rng: random.Random, *, mobile: bool = True) -> str:
    """Numbers from the ranges ARCEP reserves for fiction (never a real subscriber)."""
    prefix = "06 39 98" if mobile else "04 65 71"
    return f"{prefix} {rng.randint(0, 99):02d} {rng.randint(0, 99):02d}"


def siret(rng: random.Random) -> str:
    siren = f"{rng.randint(3, 8)}{rng.randint(0, 10**8 - 1):08d}"
    base = f"{siren}{rng.randint(10, 99):03d}{rng.randint(0, 9)}"
    for digit in "0123456789":
        if luhn_ok(base + digit) and not (base + digit).startswith("356000000"):
            return base + digit
    raise AssertionError("unreachable: one digit always completes a Luhn number")


def uai(rng: random.Random, department: str = "063") -> str:
    digits = f"{department}{rng.randint(0, 9999):04d}"
    return digits + uai_check_letter(digits)


def random_day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, max(0, (end - start).days)))


def address(rng: random.Random, near: bool = True) -> tuple[str, str, str]:
    postcode, city = rng.choice(NEAR if near else PLACES)
    return f"{rng.randint(1, 140)} {rng.choice(STREETS)}", postcode, city


def load(ctx: DemoContext) -> dict[str, int]:
    rng = ctx.rng("core")
    namer = Namer(rng, ctx.faker("core"))
    current = SchoolYear.of(ctx.today)
    opening = date(FIRST_YEAR, 9, 1)

    site = Site.objects.create(
        name="Hall 32", address="Rue de l'Industrie", postcode="63100", city="Clermont-Ferrand"
    )
    Room.objects.bulk_create(Room(site=site, name=n, kind=k, capacity=c) for n, k, c in ROOMS)

    orgs: list[Organisation] = []
    used_sirets: set[str] = set()

    def new_siret() -> str:
        value = siret(rng)
        while value in used_sirets:
            value = siret(rng)
        used_sirets.add(value)
        return value

    def company(name: str, size: str, sector: str, postcode: str, city: str, **extra) -> Organisation:
        return Organisation(
            name=name,
            kind=Organisation.Kind.COMPANY,
            size_band=size,
            sector=sector,
            siret=new_siret(),
            address=f"{rng.randint(1, 90)} {rng.choice(STREETS)}",
            postcode=postcode,
            city=city,
            website=f"https://www.{slug(name)}.example",
            phone=fictional_phone(rng, mobile=False),
            **extra,
        )

    for name, kind, size, sector, postcode, city in FOUNDERS:
        if kind == Organisation.Kind.COMPANY:
            org = company(name, size, sector, postcode, city, is_founder=True, partner_since=opening)
        else:
            org = Organisation(
                name=name,
                kind=kind,
                sector=sector,
                postcode=postcode,
                city=city,
                is_founder=True,
                partner_since=opening,
                website=f"https://www.{slug(name)}.example",
            )
        orgs.append(org)
    founder_companies = [o for o in orgs if o.kind == Organisation.Kind.COMPANY]

    # Partner companies, year by year, so that the active count matches PARTNER_TARGETS.
    names_taken = {o.name for o in orgs}

    def company_name() -> str:
        while True:
            style = rng.random()
            if style < 0.45:
                name = f"{namer.fake.last_name()} {rng.choice(COMPANY_WORDS)}"
            elif style < 0.8:
                place = rng.choice(list(COMPANY_PLACES.values()))
                name = f"{rng.choice(COMPANY_PREFIXES)} {place}"
            else:
                letters = "".join(rng.choice("ABCDEFGHIJKLMNPRSTV") for _ in range(rng.randint(3, 4)))
                name = f"{letters} {rng.choice(list(COMPANY_PLACES))}"
            if name not in names_taken:
                names_taken.add(name)
                return name

    def sector() -> str:
        return rng.choices([s for s, _w in SECTOR_WEIGHTS], [w for _s, w in SECTOR_WEIGHTS])[0]

    def size() -> str:
        return rng.choices(
            [Organisation.SizeBand.SME, Organisation.SizeBand.MICRO, Organisation.SizeBand.STARTUP],
            [70, 22, 8],
        )[0]

    large = [company(n, Organisation.SizeBand.LARGE_GROUP, s, pc, c) for n, s, pc, c in LARGE_GROUPS]
    active: list[Organisation] = list(founder_companies)
    partners: list[Organisation] = []
    for year in range(FIRST_YEAR, current.start_year + 1):
        sy = SchoolYear(year)
        if year in CHURN:
            leavers = [o for o in active if not o.is_founder and o.partner_since < date(year, 1, 1)]
            for org in rng.sample(leavers, CHURN[year]):
                org.partner_until = random_day(rng, date(year, 1, 10), date(year, 8, 20))
                active.remove(org)
        last_day = min(sy.end, ctx.today) if year == current.start_year else date(year + 1, 6, 30)
        for index in range(PARTNER_TARGETS[year] - len(active)):
            if year == 2022 and index < 2:
                org = large.pop()  # two fictional large groups joined as partners in 2022-23
            else:
                postcode, city = rng.choice(PLACES)
                org = company(company_name(), size(), sector(), postcode, city)
            org.partner_since = opening if year == FIRST_YEAR else random_day(rng, sy.start, last_day)
            active.append(org)
            partners.append(org)
    prospects = large + [
        company(company_name(), size(), sector(), *rng.choice(PLACES)) for _ in range(NON_PARTNER_COMPANIES)
    ]
    orgs += partners + prospects

    for name, agency_kind, postcode, city in AGENCIES:
        orgs.append(
            Organisation(
                name=name,
                kind=Organisation.Kind.AGENCY,
                agency_kind=agency_kind,
                postcode=postcode,
                city=city,
                address=address(rng)[0],
                phone=fictional_phone(rng, mobile=False),
                partner_since=random_day(rng, opening, date(2021, 6, 30)),
            )
        )

    used_uai: set[str] = set()

    def new_uai() -> str:
        code = uai(rng)
        while code in used_uai:
            code = uai(rng)
        used_uai.add(code)
        return code

    patrons = list(SCHOOL_PATRONS)
    rng.shuffle(patrons)
    for index, patron in enumerate(patrons):
        kind = (
            Organisation.SchoolKind.COLLEGE
            if index < 24
            else (Organisation.SchoolKind.LYCEE_PRO if index < 28 else Organisation.SchoolKind.LYCEE)
        )
        label = {"college": "Collège", "lycee_pro": "Lycée professionnel", "lycee": "Lycée"}[kind]
        postcode, city = NEAR[index % len(NEAR)]
        orgs.append(
            Organisation(
                name=f"{label} {patron} ({city})",
                kind=Organisation.Kind.SCHOOL,
                school_kind=kind,
                uai=new_uai(),
                postcode=postcode,
                city=city,
                address=address(rng)[0],
                phone=fictional_phone(rng, mobile=False),
            )
        )
    for name in ["Université Clermont Auvergne", "Clermont Auvergne INP"]:
        orgs.append(
            Organisation(
                name=name,
                kind=Organisation.Kind.SCHOOL,
                school_kind=Organisation.SchoolKind.HIGHER,
                uai=new_uai(),
                postcode="63000",
                city="Clermont-Ferrand",
            )
        )
    for org in orgs:
        # Field checks only (SIRET and UAI keys, postcodes): the database enforces the constraints
        # at insert, and checking them here cost three queries an organisation.
        org.full_clean(validate_unique=False, validate_constraints=False)
    Organisation.objects.bulk_create(orgs)
    saved = {o.name: o for o in Organisation.objects.all()}

    # People: contacts of partners, schools and agencies.
    people: list[Person] = []

    def person(org: Organisation | None, title: str, gender: str | None = None, domain: str = "") -> Person:
        first, last, g = namer.person(gender)
        street, postcode, city = address(rng)
        email_domain = domain or (f"{slug(org.name)[:30]}.example" if org else "exemple.example")
        return Person(
            first_name=first,
            last_name=last,
            gender=g,
            organisation=org,
            job_title=title,
            email=f"{slug(first)}.{slug(last)}@{email_domain}",
            phone=fictional_phone(rng),
            postcode=postcode,
            city=city,
            consent_contact=rng.random() < 0.7,
            birth_date=random_day(rng, date(1962, 1, 1), date(1996, 12, 31)),
        )

    for org in saved.values():
        if org.kind == Organisation.Kind.COMPANY:
            count = rng.randint(2, 4) if org.partner_since else 1
            people += [person(org, rng.choice(CONTACT_TITLES)) for _ in range(count)]
        elif org.kind == Organisation.Kind.SCHOOL:
            titles = [
                "Professeur·e principal·e de 3e",
                "Conseiller·e principal·e d'éducation",
                "Psychologue de l'Éducation nationale",
            ]
            people += [person(org, titles[i % 3]) for i in range(rng.randint(2, 3))]
        elif org.kind == Organisation.Kind.AGENCY:
            people += [person(org, "Conseiller·e en insertion") for _ in range(rng.randint(2, 3))]
        else:
            people.append(person(org, "Chargé·e de partenariats"))

    # Staff and the demo accounts.
    groups = {g.name: g for g in Group.objects.all()}
    staff_people: list[tuple[Person, str, str]] = []
    for role, titles in STAFF.items():
        for title, count in titles:
            for _ in range(count):
                p = person(None, title, domain="hall32.example")
                staff_people.append((p, role, ""))
    demo_people: dict[str, Person] = {}
    learner_birth = date(ctx.today.year - 17, 3, 14)
    for username, role, first, last, gender, title in DEMO_ACCOUNTS:
        org = None
        if role == Role.COMPANY_TUTOR:
            org = next(
                o
                for o in saved.values()
                if o.kind == "company"
                and not o.is_founder
                and o.partner_since == opening
                and o.partner_until is None
            )
        elif role == Role.CLIENT:
            org = next(
                o
                for o in saved.values()
                if o.kind == "company"
                and o.size_band == "sme"
                and o.partner_since
                and o.partner_since.year == 2020
            )
        elif role == Role.TEACHER:
            org = next(o for o in saved.values() if o.school_kind == "college")
        elif role == Role.REFERRAL_PARTNER:
            org = saved["Mission Locale Clermont Métropole et Volcans"]
        domain = (
            f"{slug(org.name)[:30]}.example"
            if org
            else (
                "hall32.example"
                if role
                in {
                    Role.DIRECTION,
                    Role.COORDINATOR,
                    Role.OUTREACH_OFFICER,
                    Role.INDUSTRY_ENGINEER,
                    Role.TRAINER,
                }
                else "exemple.example"
            )
        )
        street, postcode, city = address(rng)
        p = Person(
            first_name=first,
            last_name=last,
            gender=gender,
            organisation=org,
            job_title=title,
            email=f"{slug(first)}.{slug(last)}@{domain}",
            phone=fictional_phone(rng),
            address=street,
            postcode=postcode,
            city=city,
            consent_contact=True,
            birth_date=learner_birth
            if role == Role.LEARNER
            else random_day(rng, date(1970, 1, 1), date(1993, 12, 31)),
        )
        demo_people[username] = p
    everyone = people + [p for p, _r, _t in staff_people] + list(demo_people.values())
    Person.objects.bulk_create(everyone)

    password = settings.HALL32_DEMO_PASSWORD
    template_user = User(username="template")
    template_user.set_password(password)
    hashed = template_user.password  # hash once: hashing is deliberately slow
    users = []
    for username, role, *_rest in DEMO_ACCOUNTS:
        p = demo_people[username]
        users.append(
            (
                User(
                    username=username,
                    first_name=p.first_name,
                    last_name=p.last_name,
                    email=p.email,
                    person=p,
                    password=hashed,
                ),
                role,
            )
        )
    for index, (p, role, _t) in enumerate(staff_people, start=1):
        users.append(
            (
                User(
                    username=f"{slug(p.first_name)}.{slug(p.last_name)}{index}",
                    first_name=p.first_name,
                    last_name=p.last_name,
                    email=p.email,
                    person=p,
                    password=hashed,
                ),
                role,
            )
        )
    User.objects.bulk_create([u for u, _r in users])
    User.groups.through.objects.bulk_create(
        User.groups.through(user_id=user.pk, group_id=groups[role].pk) for user, role in users
    )
    Guardianship.objects.create(
        child=demo_people["apprenant"],
        guardian=demo_people["parent"],
        relationship=Guardianship.Relationship.MOTHER,
    )

    return {
        "organisations": len(orgs),
        "entreprises partenaires": len(partners) + len(founder_companies),
        "personnes": len(everyone),
        "comptes": len(users),
    }
