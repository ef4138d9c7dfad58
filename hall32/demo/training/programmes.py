"""Demo targeted programmes and continuing education.

Programmes: 8 youths in the autumn 2021 dropout session; the spring 2022 remobilisation session of
12, where 7 received job offers; a remobilisation session of 50 in progress; other sessions each
year. Continuing education (titre professionnel, short courses) fills the published total of 680
people trained from 2019-20 to 2022-23.
"""

from __future__ import annotations

import datetime as dt
import random

from hall32.core.models import Organisation, Person, User
from hall32.core.schoolyear import SchoolYear, school_years
from hall32.demo.data import NEAR, fictional_phone, random_day, slug
from hall32.demo.loader import FIRST_YEAR, DemoContext, bulk_link
from hall32.demo.network import partner_companies
from hall32.training import selectors
from hall32.training.models import (
    Cohort,
    Course,
    Enrolment,
    Programme,
    ProgrammeModule,
    ProgrammeSession,
    ProgressNote,
    Referral,
    ReferralStatus,
)

PUBLISHED_TRAINED = 680
PUBLISHED_YEARS = (2019, 2022)
# (programme kind, name, start, weeks, participants, offers or jobs)
SESSIONS = [
    (Programme.Kind.DROPOUT, "Rebond – automne 2021", "2021-10-04", 12, 8, 5),
    (Programme.Kind.REMOBILISATION, "Cap Industrie – printemps 2022", "2022-04-04", 10, 12, 7),
    (Programme.Kind.REFUGEES, "Passerelle Industrie – 2022", "2022-09-19", 14, 10, 6),
    (Programme.Kind.DROPOUT, "Rebond – automne 2023", "2023-10-02", 12, 9, 6),
    (Programme.Kind.REMOBILISATION, "Cap Industrie – printemps 2024", "2024-03-18", 10, 14, 8),
    (Programme.Kind.REFUGEES, "Passerelle Industrie – 2024", "2024-09-16", 14, 11, 7),
    (Programme.Kind.REMOBILISATION, "Cap Industrie – printemps 2025", "2025-03-17", 10, 15, 9),
    (Programme.Kind.DROPOUT, "Rebond – automne 2025", "2025-10-06", 12, 10, 6),
    (Programme.Kind.REMOBILISATION, "Cap Industrie – promotion de 50", "2026-10-05", 10, 50, 0),
    (Programme.Kind.DROPOUT, "Rebond – automne 2026", "2026-10-05", 12, 9, 0),
]
MODULES = {
    Programme.Kind.REMOBILISATION: [
        ("Coaching individuel", "coaching", 20),
        ("Préparation physique", "physical", 30),
        ("Gestes techniques en atelier", "know_how", 120),
        ("Savoir-être", "soft_skills", 40),
        ("Entretiens avec les entreprises", "workplace", 30),
    ],
    Programme.Kind.DROPOUT: [
        ("Ateliers de découverte des métiers", "know_how", 150),
        ("Remise à niveau", "soft_skills", 60),
        ("Stage en entreprise", "workplace", 140),
        ("Coaching", "coaching", 20),
    ],
    Programme.Kind.REFUGEES: [
        ("Français professionnel", "language", 140),
        ("Gestes techniques", "know_how", 160),
        ("Immersion chez un employeur partenaire", "workplace", 140),
    ],
}
AGENCY = {
    Programme.Kind.DROPOUT: ["mission_locale", "mlds", "cio"],
    Programme.Kind.REMOBILISATION: ["france_travail"],
    Programme.Kind.REFUGEES: ["other"],
}
NOTES = [
    "Bonne implication en atelier, ponctuel.",
    "Difficultés de mobilité : solution de covoiturage trouvée.",
    "A découvert l'usinage et veut s'orienter vers ce métier.",
    "Entretien blanc réussi, gagne en assurance.",
    "Absent deux jours (rendez-vous administratifs), a rattrapé.",
    "Stage en entreprise très positif.",
]


def _person(rng: random.Random, fake, *, age_low: int, age_high: int, on: dt.date) -> Person:
    girl = rng.random() < 0.3
    first = fake.first_name_female() if girl else fake.first_name_male()
    last = fake.last_name()
    born = random_day(
        rng, dt.date(on.year - age_high - 1, on.month, 1), dt.date(on.year - age_low, on.month, 1)
    )
    postcode, city = rng.choice(NEAR)
    return Person(
        first_name=first,
        last_name=last,
        gender="F" if girl else "M",
        birth_date=born,
        email=f"{slug(first)}.{slug(last)}{rng.randint(1, 999)}@exemple.example",
        phone=fictional_phone(rng),
        postcode=postcode,
        city=city,
    )


def load(ctx: DemoContext) -> dict[str, int]:
    rng = ctx.rng("training.programmes")
    fake = ctx.faker("training.programmes")
    today = ctx.today
    programmes = {p.kind: p for p in Programme.objects.all()}
    agencies: dict[str, list[Organisation]] = {}
    for org in Organisation.objects.filter(kind=Organisation.Kind.AGENCY):
        agencies.setdefault(org.agency_kind, []).append(org)
    counsellors: dict[int, list[Person]] = {}
    for person in Person.objects.filter(organisation__kind=Organisation.Kind.AGENCY).order_by("pk"):
        counsellors.setdefault(person.organisation_id, []).append(person)
    aurelie = Person.objects.get(user__username="prescripteur")
    aurelie_user = User.objects.get(username="prescripteur")
    coach = Person.objects.filter(job_title__icontains="coach").first()
    coordinator = User.objects.get(username="coordination")
    employers = list(partner_companies())
    referrals = 0
    # Built in memory in the order they used to be created one by one (same primary keys), then
    # inserted in bulk at the end.
    sessions: list[ProgrammeSession] = []
    modules: list[ProgrammeModule] = []
    partners: list[tuple[ProgrammeSession, list[Organisation]]] = []
    people: list[Person] = []
    referrals_made: list[Referral] = []
    notes: list[ProgressNote] = []
    for kind, name, start_text, weeks, size, offers in SESSIONS:
        programme = programmes[kind]
        start = dt.date.fromisoformat(start_text)
        if start > today + dt.timedelta(days=30):
            continue
        end = start + dt.timedelta(weeks=weeks) - dt.timedelta(days=3)
        session = ProgrammeSession(
            programme=programme, name=name, start=start, end=end, capacity=max(size, 12), coach=coach
        )
        sessions.append(session)
        modules.extend(
            ProgrammeModule(session=session, title=t, kind=k, hours=h) for t, k, h in MODULES[kind]
        )
        if kind == Programme.Kind.REFUGEES:
            partners.append((session, rng.sample(employers, 4)))
        finished = end < today
        low, high = (16, 25) if kind == Programme.Kind.DROPOUT else (19, 58)
        outcomes = [Referral.Outcome.JOB_OFFER] * offers + [
            rng.choice([Referral.Outcome.TRAINING, Referral.Outcome.NONE]) for _ in range(size - offers)
        ]
        rng.shuffle(outcomes)
        for index in range(size):
            agency = rng.choice([a for k in AGENCY[kind] for a in agencies.get(k, [])])
            referred_on = start - dt.timedelta(days=rng.randint(10, 45))
            person = _person(rng, fake, age_low=low, age_high=high, on=referred_on)
            people.append(person)
            by_aurelie = (
                kind == Programme.Kind.DROPOUT and agency.agency_kind == "mission_locale" and index % 3 == 0
            )
            if by_aurelie:
                agency = aurelie.organisation
            dropped = finished and rng.random() < 0.08 and outcomes[index] != Referral.Outcome.JOB_OFFER
            referral = Referral(
                person=person,
                programme=programme,
                session=session,
                referred_by=agency,
                referrer=aurelie if by_aurelie else rng.choice(counsellors.get(agency.pk, [None])),
                created_by=aurelie_user if by_aurelie else None,
                referred_on=referred_on,
                reason="Jeune sans diplôme, motivé par un métier manuel."
                if kind == Programme.Kind.DROPOUT
                else "Demandeur d'emploi depuis plus de deux ans, souhaite revenir vers l'industrie."
                if kind == Programme.Kind.REMOBILISATION
                else "Statut de réfugié, expérience en mécanique dans son pays.",
                status=ReferralStatus.DROPPED
                if dropped
                else ReferralStatus.COMPLETED
                if finished
                else ReferralStatus.IN_PROGRESS,
                intake_on=start,
            )
            referrals_made.append(referral)
            if finished and not dropped:
                outcome = outcomes[index]
                referral.outcome = outcome
                referral.outcome_on = end + dt.timedelta(days=rng.randint(0, 30))
                referral.outcome_detail = {
                    "job_offer": "Offre en CDD de 6 mois puis CDI",
                    "training": "Entrée en titre professionnel",
                    "none": "Accompagnement poursuivi par la structure",
                }.get(outcome, "")
                referral.employer = rng.choice(employers) if outcome == Referral.Outcome.JOB_OFFER else None
            weeks_done = min(weeks, max(0, (min(today, end) - start).days // 7))
            notes.extend(
                ProgressNote(
                    referral=referral,
                    week=w,
                    written_on=start + dt.timedelta(weeks=w - 1, days=4),
                    note=rng.choice(NOTES),
                    author=coordinator,
                )
                for w in range(1, weeks_done + 1)
                if rng.random() < 0.6
            )
            referrals += 1
    # Aurélie has just referred someone to the next session (not yet received).
    people.append(_person(rng, fake, age_low=17, age_high=22, on=today))
    referral = Referral(
        person=people[-1],
        programme=programmes[Programme.Kind.DROPOUT],
        referred_by=aurelie.organisation,
        referrer=aurelie,
        created_by=aurelie_user,
        referred_on=today - dt.timedelta(days=2),
        reason="A quitté le lycée en novembre ; intéressé par la robotique.",
    )
    referrals_made.append(referral)
    ProgrammeSession.objects.bulk_create(sessions)
    ProgrammeModule.objects.bulk_create(modules)
    bulk_link(ProgrammeSession.employer_partners, partners)
    Person.objects.bulk_create(people)
    Referral.objects.bulk_create(referrals_made)
    ProgressNote.objects.bulk_create(notes)
    return {"sessions": len(sessions), "orientations": referrals + 1}


def load_continuing(ctx: DemoContext) -> dict[str, int]:
    """Sessions of the titre professionnel and short courses, every year; in the published window
    their size makes the hub's total reach 680 people trained."""
    rng = ctx.rng("training.continuing")
    fake = ctx.faker("training.continuing")
    current = SchoolYear.of(ctx.today).start_year
    courses = {c.code: c for c in Course.objects.exclude(level__in=[Course.Level.BAC_PRO, Course.Level.BTS])}
    plan: list[tuple[Course, int, dt.date, int]] = []  # (course, school year, start, trainees)
    for year in range(FIRST_YEAR, current + 1):
        if year >= 2020:
            plan.append((courses["TP-TMI"], year, dt.date(year, 10, 5), rng.randint(10, 13)))
        for month in [11, 2, 5] if year >= 2020 else [2]:
            start_year = year if month >= 9 else year + 1
            plan.append((courses["FC-FA"], year, dt.date(start_year, month, 8), rng.randint(7, 10)))
        for month in [12, 4] if year >= 2021 else []:
            start_year = year if month >= 9 else year + 1
            plan.append((courses["FC-ROB"], year, dt.date(start_year, month, 15), rng.randint(6, 9)))
    plan = [p for p in plan if p[2] <= ctx.today + dt.timedelta(days=40)]
    window = school_years(*PUBLISHED_YEARS)
    already = selectors.people_trained(years=window)
    in_window = [i for i, p in enumerate(plan) if PUBLISHED_YEARS[0] <= p[1] <= PUBLISHED_YEARS[1]]
    planned = sum(plan[i][3] for i in in_window)
    gap = PUBLISHED_TRAINED - already - planned
    # Spread the difference over the window's sessions (never below 4 trainees a session).
    index = 0
    while gap != 0 and in_window:
        course, year, start, size = plan[in_window[index % len(in_window)]]
        step = 1 if gap > 0 else -1
        if size + step >= 4:
            plan[in_window[index % len(in_window)]] = (course, year, start, size + step)
            gap -= step
        index += 1
    trainees = 0
    cohorts: list[Cohort] = []
    people: list[Person] = []
    enrolments: list[Enrolment] = []
    for number, (course, year, start, size) in enumerate(plan, start=1):
        end = start + dt.timedelta(days=course.duration_months * 30 if course.duration_months > 1 else 5)
        cohort = Cohort(
            course=course,
            school_year=year,
            stage=1,
            code=f"{course.code}-{year}-{number:02d}",
            start_date=start,
            end_date=end,
            rhythm_weeks_school=1,
            rhythm_weeks_company=0,
        )
        cohorts.append(cohort)
        trainees_here = [_person(rng, fake, age_low=20, age_high=55, on=start) for _ in range(size)]
        people += trainees_here
        enrolments.extend(
            Enrolment(
                cohort=cohort,
                person=p,
                status=Enrolment.Status.TRAINEE,
                start_date=start,
                end_date=end if end < ctx.today else None,
            )
            for p in trainees_here
        )
        trainees += size
    Cohort.objects.bulk_create(cohorts)
    Person.objects.bulk_create(people)
    Enrolment.objects.bulk_create(enrolments)
    return {
        "sessions": len(plan),
        "stagiaires": trainees,
        "personnes formées 2019-2023": selectors.people_trained(years=window),
    }
