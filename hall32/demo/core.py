"""The core part of the demo hub: sites, founders, partner companies, schools, agencies, people,
and one account per role. Other apps find what they need here by natural keys (usernames, names).

Partner companies follow the hub's published figures: 17 during 2019-20 and 75 during 2022-23.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib.auth.models import Group

from hall32.core.models import Guardianship, Organisation, Person, Room, Site, User
from hall32.core.roles import Role
from hall32.core.schoolyear import SchoolYear
from hall32.demo.data import (
    AGENCIES,
    CHURN,
    COMPANY_PLACES,
    COMPANY_PREFIXES,
    COMPANY_WORDS,
    CONTACT_TITLES,
    DEMO_ACCOUNTS,
    FOUNDERS,
    LARGE_GROUPS,
    NEAR,
    NON_PARTNER_COMPANIES,
    PARTNER_TARGETS,
    PLACES,
    ROOMS,
    SCHOOL_PATRONS,
    SECTOR_WEIGHTS,
    STAFF,
    STREETS,
    Namer,
    address,
    fictional_phone,
    random_day,
    siret,
    slug,
    uai,
)
from hall32.demo.loader import FIRST_YEAR, DemoContext
from hall32.demo.network import partnership
from hall32.network.models import Partnership


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
    # Each partner's first and last day (None: still a partner), by name: the network part's
    # Partnership rows, made once the organisations have their keys.
    spans: dict[str, tuple[date, date | None]] = {}
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
            org = company(name, size, sector, postcode, city, is_founder=True)
        else:
            org = Organisation(
                name=name,
                kind=kind,
                sector=sector,
                postcode=postcode,
                city=city,
                is_founder=True,
                website=f"https://www.{slug(name)}.example",
            )
        orgs.append(org)
        spans[name] = (opening, None)
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
            leavers = [o for o in active if not o.is_founder and spans[o.name][0] < date(year, 1, 1)]
            for org in rng.sample(leavers, CHURN[year]):
                spans[org.name] = (spans[org.name][0], random_day(rng, date(year, 1, 10), date(year, 8, 20)))
                active.remove(org)
        last_day = min(sy.end, ctx.today) if year == current.start_year else date(year + 1, 6, 30)
        for index in range(PARTNER_TARGETS[year] - len(active)):
            if year == 2022 and index < 2:
                org = large.pop()  # two fictional large groups joined as partners in 2022-23
            else:
                postcode, city = rng.choice(PLACES)
                org = company(company_name(), size(), sector(), postcode, city)
            spans[org.name] = (opening if year == FIRST_YEAR else random_day(rng, sy.start, last_day), None)
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
            )
        )
        spans[name] = (random_day(rng, opening, date(2021, 6, 30)), None)

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
    Partnership.objects.bulk_create(
        # In the organisations' order, as the rows were first made from them.
        partnership(saved[name], start=start, end=end, today=ctx.today)
        for name, (start, end) in sorted(spans.items(), key=lambda item: saved[item[0]].pk)
    )

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
            count = rng.randint(2, 4) if org.name in spans else 1
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
                if o.kind == "company" and not o.is_founder and spans.get(o.name) == (opening, None)
            )
        elif role == Role.CLIENT:
            org = next(
                o
                for o in saved.values()
                if o.kind == "company"
                and o.size_band == "sme"
                and o.name in spans
                and spans[o.name][0].year == 2020
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
