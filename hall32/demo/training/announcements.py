"""Messages from the hub on the demo homes: one to everyone, one to the parents of the demo
learner's cohort, one to the company tutors."""

from __future__ import annotations

import datetime as dt

from hall32.core.dates import long_date
from hall32.core.models import User
from hall32.demo.loader import DemoContext
from hall32.training.models import Announcement, Enrolment


def load(ctx: DemoContext) -> dict[str, int]:
    today = ctx.today
    author = User.objects.filter(username="coordination").first()
    lucas = Enrolment.objects.filter(person__user__username="apprenant").order_by("-start_date").first()
    meeting = today + dt.timedelta(days=(3 - today.weekday()) % 7 + 7)  # Thursday next week
    messages = [
        Announcement(
            title="Vos absences et votre emploi du temps sur la page d'accueil",
            body=(
                "Apprenant·e·s, parents et tuteur·rice·s : la page d'accueil montre désormais les "
                "prochaines séances, les périodes au centre et en entreprise, et les absences à justifier."
            ),
            audience=Announcement.Audience.EVERYONE,
            published_on=today - dt.timedelta(days=2),
            expires_on=today + dt.timedelta(days=28),
            created_by=author,
        ),
        Announcement(
            title="Réunion parents-formateurs",
            body=(
                f"Le {long_date(meeting, weekday=True, year=False)} à 18 h, salle polyvalente : bilan du trimestre "
                "avec l'équipe pédagogique, puis échanges individuels."
            ),
            audience=Announcement.Audience.GUARDIANS,
            cohort=lucas.cohort if lucas else None,
            published_on=today - dt.timedelta(days=1),
            expires_on=meeting,
            created_by=author,
        ),
        Announcement(
            title="Visites de suivi en entreprise",
            body=(
                "Les formateur·rice·s référent·e·s vous appelleront dans les prochaines semaines pour "
                "convenir de la visite de suivi de votre apprenti·e."
            ),
            audience=Announcement.Audience.TUTORS,
            published_on=today,
            created_by=author,
        ),
    ]
    Announcement.objects.bulk_create(messages)
    return {"messages du hub": len(messages)}
