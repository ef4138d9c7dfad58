"""The training part of the demo hub.

- `training.catalogue`: the trades and courses of the public catalogue.
- `training.learners`: initial-training cohorts from 2019-20 to the current year, with learners
  (and parents for minors) such that the hub has 117 students in 2019-20 and 197 in 2022-23.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from hall32.core.models import Guardianship, Person
from hall32.core.schoolyear import SchoolYear
from hall32.demo.data import NEAR, fictional_phone, random_day, slug
from hall32.demo.loader import FIRST_YEAR, DemoContext
from hall32.training.models import Cohort, Course, Enrolment, Trade, TradeFamily

TRADES = [
    # name, slug, family, tension, summary, outlets, salary range
    (
        "Technicien·ne de maintenance industrielle",
        "maintenance",
        TradeFamily.MAINTENANCE,
        True,
        "Garder les machines en marche : diagnostiquer une panne, réparer, prévenir la suivante.",
        "Technicien·ne de maintenance, automaticien·ne, responsable d'équipe maintenance.",
        1900,
        2600,
    ),
    (
        "Usineur·se sur machines à commande numérique",
        "usinage",
        TradeFamily.MACHINING,
        True,
        "Transformer un bloc de métal en pièce précise au centième, sur tour et fraiseuse numériques.",
        "Régleur·se CN, programmeur·se, technicien·ne méthodes.",
        1850,
        2500,
    ),
    (
        "Dessinateur·rice-projeteur·se en bureau d'études",
        "bureau-etudes",
        TradeFamily.DESIGN_OFFICE,
        True,
        "Concevoir en 3D les produits et les outillages de demain, du croquis au plan.",
        "Dessinateur·rice-projeteur·se, technicien·ne BE, chef·fe de projet.",
        2100,
        3000,
    ),
    (
        "Électrotechnicien·ne",
        "electrotechnique",
        TradeFamily.ELECTRICAL,
        False,
        "Installer, câbler et dépanner les équipements électriques des usines et des bâtiments.",
        "Électricien·ne industriel·le, technicien·ne d'installation, chargé·e d'affaires.",
        1850,
        2450,
    ),
    (
        "Roboticien·ne et automaticien·ne",
        "robotique",
        TradeFamily.ROBOTICS,
        False,
        "Programmer des robots et des lignes automatisées, et les faire travailler avec les opérateurs.",
        "Intégrateur·rice robotique, automaticien·ne, technicien·ne de mise en service.",
        2000,
        2800,
    ),
    (
        "Technicien·ne en électronique",
        "electronique",
        TradeFamily.ELECTRONICS,
        False,
        "Concevoir, assembler et tester les cartes électroniques des objets connectés et des machines.",
        "Technicien·ne de test, câbleur·se, technicien·ne de maintenance électronique.",
        1900,
        2600,
    ),
    (
        "Technicien·ne en fabrication additive",
        "fabrication-additive",
        TradeFamily.ADDITIVE,
        False,
        "Imprimer en 3D des pièces en polymère ou en métal, préparer les fichiers, finir les pièces.",
        "Opérateur·rice puis technicien·ne fabrication additive, préparateur·rice de fabrication.",
        1900,
        2700,
    ),
    (
        "Chaudronnier·ère-soudeur·se",
        "chaudronnerie",
        TradeFamily.METALWORK,
        True,
        "Découper, plier, assembler et souder des tôles pour construire cuves, structures et carrosseries.",
        "Chaudronnier·ère, soudeur·se qualifié·e, tuyauteur·se.",
        1800,
        2500,
    ),
]

COURSES = [
    # code, trade slug, title, level, months, stage count, rhythm, summary
    (
        "BAC-MSPC",
        "maintenance",
        "Bac Pro Maintenance des systèmes de production connectés",
        Course.Level.BAC_PRO,
        36,
        "2 semaines à Hall 32, 2 semaines en entreprise",
        "Devenir le ou la spécialiste qui remet en route une ligne de production.",
    ),
    (
        "BAC-TRPM",
        "usinage",
        "Bac Pro Technicien en réalisation de produits mécaniques",
        Course.Level.BAC_PRO,
        36,
        "2 semaines à Hall 32, 2 semaines en entreprise",
        "Régler et conduire des machines d'usinage à commande numérique.",
    ),
    (
        "BAC-MELEC",
        "electrotechnique",
        "Bac Pro Métiers de l'électricité et de ses environnements connectés",
        Course.Level.BAC_PRO,
        36,
        "2 semaines à Hall 32, 2 semaines en entreprise",
        "Installer et mettre en service des équipements électriques et communicants.",
    ),
    (
        "BAC-CIEL",
        "electronique",
        "Bac Pro Cybersécurité, informatique et réseaux, électronique",
        Course.Level.BAC_PRO,
        36,
        "2 semaines à Hall 32, 2 semaines en entreprise",
        "Assembler, tester et sécuriser les systèmes électroniques connectés.",
    ),
    (
        "BTS-MS",
        "maintenance",
        "BTS Maintenance des systèmes, option systèmes de production",
        Course.Level.BTS,
        24,
        "1 semaine à Hall 32, 2 semaines en entreprise",
        "Organiser la maintenance d'un atelier et en améliorer la fiabilité.",
    ),
    (
        "BTS-CPRP",
        "usinage",
        "BTS Conception des processus de réalisation de produits",
        Course.Level.BTS,
        24,
        "1 semaine à Hall 32, 2 semaines en entreprise",
        "Concevoir comment une pièce sera fabriquée, en série, au meilleur coût.",
    ),
    (
        "BTS-CPI",
        "bureau-etudes",
        "BTS Conception de produits industriels",
        Course.Level.BTS,
        24,
        "1 semaine à Hall 32, 2 semaines en entreprise",
        "Concevoir en 3D un produit industriel, du cahier des charges au prototype.",
    ),
    (
        "BTS-CRSA",
        "robotique",
        "BTS Conception et réalisation de systèmes automatiques",
        Course.Level.BTS,
        24,
        "1 semaine à Hall 32, 2 semaines en entreprise",
        "Concevoir, programmer et mettre en service des systèmes automatisés et robotisés.",
    ),
    (
        "BTS-ET",
        "electrotechnique",
        "BTS Électrotechnique",
        Course.Level.BTS,
        24,
        "1 semaine à Hall 32, 2 semaines en entreprise",
        "Étudier, installer et piloter les équipements électriques de l'industrie.",
    ),
    (
        "TP-TMI",
        "maintenance",
        "Titre professionnel Technicien·ne de maintenance industrielle",
        Course.Level.TITRE_PRO,
        10,
        "Formation continue, 3 mois de stage en entreprise",
        "Se reconvertir vers la maintenance en moins d'un an.",
    ),
    (
        "FC-FA",
        "fabrication-additive",
        "Fabrication additive : concevoir et produire en 3D",
        Course.Level.SHORT,
        1,
        "5 jours à Hall 32",
        "Une semaine pour maîtriser la chaîne de la fabrication additive polymère.",
    ),
    (
        "FC-ROB",
        "robotique",
        "Programmer un robot collaboratif",
        Course.Level.SHORT,
        1,
        "3 jours à Hall 32",
        "Trois jours pour programmer un cobot et l'intégrer à un poste de travail.",
    ),
]

DAY_BAC = (
    "8 h 15 : briefing à l'atelier avec le formateur.\n9 h : diagnostic d'une panne sur la ligne "
    "pédagogique, en binôme.\n12 h : déjeuner avec la promo.\n13 h 30 : maths et sciences appliquées "
    "au cas du matin.\n15 h 30 : préparation du compte rendu pour l'entreprise."
)
DAY_BTS = (
    "8 h 30 : point projet avec le client industriel du Pôle Industrie.\n9 h : conception et "
    "simulation sur poste CAO.\n13 h 30 : essais sur la ligne modulaire.\n16 h : anglais technique."
)

# Students in initial training per school year: published 117 (2019-20) and 197 (2022-23).
STUDENT_TARGETS = {2019: 117, 2022: 197}
INTAKE_MEAN = {"bac_pro": 8, "bts": 7}
INTAKE_GROWTH = {
    2019: 1.0,
    2020: 1.05,
    2021: 1.1,
    2022: 1.15,
    2023: 1.25,
    2024: 1.3,
    2025: 1.35,
    2026: 1.4,
}
GIRLS_SHARE = 0.16


def load_catalogue(ctx: DemoContext) -> dict[str, int]:
    trades = {}
    for order, (name, trade_slug, family, tension, summary, outlets, low, high) in enumerate(TRADES, start=1):
        trades[trade_slug] = Trade.objects.create(
            name=name,
            slug=trade_slug,
            family=family,
            is_tension=tension,
            summary=summary,
            outlets=outlets,
            salary_min=low,
            salary_max=high,
            order=order * 10,
            description=summary + " " + "Un métier concret, où l'on voit le résultat de son travail.",
        )
    for order, (code, trade_slug, title, level, months, rhythm, summary) in enumerate(COURSES, start=1):
        initial = level in {Course.Level.BAC_PRO, Course.Level.BTS}
        Course.objects.create(
            trade=trades[trade_slug],
            code=code,
            title=title,
            slug=slug(title)[:200],
            level=level,
            qualification_level=5 if level == Course.Level.BTS else 4,
            duration_months=months,
            rhythm=rhythm,
            school_weeks_per_year=20 if level == Course.Level.BAC_PRO else 17,
            apprenticeship=level != Course.Level.SHORT,
            school_status=level == Course.Level.BAC_PRO,
            for_job_seekers=not initial,
            for_employees=level == Course.Level.SHORT,
            summary=summary,
            prerequisites=(
                "Après la 3e, de 15 à 29 ans. Recrutement sur entretien de motivation, pas sur les notes."
                if level == Course.Level.BAC_PRO
                else "Après un bac (pro, techno ou général), jusqu'à 29 ans en apprentissage."
                if level == Course.Level.BTS
                else "Demandeurs d'emploi et salariés, sans condition de diplôme."
            ),
            day_in_the_life=DAY_BAC if level == Course.Level.BAC_PRO else DAY_BTS if initial else "",
            outlets=(
                "Entrer dans la vie active, ou poursuivre en BTS à Hall 32."
                if level == Course.Level.BAC_PRO
                else "Entrer dans la vie active, ou poursuivre en licence professionnelle."
                if level == Course.Level.BTS
                else ""
            ),
            order=order * 10,
        )
    return {"métiers": len(TRADES), "formations": len(COURSES)}


@dataclass
class Track:
    """One learner's way through a course: the year and stage they enter, the last year they are in."""

    course: Course
    entry_year: int
    entry_stage: int
    last_year: int
    status: str


def _stages(course: Course) -> int:
    return course.duration_months // 12


def _students_in(tracks: list[Track], year: int) -> int:
    return sum(1 for t in tracks if t.entry_year <= year <= t.last_year)


def _new_track(rng: random.Random, course: Course, year: int, stage: int) -> Track:
    stages = _stages(course)
    last = year + (stages - stage)
    if rng.random() < 0.12:  # leaves early (job, reorientation)
        last = rng.randint(year, last)
    status = Enrolment.Status.APPRENTICE if rng.random() < 0.86 else Enrolment.Status.STUDENT
    return Track(course, year, stage, last, status)


def plan_tracks(rng: random.Random, courses: list[Course], current: int) -> list[Track]:
    """Intakes year by year, then exact adjustments of the 2019 and 2022 intakes to the targets."""
    tracks: list[Track] = []
    for year in range(FIRST_YEAR, current + 1):
        for course in courses:
            mean = INTAKE_MEAN[course.level] * INTAKE_GROWTH[year]
            for stage in range(1, _stages(course) + 1):
                if year > FIRST_YEAR and stage > 1:
                    continue
                size = max(4, round(rng.gauss(mean * (0.75 if stage > 1 else 1.0), 2)))
                tracks += [_new_track(rng, course, year, stage) for _ in range(size)]
        if year in STUDENT_TARGETS:
            gap = STUDENT_TARGETS[year] - _students_in(tracks, year)
            entering = [t for t in tracks if t.entry_year == year and t.entry_stage == 1]
            while gap > 0:
                tracks.append(_new_track(rng, rng.choice(courses), year, 1))
                gap -= 1
            while gap < 0:
                tracks.remove(entering.pop(rng.randrange(len(entering))))
                gap += 1
    return tracks


def load_learners(ctx: DemoContext) -> dict[str, int]:
    rng = ctx.rng("training.learners")
    fake = ctx.faker("training.learners")
    current = SchoolYear.of(ctx.today).start_year
    courses = list(Course.objects.initial().order_by("order"))
    tracks = plan_tracks(rng, courses, current)
    cohorts: dict[tuple[int, int, int], Cohort] = {}
    for year in range(FIRST_YEAR, current + 1):
        sy = SchoolYear(year)
        for course in courses:
            for stage in range(1, _stages(course) + 1):
                cohorts[(course.pk, year, stage)] = Cohort(
                    course=course,
                    school_year=year,
                    stage=stage,
                    code=f"{course.code}-{year}-{stage}",
                    start_date=date(year, 9, 1) + timedelta(days=(7 - date(year, 9, 1).weekday()) % 7),
                    end_date=date(year + 1, 7, 5) if stage == _stages(course) else sy.end,
                )
    Cohort.objects.bulk_create(cohorts.values())
    cohorts = {(c.course_id, c.school_year, c.stage): c for c in Cohort.objects.all()}

    people: list[Person] = []
    parents: list[tuple[Person, Person]] = []
    for track in tracks:
        girl = rng.random() < GIRLS_SHARE
        first = fake.first_name_female() if girl else fake.first_name_male()
        last = fake.last_name()
        entry_age = (15 if track.course.level == Course.Level.BAC_PRO else 18) + track.entry_stage - 1
        entry_age += rng.choice([0, 0, 0, 1, 1, 2])
        born = random_day(
            rng,
            date(track.entry_year - entry_age - 1, 9, 1),
            date(track.entry_year - entry_age, 8, 31),
        )
        postcode, city = rng.choice(NEAR)
        person = Person(
            first_name=first,
            last_name=last,
            gender="F" if girl else "M",
            birth_date=born,
            email=f"{slug(first)}.{slug(last)}{rng.randint(1, 99)}@eleve.example",
            phone=fictional_phone(rng),
            postcode=postcode,
            city=city,
            consent_contact=True,
            consent_image=rng.random() < 0.6,
        )
        people.append(person)
        if track.entry_year - born.year < 18:
            mother = rng.random() < 0.6
            parent_first = fake.first_name_female() if mother else fake.first_name_male()
            parent = Person(
                first_name=parent_first,
                last_name=last,
                gender="F" if mother else "M",
                email=f"{slug(parent_first)}.{slug(last)}{rng.randint(1, 99)}@famille.example",
                phone=fictional_phone(rng),
                postcode=postcode,
                city=city,
            )
            parents.append((person, parent))
    Person.objects.bulk_create(people + [p for _c, p in parents])
    Guardianship.objects.bulk_create(
        Guardianship(
            child=c,
            guardian=p,
            relationship=Guardianship.Relationship.MOTHER
            if p.gender == "F"
            else Guardianship.Relationship.FATHER,
        )
        for c, p in parents
    )

    enrolments = []
    for track, person in zip(tracks, people, strict=True):
        for year in range(track.entry_year, min(track.last_year, current) + 1):
            stage = track.entry_stage + (year - track.entry_year)
            cohort = cohorts[(track.course.pk, year, stage)]
            if year == current:
                end = None  # still here
            elif year == track.last_year and stage < _stages(track.course):
                end = random_day(rng, date(year + 1, 1, 10), date(year + 1, 6, 20))  # left early
            else:
                end = cohort.end_date
            enrolments.append(
                Enrolment(
                    cohort=cohort,
                    person=person,
                    status=track.status,
                    start_date=cohort.start_date,
                    end_date=end,
                )
            )
    # The demo learner account: Lucas Moreau, 17, in the second year of the maintenance Bac Pro.
    lucas = Person.objects.get(user__username="apprenant")
    mspc = Course.objects.get(code="BAC-MSPC")
    for year, stage in [(current - 1, 1), (current, 2)]:
        cohort = cohorts[(mspc.pk, year, stage)]
        enrolments.append(
            Enrolment(
                cohort=cohort,
                person=lucas,
                status=Enrolment.Status.APPRENTICE,
                start_date=cohort.start_date,
                end_date=cohort.end_date if year < current else None,
            )
        )
    Enrolment.objects.bulk_create(enrolments)
    return {
        "promotions": len(cohorts),
        "apprenant·e·s": len(people) + 1,
        "parents": len(parents),
        "inscriptions": len(enrolments),
    }
