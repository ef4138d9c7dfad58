"""Demo admissions: last year's campaign (decided; most admitted now under contract) and this
year's, in progress at every stage of the pipeline, with scored interviews."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from hall32.core.models import Guardianship, Person, User
from hall32.core.schoolyear import SchoolYear
from hall32.demo.data import NEAR, fictional_phone, random_day, slug
from hall32.demo.loader import DemoContext, bulk_create_dated
from hall32.training.models import (
    Application,
    ApplicationStatus,
    ApplicationStep,
    Course,
    Enrolment,
    Interview,
    InterviewScore,
    Rubric,
)
from hall32.training.services.admissions import rubric_score

PARIS = ZoneInfo("Europe/Paris")
MOTIVATIONS = [
    "Depuis petit, je démonte tout ce qui me tombe sous la main pour comprendre comment ça marche. J'ai fait mon "
    "stage de 3e dans un garage et j'ai adoré réparer.",
    "Je veux un métier concret où je vois le résultat de mon travail. Au forum des métiers, l'atelier robotique "
    "m'a donné envie.",
    "J'aime le dessin et l'informatique ; concevoir des pièces en 3D et les imprimer, c'est ce que je veux faire.",
    "Mon père est électricien, je l'aide le week-end. Je voudrais aller plus loin, vers l'industrie.",
    "Après une seconde générale qui ne me convenait pas, je veux apprendre un métier en étant payé et en entreprise.",
    "J'ai travaillé en intérim sur une ligne de production ; je veux devenir technicien de maintenance.",
]
PATH = [
    ApplicationStatus.RECEIVED,
    ApplicationStatus.INFO_MEETING,
    ApplicationStatus.INTERVIEW,
    ApplicationStatus.IMMERSION,
]
# This year's campaign: how many applications stand at each stage today. Admitted early on their
# motivation, most are still looking for an employer (the network's matching places them).
CURRENT = {
    ApplicationStatus.RECEIVED: 12,
    ApplicationStatus.INFO_MEETING: 9,
    ApplicationStatus.INTERVIEW: 8,
    ApplicationStatus.IMMERSION: 5,
    ApplicationStatus.ADMITTED: 24,
    ApplicationStatus.REJECTED: 3,
    ApplicationStatus.WITHDRAWN: 2,
}


def load(ctx: DemoContext) -> dict[str, int]:
    rng = ctx.rng("training.admissions")
    fake = ctx.faker("training.admissions")
    current = SchoolYear.of(ctx.today).start_year
    coordinator = User.objects.get(username="coordination")
    rubric = Rubric.objects.prefetch_related("criteria").get()
    criteria = list(rubric.criteria.all())
    courses = list(Course.objects.initial().order_by("order"))
    count = 0
    # Built in memory in the order they used to be created one by one (same primary keys), then
    # inserted in bulk at the end.
    people: list[Person] = []
    guardianships: list[Guardianship] = []
    applications: list[Application] = []
    steps_made: list[ApplicationStep] = []
    interviews: list[tuple[Interview, list[InterviewScore]]] = []

    def stamp(day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(rng.randint(9, 17), rng.randint(0, 59)), tzinfo=PARIS)

    def application(
        person: Person, course: Course, year: int, status: str, received: dt.date, has_company: bool
    ) -> Application:
        nonlocal count
        count += 1
        created = Application(
            reference=f"C{year}-{count:04d}",
            applicant=person,
            course=course,
            school_year=year,
            status=status,
            motivation=rng.choice(MOTIVATIONS),
            heard_from=rng.choice(Application.HeardFrom.values),
            situation=Application.Situation.COLLEGE
            if course.level == "bac_pro"
            else Application.Situation.BAC,
            last_school="Collège" if course.level == "bac_pro" else "Lycée",
            has_company=has_company,
            company_name=fake.company() if has_company else "",
            sought_trade=course.trade,
            sought_postcode=person.postcode,
            mobility_km=rng.choice([10, 15, 25, 30, 40]),
            desired_start=dt.date(year, 9, 1),
            school_grades=rng.choice(
                [
                    "",
                    "",
                    "Moyenne générale 11,5 ; maths 9 ; technologie 15",
                    "Bulletins du 1er trimestre joints",
                ]
            ),
        )
        created.created_at = stamp(received)
        applications.append(created)
        steps = [ApplicationStatus.RECEIVED]
        if status in PATH:
            steps = PATH[: PATH.index(status) + 1]
        elif status in {
            ApplicationStatus.ADMITTED,
            ApplicationStatus.REJECTED,
            ApplicationStatus.CONTRACT_SIGNED,
        }:
            steps = [*PATH, ApplicationStatus.ADMITTED if status != ApplicationStatus.REJECTED else status]
            if status == ApplicationStatus.CONTRACT_SIGNED:
                steps.append(status)
        elif status == ApplicationStatus.WITHDRAWN:
            steps = [*PATH[: rng.randint(1, 3)], status]
        day = received
        previous = ""
        for step in steps:
            made = ApplicationStep(
                application=created,
                from_status=previous,
                to_status=step,
                by=None if step == ApplicationStatus.RECEIVED else coordinator,
            )
            made.at = stamp(day)
            steps_made.append(made)
            if step == ApplicationStatus.IMMERSION or (
                step == ApplicationStatus.INTERVIEW and status == step and rng.random() < 0.5
            ):
                values = {c.pk: rng.choices([1, 2, 3, 4], [1, 3, 5, 3])[0] for c in criteria}
                interview = Interview(
                    application=created,
                    rubric=rubric,
                    interviewer=coordinator,
                    held_on=day,
                    notes="Entretien chaleureux, projet à préciser.",
                    score=rubric_score([(c.weight, values[c.pk]) for c in criteria]),
                )
                scores = [InterviewScore(criterion=c, value=values[c.pk]) for c in criteria]
                interviews.append((interview, scores))
            previous = step
            day = min(ctx.today, day + dt.timedelta(days=rng.randint(7, 25)))
        if status in {
            ApplicationStatus.ADMITTED,
            ApplicationStatus.CONTRACT_SIGNED,
            ApplicationStatus.REJECTED,
        }:
            reasons = (
                "Motivation solide et curiosité technique remarquées en entretien ; très bonne journée "
                "d'immersion en atelier."
                if status != ApplicationStatus.REJECTED
                else "Le projet professionnel reste à construire : nous conseillons une période de découverte "
                "en entreprise et une nouvelle candidature."
            )
            created.decision_reasons, created.decided_by = reasons, coordinator
            created.decided_at = stamp(day)
        return created

    def new_applicant(course: Course, year: int) -> Person:
        girl = rng.random() < 0.2
        first = fake.first_name_female() if girl else fake.first_name_male()
        last = fake.last_name()
        age = 15 if course.level == "bac_pro" else 18
        born = random_day(rng, dt.date(year - age - 1, 1, 1), dt.date(year - age, 8, 31))
        postcode, city = rng.choice(NEAR)
        person = Person(
            first_name=first,
            last_name=last,
            gender="F" if girl else "M",
            birth_date=born,
            email=f"{slug(first)}.{slug(last)}{rng.randint(1, 99)}@candidat.example",
            phone=fictional_phone(rng),
            postcode=postcode,
            city=city,
            consent_contact=True,
        )
        people.append(person)
        if person.age is not None and person.age < 18:
            parent_first = fake.first_name_female()
            parent = Person(
                first_name=parent_first,
                last_name=last,
                gender="F",
                email=f"{slug(parent_first)}.{slug(last)}@famille.example",
                phone=fictional_phone(rng),
            )
            people.append(parent)
            guardianships.append(
                Guardianship(child=person, guardian=parent, relationship=Guardianship.Relationship.MOTHER)
            )
        return person

    # Last year's campaign: this year's first-year learners applied, were admitted and signed.
    entrants = Enrolment.objects.filter(
        cohort__school_year=current, cohort__stage=1, cohort__course__in=courses
    ).select_related("person", "cohort__course")
    for enrolment in entrants:
        received = random_day(rng, dt.date(current, 1, 10), dt.date(current, 5, 31))
        application(
            enrolment.person,
            enrolment.cohort.course,
            current,
            ApplicationStatus.CONTRACT_SIGNED,
            received,
            has_company=rng.random() < 0.4,
        )
    for status, n in [
        (ApplicationStatus.REJECTED, 9),
        (ApplicationStatus.WITHDRAWN, 11),
        (ApplicationStatus.ADMITTED, 4),
    ]:
        for _ in range(n):
            course = rng.choice(courses)
            application(
                new_applicant(course, current),
                course,
                current,
                status,
                random_day(rng, dt.date(current, 1, 10), dt.date(current, 6, 15)),
                has_company=False,
            )
    # This year's campaign, opened in September.
    for status, n in CURRENT.items():
        for _ in range(n):
            course = rng.choice(courses)
            received = random_day(
                rng,
                dt.date(current, 9, 15),
                ctx.today - dt.timedelta(days=3 + 10 * PATH.index(status) if status in PATH else 40),
            )
            application(
                new_applicant(course, current + 1),
                course,
                current + 1,
                status,
                received,
                has_company=status == ApplicationStatus.ADMITTED and rng.random() < 0.25,
            )
    Person.objects.bulk_create(people)
    Guardianship.objects.bulk_create(guardianships)
    # created_at and at are auto_now_add (stamped now on insert): the demo backdates them.
    bulk_create_dated(Application, applications, fields=["created_at"])
    bulk_create_dated(ApplicationStep, steps_made, fields=["at"])
    Interview.objects.bulk_create([i for i, _scores in interviews])
    for interview, scores in interviews:
        for score in scores:
            score.interview = interview
    InterviewScore.objects.bulk_create([score for _i, scores in interviews for score in scores])
    return {"candidatures": count}
