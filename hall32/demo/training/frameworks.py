"""Demo frameworks: the hub as a CFA, diploma codes, competency blocks, the interview rubric,
attendance codes and the three targeted programmes."""

from __future__ import annotations

import datetime as dt

from hall32.core.models import Organisation
from hall32.core.validators import uai_check_letter
from hall32.demo.data import siret
from hall32.demo.loader import DemoContext
from hall32.demo.network import partnership
from hall32.network.models import Partnership
from hall32.training.models import (
    AttendanceCode,
    Competency,
    CompetencyBlock,
    Course,
    Programme,
    Rubric,
    RubricCriterion,
)

# course code -> (diploma code, RNCP code, centre hours)
CODES = {
    "BAC-MSPC": ("40025005", "RNCP35323", 1850),
    "BAC-TRPM": ("40025008", "RNCP37954", 1850),
    "BAC-MELEC": ("40025510", "RNCP37950", 1850),
    "BAC-CIEL": ("40032006", "RNCP37919", 1850),
    "BTS-MS": ("32025002", "RNCP35342", 1350),
    "BTS-CPRP": ("32025011", "RNCP35338", 1350),
    "BTS-CPI": ("32020014", "RNCP35336", 1350),
    "BTS-CRSA": ("32020110", "RNCP35357", 1350),
    "BTS-ET": ("32025516", "RNCP35354", 1350),
    "TP-TMI": ("46T25401", "RNCP34863", 1050),
}

# Blocks per trade family: (title, [competencies]).
BLOCKS = {
    "maintenance": [
        (
            "Préparation d'une intervention",
            [
                "Analyser le fonctionnement d'un équipement",
                "Préparer les outillages et les consignations",
                "Identifier les risques et les mesures de prévention",
            ],
        ),
        (
            "Réalisation de la maintenance",
            [
                "Diagnostiquer une défaillance",
                "Remplacer un sous-ensemble",
                "Remettre en service et contrôler",
                "Réaliser la maintenance préventive",
            ],
        ),
        (
            "Amélioration et communication",
            [
                "Proposer une amélioration de fiabilité",
                "Rendre compte de l'intervention",
                "Échanger avec la production",
            ],
        ),
    ],
    "usinage": [
        (
            "Préparation de la production",
            [
                "Lire un dessin de définition",
                "Choisir outils et conditions de coupe",
                "Écrire un programme CN",
            ],
        ),
        ("Réalisation", ["Régler la machine", "Usiner une pièce en série", "Contrôler la conformité"]),
        ("Qualité et suivi", ["Renseigner les documents qualité", "Proposer une optimisation de cycle"]),
    ],
    "electrotechnique": [
        ("Étude et préparation", ["Analyser un schéma électrique", "Choisir le matériel"]),
        (
            "Réalisation et mise en service",
            [
                "Câbler une armoire",
                "Mettre en service une installation",
                "Réaliser les mesures de sécurité électrique",
            ],
        ),
        ("Maintenance et dépannage", ["Dépanner un circuit de commande", "Consigner une installation"]),
    ],
    "electronique": [
        ("Conception", ["Lire un schéma électronique", "Simuler un circuit"]),
        (
            "Réalisation et test",
            ["Assembler une carte", "Tester et mesurer", "Programmer un microcontrôleur"],
        ),
        ("Réseaux et cybersécurité", ["Configurer un réseau local", "Sécuriser un équipement connecté"]),
    ],
    "bureau-etudes": [
        ("Conception", ["Analyser un cahier des charges", "Modéliser en 3D", "Dimensionner une pièce"]),
        ("Industrialisation", ["Choisir un procédé", "Réaliser un prototype en fabrication additive"]),
        ("Gestion de projet", ["Planifier un projet", "Présenter une solution à un client"]),
    ],
    "robotique": [
        ("Conception d'un système automatisé", ["Analyser le besoin", "Concevoir la partie commande"]),
        ("Programmation", ["Programmer un automate", "Programmer un robot", "Intégrer un cobot en sécurité"]),
        ("Mise en service", ["Mettre au point un système", "Former les opérateurs"]),
    ],
    "fabrication-additive": [
        ("Préparation", ["Préparer un fichier d'impression", "Choisir matière et orientation"]),
        ("Production", ["Conduire l'impression", "Finir et contrôler la pièce"]),
    ],
}

RUBRIC = [
    ("Curiosité technique", "Pose des questions, démonte, veut comprendre comment ça marche.", 3),
    ("Motivation pour le métier", "Sait pourquoi ce métier ; s'est renseigné·e, a essayé.", 3),
    ("Persévérance", "Raconte une difficulté surmontée.", 2),
    ("Travail en équipe", "Écoute, aide, accepte la critique.", 2),
    ("Fiabilité et ponctualité", "Tient ses engagements, arrive à l'heure.", 2),
    ("Projet professionnel", "Se projette dans une entreprise, un poste.", 1),
    ("Communication", "S'exprime clairement, ose parler de soi.", 1),
]

CODES_ATTENDANCE = [
    ("P", "Présent·e", False, False, False, True),
    ("R", "En retard", False, False, True, False),
    ("A", "Absent·e", True, False, False, False),
    ("E", "Absence justifiée", True, True, False, False),
    ("S", "Sortie pédagogique", False, False, False, False),
]

PROGRAMMES = [
    (
        Programme.Kind.DROPOUT,
        "Rebond – jeunes décrocheurs",
        "Douze semaines pour les 16-25 ans sortis du système scolaire sans diplôme : ateliers, remise à niveau, "
        "découverte des métiers et stages en entreprise.",
        16,
        25,
        12,
    ),
    (
        Programme.Kind.REMOBILISATION,
        "Cap Industrie – remobilisation",
        "Dix semaines pour les demandeurs d'emploi de longue durée : coaching, préparation physique, savoir-faire "
        "en atelier et savoir-être, jusqu'aux entretiens avec les entreprises partenaires.",
        None,
        None,
        10,
    ),
    (
        Programme.Kind.REFUGEES,
        "Passerelle Industrie – réfugiés",
        "Français professionnel, gestes techniques et immersion chez des employeurs partenaires pour les personnes "
        "réfugiées.",
        18,
        None,
        14,
    ),
]


def load(ctx: DemoContext) -> dict[str, int]:
    rng = ctx.rng("training.frameworks")
    code = "0632032"
    hub = Organisation.objects.create(
        name="Hall 32",
        kind=Organisation.Kind.SCHOOL,
        school_kind=Organisation.SchoolKind.OTHER,
        uai=code + uai_check_letter(code),
        siret=siret(rng),
        address="Rue de l'Industrie",
        postcode="63100",
        city="Clermont-Ferrand",
        website="https://www.hall32.example",
    )
    # In bulk, as the core part's: a row made by the demo, not an edit for the audit trail.
    Partnership.objects.bulk_create([partnership(hub, start=dt.date(2019, 9, 1), end=None, today=ctx.today)])
    coded = [c for c in Course.objects.all() if c.code in CODES]
    for course in coded:
        course.diploma_code, course.rncp_code, course.training_hours = CODES[course.code]
    Course.objects.bulk_update(coded, ["diploma_code", "rncp_code", "training_hours"])
    blocks: list[tuple[CompetencyBlock, list[str]]] = []
    for course in Course.objects.exclude(level=Course.Level.SHORT).select_related("trade"):
        for b_index, (title, items) in enumerate(BLOCKS.get(course.trade.slug, []), start=1):
            block = CompetencyBlock(course=course, code=f"B{b_index}", title=title, order=b_index)
            blocks.append((block, items))
    CompetencyBlock.objects.bulk_create([b for b, _items in blocks])
    made = Competency.objects.bulk_create(
        Competency(block=block, code=f"C{block.order}.{c_index}", title=item, order=c_index)
        for block, items in blocks
        for c_index, item in enumerate(items, start=1)
    )
    competencies = len(made)
    rubric = Rubric.objects.create(
        name="Grille de motivation Hall 32",
        description="Personnalité et motivation ; les notes scolaires n'y figurent pas.",
    )
    RubricCriterion.objects.bulk_create(
        RubricCriterion(rubric=rubric, label=label, description=description, weight=weight, order=index)
        for index, (label, description, weight) in enumerate(RUBRIC, start=1)
    )
    AttendanceCode.objects.bulk_create(
        AttendanceCode(
            code=c,
            label=label,
            counts_as_absence=absence,
            is_excused=excused,
            is_late=late,
            is_default=default,
            order=index,
        )
        for index, (c, label, absence, excused, late, default) in enumerate(CODES_ATTENDANCE, start=1)
    )
    Programme.objects.bulk_create(
        Programme(
            kind=kind, name=name, description=description, min_age=low, max_age=high, duration_weeks=weeks
        )
        for kind, name, description, low, high, weeks in PROGRAMMES
    )
    return {
        "blocs": len(blocks),
        "compétences": competencies,
        "critères": len(RUBRIC),
        "programmes": len(PROGRAMMES),
    }
