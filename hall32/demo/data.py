"""The demo hub's tables (places, founders, agencies, schools, rooms, accounts, staff) and the
small generators of fictional values (names, SIRET and UAI numbers, phones, days) every part uses.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from hall32.core.models import Organisation, Room, Sector
from hall32.core.roles import Role
from hall32.core.validators import luhn_ok, uai_check_letter

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
    drawn = f"{rng.randint(3, 8)}{rng.randint(0, 10**8 - 1):08d}"
    # The SIREN has its own Luhn key (python-stdnum checks both): its ninth digit is replaced by
    # the one that completes the first eight, with the same draws as before.
    siren = next(drawn[:8] + d for d in "0123456789" if luhn_ok(drawn[:8] + d))
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
