"""The demo hub's apprenticeship offers and its unplaced candidates.

Open offers from partner companies, for the courses the admitted candidates applied to (in
each course, about two offers for three candidates, one to three places each: a few places more
than candidates, not all within their reach), starting at the next
rentrée or, for those admitted last spring who still look for an employer, in the coming weeks;
filled and closed offers of the past years. The candidates are the admitted applicants without a
contract (training.admissions): each gets a placement profile (a car or not, how far they would
go), skills, and, when they have no company in view, their wishes among the open offers near them;
a few companies have rated the candidates they met.

The matching run itself is computed by the network's service: see `load_matching_run`.
"""

from __future__ import annotations

import datetime as dt
import gzip
import random
from collections import Counter, defaultdict
from zoneinfo import ZoneInfo

from hall32.core import geo
from hall32.core.models import Organisation, Person, User
from hall32.core.schoolyear import SchoolYear
from hall32.demo.data import NEAR
from hall32.demo.loader import DemoContext, bulk_create_dated
from hall32.network.models import (
    CandidatePreference,
    CandidateProfile,
    CompanyRating,
    ContactRole,
    Offer,
    Partnership,
)
from hall32.training.models import Application, ApplicationStatus, Contract, Course

PARIS = ZoneInfo("Europe/Paris")
# The reference series the offers service numbers offers with (hall32.core.services
# ReferenceSeries): OFF-2026-0001. Its `highest` reads the rows written, so the service goes on
# after the demo's numbers.
OFFER_PREFIX = "OFF-{year}-"
OFFER_DIGITS = 4

# ROME codes of the hub's trades (France Travail's job directory).
ROME = {
    "maintenance": "I1304",
    "usinage": "H2903",
    "electrotechnique": "I1309",
    "electronique": "H1209",
    "bureau-etudes": "H1203",
    "robotique": "I1302",
    "fabrication-additive": "H2909",
    "chaudronnerie": "H2902",
}
SKILLS = {
    "maintenance": ["diagnostic de panne", "lecture de schémas", "pneumatique", "hydraulique", "GMAO"],
    "usinage": ["lecture de plans", "tournage", "fraisage", "programmation ISO", "métrologie"],
    "electrotechnique": ["habilitation électrique", "câblage d'armoires", "lecture de schémas", "variateurs"],
    "electronique": ["soudure de composants", "mesures à l'oscilloscope", "programmation C", "réseaux"],
    "bureau-etudes": ["CAO SolidWorks", "cotation fonctionnelle", "lecture de plans", "impression 3D"],
    "robotique": ["programmation d'automates", "robotique industrielle", "pneumatique", "supervision"],
}
COMMON_SKILLS = ["travail en équipe", "anglais technique", "bureautique"]
TITLES = {
    "BAC-MSPC": ["Apprenti·e technicien·ne de maintenance", "Apprenti·e agent·e de maintenance industrielle"],
    "BAC-TRPM": ["Apprenti·e usineur·se sur commande numérique", "Apprenti·e régleur·se de machines-outils"],
    "BAC-MELEC": ["Apprenti·e électricien·ne industriel·le", "Apprenti·e électrotechnicien·ne"],
    "BAC-CIEL": ["Apprenti·e technicien·ne en électronique", "Apprenti·e câbleur·se électronique"],
    "BTS-MS": [
        "Technicien·ne de maintenance en alternance",
        "Alternant·e maintenance des lignes de production",
    ],
    "BTS-CPRP": [
        "Technicien·ne méthodes usinage en alternance",
        "Alternant·e préparateur·rice de fabrication",
    ],
    "BTS-CPI": ["Dessinateur·rice-projeteur·se en alternance", "Alternant·e bureau d'études mécanique"],
    "BTS-CRSA": ["Automaticien·ne en alternance", "Alternant·e roboticien·ne – cellules robotisées"],
    "BTS-ET": [
        "Électrotechnicien·ne en alternance",
        "Alternant·e chargé·e d'affaires électricité industrielle",
    ],
}
DESCRIPTIONS = {
    "maintenance": "Au sein de l'équipe maintenance, vous participez aux interventions préventives et "
    "curatives sur les lignes de production, au diagnostic des pannes et à l'amélioration des équipements.",
    "usinage": "À l'atelier, vous préparez, réglez et conduisez des centres d'usinage à commande numérique, "
    "contrôlez les pièces et participez à l'optimisation des programmes.",
    "electrotechnique": "Vous participez à l'installation, au câblage et à la mise en service d'équipements "
    "électriques industriels, ainsi qu'à leur maintenance.",
    "electronique": "Vous participez à l'assemblage, aux tests et au dépannage de cartes et de sous-ensembles "
    "électroniques, en lien avec le bureau d'études.",
    "bureau-etudes": "Au bureau d'études, vous concevez des pièces et des ensembles mécaniques en CAO, "
    "rédigez les plans et suivez les prototypes avec l'atelier.",
    "robotique": "Vous participez à la programmation, à l'intégration et à la mise au point de cellules "
    "robotisées et de systèmes automatisés.",
}
# The matching's start window (hall32.network.optimisation.pairs.Rules.start_window_days).
WINDOW_DAYS = 92
NIGHT = "Travail en équipe de nuit une semaine sur trois : poste réservé aux majeurs."
NO_BUS = "Site non desservi par les transports en commun : véhicule indispensable."
RATING_COMMENTS = {
    5: "Très bon entretien, curieux·se et déjà à l'aise à l'atelier.",
    4: "Bonne impression ; motivation réelle pour le métier.",
    3: "Profil intéressant, à revoir après la journée d'immersion.",
    2: "Projet encore flou ; peu à l'aise avec les horaires postés.",
}


def working_day(day: dt.date) -> dt.date:
    """A contract starts on a working day: a weekend moves to the Monday after."""
    return day + dt.timedelta(days=(7 - day.weekday()) % 7) if day.weekday() >= 5 else day


def centroids(postcodes: set[str]) -> dict[str, tuple[float, float]]:
    """geo.coordinates for a few postcodes, read from the shipped file without parsing all of France
    (geo.places() builds 35,000 places: a tenth of a second more for the demo's hundred)."""
    found: dict[str, list[tuple[float, float]]] = defaultdict(list)
    with gzip.open(geo.DATA, "rt", encoding="utf-8") as rows:
        next(rows)
        for row in rows:
            if row[:5] in postcodes:
                _postcode, _commune, _insee, lat, lon = row.rstrip("\n").split(";")
                found[row[:5]].append((float(lat), float(lon)))
    return {
        code: (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))
        for code, points in found.items()
    }


class Distances:
    """Commutes between postcodes, as the crow flies (geo.distance_km); 999 km when unknown."""

    def __init__(self, postcodes: set[str]) -> None:
        self.points = centroids(postcodes)

    def __call__(self, a: str, b: str) -> float:
        if a not in self.points or b not in self.points:
            return 999.0
        return geo.haversine_km(self.points[a], self.points[b])


def load(ctx: DemoContext) -> dict[str, int]:
    rng = ctx.rng("network.offers")
    today = ctx.today
    campaign = SchoolYear.of(today).start_year + 1
    candidates = unplaced(campaign)
    courses = {c.pk: c for c in Course.objects.initial().select_related("trade")}
    companies = list(
        Organisation.objects.companies()
        .filter(
            partnerships__in=Partnership.objects.open().filter(
                stage=Partnership.Stage.PARTNER, kind__in=Partnership.PARTNER_COMPANY_KINDS
            )
        )
        .distinct()
        .order_by("pk")
    )
    people: dict[int, list[tuple[Person, str]]] = defaultdict(list)
    for role in (
        ContactRole.objects.filter(organisation__in=companies).select_related("person").order_by("pk")
    ):
        people[role.organisation_id].append((role.person, role.role))

    wanted = Counter(app.course_id for app in candidates)
    offers: list[Offer] = []
    for course in sorted(courses.values(), key=lambda c: c.order):
        for _ in range(1 + round(0.6 * wanted[course.pk]) + rng.randint(0, 1)):
            soon = rng.random() < 0.2
            start = working_day(
                today + dt.timedelta(days=rng.randint(14, 60))
                if soon
                else dt.date(campaign, 9, 1) + dt.timedelta(days=rng.choice([0, 0, 0, 4, 7, 14]))
            )
            created = today - dt.timedelta(days=rng.randint(3, 80))
            offers.append(
                offer(rng, rng.choice(companies), course, people, start, created, Offer.Status.OPEN)
            )
    # The past years' offers: most filled, some closed without a candidate.
    for year in range(campaign - 4, campaign):
        for _ in range(rng.randint(10, 14)):
            course = rng.choice(list(courses.values()))
            start = working_day(dt.date(year, 9, 1) + dt.timedelta(days=rng.choice([0, 0, 7, 14, 30])))
            created = start - dt.timedelta(days=rng.randint(60, 200))
            status = Offer.Status.FILLED if rng.random() < 0.8 else Offer.Status.CLOSED
            offers.append(offer(rng, rng.choice(companies), course, people, start, created, status))
    numbered: Counter[int] = Counter()
    for made in sorted(offers, key=lambda o: (o.created_at, o.start_date)):
        year = made.created_at.year
        numbered[year] += 1
        made.reference = f"{OFFER_PREFIX.format(year=year)}{numbered[year]:0{OFFER_DIGITS}d}"
    offers.sort(key=lambda o: o.reference)
    bulk_create_dated(Offer, offers, fields=["created_at"])
    profiles, preferences, ratings = candidate_wishes(
        rng, candidates, [o for o in offers if o.status == "open"], today
    )
    return {
        "offres ouvertes": sum(o.status == Offer.Status.OPEN for o in offers),
        "offres passées": sum(o.status != Offer.Status.OPEN for o in offers),
        "candidats sans contrat": profiles,
        "vœux": preferences,
        "appréciations": ratings,
    }


def offer(
    rng: random.Random,
    company: Organisation,
    course: Course,
    people: dict[int, list[tuple[Person, str]]],
    start: dt.date,
    created: dt.date,
    status: str,
) -> Offer:
    trade = course.trade.slug
    staff = people.get(company.pk, [])
    tutors = [p for p, role in staff if role == ContactRole.Role.TUTOR] or [
        p for p, role in staff if role == ContactRole.Role.TECHNICAL
    ]
    main = next((p for p, role in staff if role == ContactRole.Role.MAIN), None)
    postcode, city, site = company.postcode, company.city, company.name
    if rng.random() < 0.15:
        postcode, city = rng.choice(NEAR)
        site = f"{company.name} – site de {city}"
    adults_only = rng.random() < 0.15
    needs_car = postcode not in {"63000", "63100", "63400", "63170"} and rng.random() < 0.35
    vocabulary = SKILLS.get(trade, COMMON_SKILLS)
    wanted_skills = rng.sample(vocabulary, 2) + ([rng.choice(COMMON_SKILLS)] if rng.random() < 0.4 else [])
    required = [vocabulary[0]] if course.level == Course.Level.BTS and rng.random() < 0.2 else []
    requirements = [
        text
        for text, applies in [
            (NIGHT, adults_only),
            (NO_BUS, needs_car),
            ("Première expérience en atelier appréciée (stage, job d'été).", rng.random() < 0.3),
        ]
        if applies
    ]
    source = rng.choices([Offer.Source.MANUAL, Offer.Source.LBA, Offer.Source.CSV], [7, 2, 1])[0]
    made = Offer(
        company=company,
        title=rng.choice(TITLES[course.code]),
        trade=course.trade,
        rome_code=ROME.get(trade, ""),
        course=course,
        rncp_code=course.rncp_code,
        site_name=site,
        address=company.address if site == company.name else "",
        postcode=postcode,
        city=city,
        start_date=start,
        places=rng.choices([1, 2, 3], [6, 3, 1])[0],
        description=DESCRIPTIONS.get(trade, ""),
        requirements="\n".join(requirements),
        required_skills=required,
        wanted_skills=[s for s in wanted_skills if s not in required],
        adults_only=adults_only,
        needs_car=needs_car,
        tutor=rng.choice(tutors) if tutors else None,
        tutor_capacity=rng.choice([None, None, 1, 2]),
        rhythm=course.rhythm,
        status=status,
        source=source,
        external_id=f"{rng.getrandbits(48):012x}" if source == Offer.Source.LBA else "",
        contact_email=main.email if main else "",
    )
    made.created_at = dt.datetime.combine(
        created, dt.time(rng.randint(8, 17), rng.choice([0, 15, 30, 45])), tzinfo=PARIS
    )
    return made


def unplaced(campaign: int) -> list[Application]:
    """The admitted applications of this school year and the next without a contract yet."""
    signed = Contract.objects.values("apprentice")
    return list(
        Application.objects.filter(
            status=ApplicationStatus.ADMITTED, school_year__in=[campaign - 1, campaign]
        )
        .exclude(applicant__in=signed)
        .select_related("applicant", "course__trade")
        .order_by("pk")
    )


def candidate_wishes(
    rng: random.Random, candidates: list[Application], offers: list[Offer], today: dt.date
) -> tuple[int, int, int]:
    """Each unplaced candidate's profile; the wishes of those with no company in view, among the open
    offers of their course near them; a few companies' ratings of those they met."""
    profiles, preferences, ratings = [], [], []
    by_course: dict[int, list[Offer]] = defaultdict(list)
    for o in offers:
        by_course[o.course_id].append(o)
    distance = Distances(
        {o.postcode for o in offers} | {a.sought_postcode or a.applicant.postcode for a in candidates}
    )
    for app in candidates:
        person = app.applicant
        start = max(app.desired_start or today, today)
        age = person.age_on(start) or 16
        has_car = rng.random() < (0.55 if age >= 18 else 0.1 if age == 17 else 0.0)
        max_km = max(15, min(50, app.mobility_km + rng.choice([0, 5, 10]) + (10 if has_car else 0)))
        trade = app.course.trade.slug
        skills = rng.sample(SKILLS.get(trade, COMMON_SKILLS), rng.randint(1, 3))
        skills += rng.sample(COMMON_SKILLS, rng.randint(0, 1))
        profile = CandidateProfile(person=person, has_car=has_car, max_km=max_km, skills=skills)
        # Filled in by the coordinator once the candidate was admitted.
        admitted = app.decided_at or dt.datetime.combine(today, dt.time(9), tzinfo=PARIS)
        profile.created_at = admitted + dt.timedelta(days=rng.randint(0, 3), hours=1)
        profiles.append(profile)
        if app.has_company or rng.random() < 0.15:
            continue
        # Offers they could take: starting within three months of their availability, near enough
        # (a little beyond their limit: a candidate may wish for more than they can reach).
        home = app.sought_postcode or person.postcode
        latest = start + dt.timedelta(days=WINDOW_DAYS)
        near = [
            (distance(home, o.postcode) + rng.uniform(0, 12), o)
            for o in by_course[app.course_id]
            if start <= o.start_date <= latest and distance(home, o.postcode) <= max_km + 15
        ]
        near.sort(key=lambda pair: pair[0])
        chosen = [o for _km, o in near[: rng.randint(1, 5)]]
        for rank, o in enumerate(chosen, start=1):
            preferences.append(CandidatePreference(person=person, offer=o, rank=rank))
            if rank <= 2 and rng.random() < 0.45:
                score = rng.choice([2, 3, 4, 4, 5, 5])
                rating = CompanyRating(offer=o, person=person, rating=score, comment=RATING_COMMENTS[score])
                met = today - dt.timedelta(days=rng.randint(1, 15))
                rating.created_at = dt.datetime.combine(met, dt.time(rng.randint(9, 17)), tzinfo=PARIS)
                ratings.append(rating)
    bulk_create_dated(CandidateProfile, profiles, fields=["created_at"])
    CandidatePreference.objects.bulk_create(preferences)
    bulk_create_dated(CompanyRating, ratings, fields=["created_at"])
    return len(profiles), len(preferences), len(ratings)


def load_matching_run(ctx: DemoContext) -> dict[str, int]:
    """One matching run over the demo's open offers and unplaced candidates, ready to look at:
    started by the demo coordinator and computed now, as a worker would in production."""
    from hall32.network.services.matching import matching_run_compute, matching_run_start

    run = matching_run_start(by=User.objects.get(username="coordination"))
    if run.status == run.Status.PENDING:
        run = matching_run_compute(job_id=run.job_id)
    return {"matching_runs": 1, "matching_assignments": run.assignments.count()}
