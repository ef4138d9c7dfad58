"""Demo contracts: every apprentice's contract with a partner company of the time, one or two
tutors from the company's staff (two apprentices each at most), pay at the legal minimum or above."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from hall32.core.models import Organisation, Person
from hall32.demo.data import fictional_phone, random_day, slug
from hall32.demo.loader import DemoContext
from hall32.demo.network import partner_companies, partner_spans
from hall32.training import law
from hall32.training.models import Contract, ContractPayPeriod, ContractTutor, Enrolment

TUTOR_JOBS = [
    "Technicien·ne de maintenance",
    "Chef d'équipe maintenance",
    "Régleur·se CN",
    "Responsable d'atelier",
    "Dessinateur·rice-projeteur·se",
    "Automaticien·ne",
    "Électricien·ne industriel·le",
    "Technicien·ne méthodes",
]


def load(ctx: DemoContext) -> dict[str, int]:
    rng = ctx.rng("training.contracts")
    fake = ctx.faker("training.contracts")
    today = ctx.today
    opco = Organisation.objects.get(name="OPCO AKTO")
    companies = list(partner_companies())
    spans = partner_spans()
    staff: dict[int, list[Person]] = defaultdict(list)
    for person in Person.objects.filter(organisation__in=companies).order_by("pk"):
        staff[person.organisation_id].append(person)
    # Every apprentice's path through a course: first and last enrolment.
    paths: dict[tuple[int, int], list[Enrolment]] = defaultdict(list)
    for e in (
        Enrolment.objects.initial()
        .filter(status=Enrolment.Status.APPRENTICE)
        .select_related("cohort__course", "person")
        .order_by("person_id", "cohort__school_year")
    ):
        paths[(e.person_id, e.cohort.course_id)].append(e)
    lucas = Person.objects.get(user__username="apprenant")
    karim = Person.objects.select_related("organisation").get(user__username="tuteur")
    loads: dict[tuple[int, int], int] = defaultdict(int)  # (tutor, school year) -> apprentices
    contracts, tutors, periods = [], [], []
    current_year = max(p[-1].cohort.school_year for p in paths.values())
    without_contract = 0
    for _key, enrolments in sorted(paths.items()):
        first, last = enrolments[0], enrolments[-1]
        person, course = first.person, first.cohort.course
        start = first.cohort.start_date
        stages = course.duration_months // 12
        planned_end = dt.date(first.cohort.school_year + stages - first.cohort.stage + 1, 6, 30)
        if person.pk == lucas.pk:
            employer = karim.organisation
        else:
            # Two second-year apprentices this year lost their employer in June and have not found one.
            if (
                last.cohort.school_year == current_year
                and last.cohort.stage == 2
                and without_contract < 2
                and rng.random() < 0.1
            ):
                without_contract += 1
                continue
            choices = [
                c
                for c in companies
                if spans[c.pk][0] <= start and (spans[c.pk][1] is None or spans[c.pk][1] >= start)
            ]
            employer = rng.choice(choices or companies)
        left_early = last.end_date is not None and last.end_date < last.cohort.end_date
        ended = planned_end < today
        status = (
            Contract.Status.BROKEN
            if left_early
            else Contract.Status.ENDED
            if ended
            else Contract.Status.SIGNED
        )
        contract = Contract(
            reference=f"A{start:%Y}-{len(contracts) + 1:05d}",
            status=status,
            apprentice=person,
            enrolment=first,
            course=course,
            employer=employer,
            opco=opco,
            naf_code=rng.choice(["2562B", "2812Z", "3312Z", "2651B", "2229A"]),
            workforce=rng.randint(8, 900) if employer.size_band != "large_group" else rng.randint(1200, 9000),
            idcc_code="3248",
            retirement_fund="AG2R La Mondiale",
            birth_commune=person.city or "Clermont-Ferrand",
            birth_department="63",
            prior_situation=Contract.PriorSituation.SCHOOL,
            last_class="3e" if course.level == "bac_pro" else "Terminale",
            highest_diploma=Contract.DiplomaLevel.NONE
            if course.level == "bac_pro"
            else Contract.DiplomaLevel.BAC,
            signed_on=start - dt.timedelta(days=rng.randint(5, 40)),
            start_date=start,
            practical_start=start,
            end_date=planned_end,
            weekly_hours=Decimal("35"),
            rhythm=course.rhythm,
            training_start=start,
            exam_end=dt.date(planned_end.year, 6, 20),
            training_hours=course.training_hours or 1350,
            broken_on=last.end_date if left_early else None,
            break_reason="Rupture d'un commun accord" if left_early else "",
        )
        contracts.append(contract)
        # Tutors: the demo tutor for Lucas; otherwise one (sometimes two) of the company's staff.
        year = first.cohort.school_year
        if person.pk == lucas.pk:
            chosen = [karim]
        else:
            pool = [p for p in staff[employer.pk] if loads[(p.pk, year)] < 2 and p.pk != karim.pk]
            if not pool:
                first_name, last_name = fake.first_name(), fake.last_name()
                new = Person.objects.create(
                    first_name=first_name,
                    last_name=last_name,
                    organisation=employer,
                    job_title=rng.choice(TUTOR_JOBS),
                    phone=fictional_phone(rng),
                    email=f"{slug(first_name)}.{slug(last_name)}@{slug(employer.name)[:24]}.example",
                    birth_date=random_day(rng, dt.date(1966, 1, 1), dt.date(1994, 12, 31)),
                )
                staff[employer.pk].append(new)
                pool = [new]
            chosen = [rng.choice(pool)]
            if rng.random() < 0.15 and len(pool) > 1:
                chosen.append(rng.choice([p for p in pool if p != chosen[0]]))
        for rank, tutor in enumerate(chosen, start=1):
            for y in range(year, year + stages):
                loads[(tutor.pk, y)] += 1
            tutors.append(
                (
                    contract,
                    ContractTutor(
                        person=tutor,
                        order=rank,
                        job_title=tutor.job_title or rng.choice(TUTOR_JOBS),
                        years_experience=rng.randint(3, 25),
                    ),
                )
            )
        for index, a, b in law.contract_years(start, planned_end):
            minimum = law.minimum_for_period(birth=person.birth_date, contract_year=index, start=a, end=b)[0]
            bonus = rng.choice([0, 0, 0, 5, 10])
            periods.append(
                (
                    contract,
                    ContractPayPeriod(
                        year_index=index, start=a, end=b, percent=Decimal(min(100, minimum + bonus))
                    ),
                )
            )
    Contract.objects.bulk_create(contracts)
    for contract, tutor in tutors:
        tutor.contract = contract
    ContractTutor.objects.bulk_create([t for _c, t in tutors])
    for contract, period in periods:
        period.contract = contract
    ContractPayPeriod.objects.bulk_create([p for _c, p in periods])
    return {"contrats": len(contracts), "maîtres d'apprentissage": len({t.person_id for _c, t in tutors})}
