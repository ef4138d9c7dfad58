"""The outreach part of the demo hub, from 2019-20 to the coming months.

Published figures it reproduces: 80 forum classes from 2019-20 to 2022-23; in 2021-22 (the
Covid year) one forum of 8 classes from 8 schools, about 200 pupils; two open days in 2022.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Model
from django.utils.text import slugify

from hall32.core.models import Organisation, Person, Room, User
from hall32.core.schoolyear import SchoolYear
from hall32.demo.data import fictional_phone, random_day, slug
from hall32.demo.loader import DemoContext, bulk_link
from hall32.demo.network import partner_companies
from hall32.outreach import services
from hall32.outreach.models import (
    ApprenticeAvailability,
    ClassBooking,
    Event,
    EventKind,
    EventStaff,
    EventTally,
    ForumSlot,
    TourSlot,
    VisitorRegistration,
    Workshop,
    WorkshopPreference,
)
from hall32.training.models import Course, Enrolment, Trade

PARIS = ZoneInfo("Europe/Paris")

# Forum days per school year: (date, classes that came). The March 2020 forum was cancelled.
FORUMS = {
    2019: [("2019-11-21", 12), ("2020-02-06", 10)],
    2020: [("2021-06-10", 6)],
    2021: [("2022-03-17", 8)],
    2022: [("2022-11-17", 20), ("2023-03-16", 24)],
    2023: [("2023-11-16", 21), ("2024-03-14", 19)],
    2024: [("2024-11-21", 22), ("2025-03-20", 24)],
    2025: [("2025-11-20", 24), ("2026-03-19", 24)],
    2026: [("2026-11-19", 20), ("2027-03-18", 14)],
}
CANCELLED_FORUM = ("2020-03-19", 9)
OPEN_DAYS = {
    2019: ["2020-02-08"],
    2022: ["2022-10-15", "2022-12-03"],
    2023: ["2024-01-27", "2024-03-16"],
    2024: ["2025-01-25", "2025-03-15"],
    2025: ["2026-01-31", "2026-03-21"],
    2026: ["2027-01-30", "2027-03-20"],
}
INTERVENTIONS = {2019: 6, 2020: 3, 2021: 0, 2022: 8, 2023: 8, 2024: 9, 2025: 10, 2026: 5}
COMPANY_VISITS = {2022: 2, 2023: 3, 2024: 3, 2025: 3, 2026: 2}
FAIRS = [  # name, month, day, venue, city, postcode
    ("Salon Auversup", 1, 24, "Grande Halle d'Auvergne", "Cournon-d'Auvergne", "63800"),
    ("Mondial des Métiers", 2, 5, "Eurexpo", "Chassieu", "69680"),
    ("HandiSup Auvergne", 11, 28, "Maison de l'étudiant", "Clermont-Ferrand", "63000"),
    ("Salon ALTERN'UP", 4, 12, "Polydôme", "Clermont-Ferrand", "63100"),
    ("Ailes et Volcans", 6, 8, "Aéroport de Clermont-Ferrand Auvergne", "Aulnat", "63510"),
]
FAIR_YEARS = [2019, 2022, 2023, 2024, 2025, 2026]
WORKSHOPS = [  # name, trade slug, room
    ("Fabrication additive", "fabrication-additive", "Atelier fabrication additive"),
    ("Robotique", "robotique", "Atelier robotique"),
    ("Usinage", "usinage", "Atelier usinage"),
    ("Maintenance", "maintenance", "Atelier maintenance"),
    ("Électronique", "electronique", "Atelier électronique"),
    ("Bureau d'études", "bureau-etudes", "Bureau d'études"),
    ("Électrotechnique", "electrotechnique", "Atelier électrotechnique"),
    ("Chaudronnerie", "chaudronnerie", "Ligne modulaire"),
]
POPULARITY = [5, 5, 1, 1, 3, 1, 2, 1]
SLOTS = [
    ("09:00", "09:40", False),
    ("09:50", "10:30", False),
    ("10:40", "11:20", False),
    ("11:20", "12:40", True),
    ("12:40", "13:20", False),
    ("13:30", "14:10", False),
    ("14:20", "15:00", False),
]
TOUR_TIMES = ["09:30", "10:00", "10:30", "11:00", "11:30", "14:00", "14:30", "15:00", "15:30"]


def _at(day: str | dt.date, hhmm: str) -> dt.datetime:
    day = dt.date.fromisoformat(day) if isinstance(day, str) else day
    hour, minute = map(int, hhmm.split(":"))
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS)


def _time(hhmm: str) -> dt.time:
    hour, minute = map(int, hhmm.split(":"))
    return dt.time(hour, minute)


class Builder:
    def __init__(self, ctx: DemoContext) -> None:
        self.ctx = ctx
        self.rng: random.Random = ctx.rng("outreach")
        self.fake = ctx.faker("outreach")
        self.now = dt.datetime.combine(ctx.today, dt.time(12, 0), tzinfo=PARIS)
        self.colleges = list(
            Organisation.objects.filter(school_kind=Organisation.SchoolKind.COLLEGE).order_by("pk")
        )
        self.lycees = list(
            Organisation.objects.filter(
                school_kind__in=[Organisation.SchoolKind.LYCEE, Organisation.SchoolKind.LYCEE_PRO]
            ).order_by("pk")
        )
        self.companies = list(partner_companies())
        self.hall = Room.objects.get(name="Hall d'accueil")
        self.rooms = {r.name: r for r in Room.objects.all()}
        self.trades = {t.slug: t for t in Trade.objects.all()}
        self.courses = list(Course.objects.published().order_by("order"))
        self.teacher_user = User.objects.select_related("person").get(username="enseignant")
        self.teachers: dict[int, Person] = {}
        for person in Person.objects.filter(organisation__kind="school", job_title__startswith="Professeur"):
            self.teachers.setdefault(person.organisation_id, person)
        self.teachers[self.teacher_user.person.organisation_id] = self.teacher_user.person
        self.outreach_staff = list(
            Person.objects.filter(user__groups__name__in=["outreach_officer"]).order_by("pk")
        )
        self.slugs: set[str] = set()
        self.counts = {"événements": 0, "classes": 0, "visiteurs venus": 0}
        # Rows inserted in bulk (in the order they are made, so the primary keys do not change):
        # bookings before anything reads them back, staff and links at the end.
        self.bookings: list[ClassBooking] = []
        self.staff: list[EventStaff] = []
        self.links: list[tuple[Any, Model, list[Model]]] = []

    def flush_bookings(self) -> None:
        ClassBooking.objects.bulk_create(self.bookings)
        self.bookings = []

    def flush(self) -> None:
        self.flush_bookings()
        EventStaff.objects.bulk_create(self.staff)
        for relation in dict.fromkeys(relation for relation, _obj, _targets in self.links):
            bulk_link(relation, [(obj, targets) for r, obj, targets in self.links if r is relation])
        self.links = []

    def event(self, kind: str, title: str, start: dt.datetime, end: dt.datetime, **fields) -> Event:
        base = slugify(f"{title}-{start:%Y-%m-%d}")[:200]
        value, index = base, 2
        while value in self.slugs:
            value, index = f"{base}-{index}", index + 1
        self.slugs.add(value)
        fields.setdefault("status", Event.Status.PUBLISHED)
        event = Event.objects.create(kind=kind, title=title, slug=value, start=start, end=end, **fields)
        self.staff.extend(
            EventStaff(event=event, person=p)
            for p in self.rng.sample(self.outreach_staff, min(2, len(self.outreach_staff)))
        )
        self.counts["événements"] += 1
        return event

    def teacher(self, school: Organisation) -> Person:
        found = self.teachers.get(school.pk)
        if found is None:
            first, last = self.fake.first_name(), self.fake.last_name()
            found = Person.objects.create(
                first_name=first,
                last_name=last,
                organisation=school,
                job_title="Professeur·e principal·e de 3e",
                phone=fictional_phone(self.rng),
                email=f"{slug(first)}.{slug(last)}@{slug(school.name)[:24]}.example",
            )
            self.teachers[school.pk] = found
        return found

    def book(
        self,
        event: Event,
        school: Organisation,
        *,
        status=ClassBooking.Status.CONFIRMED,
        level="3e",
        pupils: int | None = None,
        arrival: str | None = None,
        departure: str | None = None,
    ) -> ClassBooking:
        pupils = pupils or self.rng.randint(21, 29)
        girls = sum(1 for _ in range(pupils) if self.rng.random() < 0.48)
        requested = event.start - dt.timedelta(days=self.rng.randint(12, 70), hours=self.rng.randint(0, 9))
        section = self.rng.choice("ABCDEF")
        teacher = self.teacher(school)
        booking = ClassBooking(
            event=event,
            school=school,
            teacher=teacher,
            level=level,
            booked_by=self.teacher_user if teacher == self.teacher_user.person else None,
            class_name=f"{level} {section}" if level != "other" else f"SEGPA {section}",
            pupils=pupils,
            girls=girls,
            boys=pupils - girls,
            status=status,
            requested_at=requested,
            confirmed_at=requested if status == ClassBooking.Status.CONFIRMED else None,
            cancelled_at=requested + dt.timedelta(days=5)
            if status == ClassBooking.Status.CANCELLED
            else None,
            arrival=_time(arrival) if arrival else None,
            departure=_time(departure) if departure else None,
        )
        self.bookings.append(booking)
        if status == ClassBooking.Status.CONFIRMED:
            self.counts["classes"] += 1
        return booking


def _forum(b: Builder, day: str, classes: int, *, year: int, planned: bool) -> Event:
    start, end = _at(day, "08:45"), _at(day, "15:15")
    upcoming = start > b.now
    event = b.event(
        EventKind.FORUM,
        "Forum des métiers de l'industrie",
        start,
        end,
        room=b.hall,
        venue="Hall 32",
        city="Clermont-Ferrand",
        postcode="63100",
        for_teachers=True,
        description="Une journée pour découvrir les métiers de l'industrie en ateliers, animés par les "
        "apprenti·e·s de Hall 32. Réservé aux classes de 3e (et SEGPA, ULIS).",
        capacity=None,
    )
    schools = b.rng.sample(b.colleges, min(classes, len(b.colleges)))
    if year == 2021:
        schools = b.rng.sample(b.colleges, 8)  # one class from each of 8 schools
    while len(schools) < classes:
        schools.append(b.rng.choice(b.colleges))
    if day == "2026-11-19" or day == "2027-03-18":
        own = b.teacher_user.person.organisation
        if own not in schools:
            schools[0] = own
    bookings = []
    for index, school in enumerate(schools):
        wave = index % 3  # morning, afternoon, all day
        arrival, departure = [("08:50", "11:30"), ("12:30", "15:10"), ("08:50", "15:10")][wave]
        bookings.append(
            b.book(
                event,
                school,
                pupils=b.rng.randint(23, 27) if year == 2021 else None,
                level="other" if b.rng.random() < 0.05 else "3e",
                arrival=arrival if planned else None,
                departure=departure if planned else None,
            )
        )
    pupils = sum(x.pupils for x in bookings)
    event.capacity = pupils + (8 if upcoming else b.rng.randint(20, 80))
    event.save(update_fields=["capacity"])
    if upcoming:  # full: two more classes wait for a place, from schools not already coming
        booked = {x.school_id for x in bookings}
        for school in b.rng.sample(b.colleges, 2):
            if school.pk in booked:  # swapped without a new draw, so the rest of the demo is unchanged
                school = next((c for c in b.colleges if c.pk not in booked), school)
            booked.add(school.pk)
            b.book(event, school, status=ClassBooking.Status.WAITLISTED)
    if year == 2022 and day == "2022-11-17":
        b.book(event, b.rng.choice(b.colleges), status=ClassBooking.Status.NO_SHOW)
    if planned:
        _workshops(b, event, bookings)
    return event


def _workshops(b: Builder, event: Event, bookings: list[ClassBooking]) -> None:
    day = event.start.date()
    b.flush_bookings()
    ForumSlot.objects.bulk_create(
        ForumSlot(event=event, start=_time(start), end=_time(end), is_break=is_break)
        for start, end, is_break in SLOTS
    )
    learners = list(
        Person.objects.filter(enrolments__in=Enrolment.objects.current_on(day)).distinct().order_by("pk")
    )
    by_trade: dict[str, list[Person]] = {}
    for enrolment in Enrolment.objects.current_on(day).select_related("cohort__course__trade", "person"):
        by_trade.setdefault(enrolment.cohort.course.trade.slug, []).append(enrolment.person)
    workshops, guides = [], []
    for name, trade_slug, room in WORKSHOPS:
        workshop = Workshop(
            event=event, name=name, trade=b.trades[trade_slug], capacity=60, room=b.rooms.get(room)
        )
        pool = sorted(by_trade.get(trade_slug, []), key=lambda p: p.pk) or learners
        guides.append((workshop, b.rng.sample(pool, min(3, len(pool)))))
        workshops.append(workshop)
    Workshop.objects.bulk_create(workshops)
    bulk_link(Workshop.apprentices, guides)
    preferences = []
    for booking in bookings:
        ranked: list[Workshop] = []
        while len(ranked) < 4:
            choice = b.rng.choices(workshops, POPULARITY)[0]
            if choice not in ranked:
                ranked.append(choice)
        preferences.extend(
            WorkshopPreference(booking=booking, workshop=w, rank=r) for r, w in enumerate(ranked, start=1)
        )
    WorkshopPreference.objects.bulk_create(preferences)
    services.forum_plan_solve(event=event, time_limit=5.0, by=None)


def _open_day(b: Builder, day: str) -> None:
    start, end = _at(day, "09:00"), _at(day, "17:00")
    upcoming = start > b.now
    event = b.event(
        EventKind.OPEN_DAY,
        "Journée portes ouvertes",
        start,
        end,
        room=b.hall,
        venue="Hall 32",
        city="Clermont-Ferrand",
        postcode="63100",
        capacity=400,
        for_parents=True,
        for_job_seekers=True,
        description="Visitez les ateliers guidé·e·s par nos apprenti·e·s, rencontrez les formateurs et "
        "les entreprises qui recrutent. Entretiens de motivation possibles sur place.",
    )
    slots = TourSlot.objects.bulk_create(
        TourSlot(event=event, start=_time(t), group_size=12, capacity=36) for t in TOUR_TIMES
    )
    count = b.rng.randint(14, 22) if upcoming else b.rng.randint(40, 62)
    people, registrations = [], []
    for _ in range(count):
        young = b.rng.random() < 0.55
        girl = b.rng.random() < 0.22
        first = (
            (b.fake.first_name_female() if girl else b.fake.first_name_male())
            if young
            else b.fake.first_name()
        )
        last = b.fake.last_name()
        people.append(
            Person(
                first_name=first,
                last_name=last,
                gender="F" if girl and young else "X",
                email=f"{slug(first)}.{slug(last)}{b.rng.randint(1, 999)}@famille.example",
                phone=fictional_phone(b.rng),
                consent_contact=b.rng.random() < 0.5,
            )
        )
        youngs = 1 if young or b.rng.random() < 0.9 else 2
        registrations.append(
            {
                "visitor_kind": VisitorRegistration.VisitorKind.YOUNG
                if young
                else VisitorRegistration.VisitorKind.PARENT,
                "young_people": youngs,
                "girls": min(youngs, 1) if girl else 0,
                "parents": b.rng.choice([0, 1, 1, 2]),
                "level": b.rng.choice(["3e", "3e", "2nde", "tle", "other"]),
                "course": b.rng.choice(b.courses),
                "tour_slot": b.rng.choice(slots),
                # Recorded at the desk on the day: nobody has come to a coming open day yet, and
                # about one registration in eight does not turn up. (No draw for coming days.)
                "attended": not upcoming and b.rng.random() < 0.88,
            }
        )
    Person.objects.bulk_create(people)
    VisitorRegistration.objects.bulk_create(
        VisitorRegistration(event=event, person=p, **r) for p, r in zip(people, registrations, strict=True)
    )
    b.counts["visiteurs venus"] += sum(
        r["young_people"] + r["parents"] for r in registrations if r["attended"]
    )
    learners = list(
        Person.objects.filter(enrolments__in=Enrolment.objects.current_on(start.date()))
        .distinct()
        .order_by("pk")
    )
    availabilities = []
    for guide in b.rng.sample(learners, min(10, len(learners))):
        availability = ApprenticeAvailability(
            event=event, apprentice=guide, max_tours=b.rng.choice([2, 3, 3, 4])
        )
        availabilities.append((availability, b.rng.sample(slots, b.rng.randint(3, 6))))
    ApprenticeAvailability.objects.bulk_create([a for a, _slots in availabilities])
    bulk_link(ApprenticeAvailability.tour_slots, availabilities)
    services.tour_rota_compute(event=event)


def _fair(
    b: Builder, year: int, name: str, month: int, dayno: int, venue: str, city: str, postcode: str
) -> None:
    calendar_year = year if month >= 9 else year + 1
    day = dt.date(calendar_year, month, dayno)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    start, end = _at(day, "09:00"), _at(day, "17:00")
    event = b.event(
        EventKind.TRADE_FAIR,
        name,
        start,
        end,
        venue=venue,
        city=city,
        postcode=postcode,
        for_parents=True,
        for_teachers=True,
        registration_open=False,
        description="Retrouvez l'équipe et les apprenti·e·s de Hall 32 sur notre stand.",
    )
    if start < b.now:
        pupils = b.rng.randint(120, 380)
        tally = EventTally.objects.create(
            event=event,
            pupils=pupils,
            girls=int(pupils * b.rng.uniform(0.32, 0.46)),
            parents=b.rng.randint(30, 120),
            teachers=b.rng.randint(4, 18),
            classes=b.rng.randint(0, 6),
        )
        b.links.append((EventTally.schools, tally, b.rng.sample(b.lycees + b.colleges, b.rng.randint(4, 12))))


def load(ctx: DemoContext) -> dict[str, int]:
    b = Builder(ctx)
    current = SchoolYear.of(ctx.today).start_year
    for year in range(2019, current + 1):
        for day, classes in FORUMS.get(year, []):
            planned = day in {"2026-11-19", "2027-03-18"}
            _forum(b, day, classes, year=year, planned=planned)
        if year == 2019:
            start = _at(CANCELLED_FORUM[0], "08:45")
            event = b.event(
                EventKind.FORUM,
                "Forum des métiers de l'industrie",
                start,
                _at(CANCELLED_FORUM[0], "15:15"),
                room=b.hall,
                venue="Hall 32",
                city="Clermont-Ferrand",
                postcode="63100",
                status=Event.Status.CANCELLED,
                capacity=260,
                description="Annulé : confinement lié à la Covid-19.",
            )
            for school in b.rng.sample(b.colleges, CANCELLED_FORUM[1]):
                b.book(event, school, status=ClassBooking.Status.CANCELLED)
            b.event(
                EventKind.INDUSTRY_WEEK,
                "Semaine de l'Industrie : usines ouvertes",
                _at("2020-03-16", "09:00"),
                _at("2020-03-20", "17:00"),
                status=Event.Status.CANCELLED,
                city="Clermont-Ferrand",
                description="Annulée : confinement lié à la Covid-19.",
            )
        for day in OPEN_DAYS.get(year, []):
            _open_day(b, day)
        sy = SchoolYear(year)
        for index in range(INTERVENTIONS.get(year, 0)):
            school = b.rng.choice(b.colleges + b.lycees)
            day = random_day(b.rng, dt.date(year, 10, 1), dt.date(year + 1, 5, 31))
            while day.weekday() >= 5:
                day += dt.timedelta(days=1)
            if year == current and index >= INTERVENTIONS[year] - 2:
                day = ctx.today + dt.timedelta(days=14 + 21 * index)
                while day.weekday() >= 5:
                    day += dt.timedelta(days=1)
            start = _at(day, b.rng.choice(["09:00", "10:00", "14:00"]))
            event = b.event(
                EventKind.SCHOOL_INTERVENTION,
                f"Intervention métiers de l'industrie – {school.name}",
                start,
                start + dt.timedelta(hours=2),
                host=school,
                city=school.city,
                postcode=school.postcode,
                is_public=False,
                capacity=60,
                description="Présentation des métiers et des formations en classe, avec deux apprenti·e·s.",
            )
            level = "3e" if school.school_kind == Organisation.SchoolKind.COLLEGE else "2nde"
            for _ in range(b.rng.choice([1, 1, 2])):
                b.book(event, school, level=level)
        for _index in range(COMPANY_VISITS.get(year, 0)):
            company = b.rng.choice(b.companies)
            day = random_day(b.rng, max(sy.start, dt.date(year, 10, 1)), dt.date(year + 1, 5, 31))
            if year == current:
                day = ctx.today + dt.timedelta(days=b.rng.randint(20, 120))
            while day.weekday() >= 5:
                day += dt.timedelta(days=1)
            start = _at(day, "09:30")
            event = b.event(
                EventKind.COMPANY_VISIT,
                f"Visite d'entreprise – {company.name}",
                start,
                start + dt.timedelta(hours=3),
                host=company,
                city=company.city,
                postcode=company.postcode,
                capacity=30,
                description="Une classe découvre un atelier de production, guidée par un "
                "apprenti de Hall 32 qui y travaille.",
            )
            if start < b.now:
                b.book(event, b.rng.choice(b.colleges), pupils=b.rng.randint(20, 28))
        if year in FAIR_YEARS:
            for fair in FAIRS if year != 2019 else FAIRS[:2]:
                _fair(b, year, *fair)
        if year >= 2022:
            day = dt.date(year + 1, 3, 17)
            start = _at(day - dt.timedelta(days=day.weekday()), "09:00")
            event = b.event(
                EventKind.INDUSTRY_WEEK,
                "Semaine de l'Industrie : usines ouvertes",
                start,
                start + dt.timedelta(days=4, hours=8),
                city="Clermont-Ferrand",
                registration_open=False,
                description="Des classes visitent les entreprises partenaires, accompagnées par nos "
                "apprenti·e·s.",
            )
            if start < b.now:
                pupils = b.rng.randint(70, 140)
                tally = EventTally.objects.create(
                    event=event,
                    pupils=pupils,
                    girls=int(pupils * 0.45),
                    classes=pupils // 24,
                    teachers=pupils // 24,
                )
                b.links.append((EventTally.schools, tally, b.rng.sample(b.colleges, pupils // 24)))
    b.flush()
    return b.counts
