"""The French rules an apprenticeship contract must follow, as plain Python (no ORM).

Each check returns Problems naming the rule and its article of the Code du travail, so that
a refusal says exactly which rule was broken. Sources: Code du travail L6222-1 (age), L6222-7-1
(duration), L6222-12 (start of training), L6222-25 (minors' hours), D6222-26 (minimum pay),
L6223-6 (apprentices per tutor).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from hall32.core.dates import add_months, add_years, long_date

MIN_AGE = 15
MAX_AGE = 29  # 30 is the limit, save derogations (disability, business project, athletes)

# Minimum pay, as a share of the SMIC, by contract year and age bracket (D6222-26).
PAY_TABLE: dict[int, list[tuple[int, int, int]]] = {
    1: [(0, 17, 27), (18, 20, 43), (21, 25, 53), (26, 999, 100)],
    2: [(0, 17, 39), (18, 20, 51), (21, 25, 61), (26, 999, 100)],
    3: [(0, 17, 55), (18, 20, 67), (21, 25, 78), (26, 999, 100)],
}
# Gross monthly SMIC for 35 hours a week, from each date (update the table when it changes).
SMIC_MONTHLY: list[tuple[dt.date, Decimal]] = [
    (dt.date(2019, 1, 1), Decimal("1521.22")),
    (dt.date(2020, 1, 1), Decimal("1539.42")),
    (dt.date(2021, 1, 1), Decimal("1554.58")),
    (dt.date(2021, 10, 1), Decimal("1589.47")),
    (dt.date(2022, 5, 1), Decimal("1645.58")),
    (dt.date(2022, 8, 1), Decimal("1678.95")),
    (dt.date(2023, 1, 1), Decimal("1709.28")),
    (dt.date(2023, 5, 1), Decimal("1747.20")),
    (dt.date(2024, 1, 1), Decimal("1766.92")),
    (dt.date(2024, 11, 1), Decimal("1801.80")),
]


@dataclass(frozen=True)
class Problem:
    code: str
    field: str
    message: str


def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def pay_age_on(birth: dt.date, day: dt.date) -> int:
    """The age that sets the pay: a new bracket starts on the first day of the month after the
    birthday (D6222-26), i.e. the age on the last day of the previous month."""
    return age_on(birth, day.replace(day=1) - dt.timedelta(days=1))


def minimum_percent(*, birth: dt.date, contract_year: int, on: dt.date) -> int:
    age = pay_age_on(birth, on)
    for low, high, percent in PAY_TABLE[min(contract_year, 3)]:
        if low <= age <= high:
            return percent
    raise AssertionError("the table covers every age")


def contract_years(start: dt.date, end: dt.date) -> list[tuple[int, dt.date, dt.date]]:
    """(index, first day, last day) of each contract year, the last one cut at the contract's end."""
    years, index, first = [], 1, start
    while first <= end:
        last = min(add_years(first, 1) - dt.timedelta(days=1), end)
        years.append((index, first, last))
        index, first = index + 1, last + dt.timedelta(days=1)
    return years


def minimum_for_period(
    *, birth: dt.date, contract_year: int, start: dt.date, end: dt.date
) -> tuple[int, dt.date]:
    """The highest minimum that applies during a period (brackets change on the first of a month),
    and the date it applies from."""
    best, since = minimum_percent(birth=birth, contract_year=contract_year, on=start), start
    month = (start.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    while month <= end:
        value = minimum_percent(birth=birth, contract_year=contract_year, on=month)
        if value > best:
            best, since = value, month
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return best, since


def smic_on(day: dt.date) -> Decimal:
    value = SMIC_MONTHLY[0][1]
    for since, amount in SMIC_MONTHLY:
        if since <= day:
            value = amount
    return value


def monthly_pay(*, percent: Decimal, weekly_hours: Decimal, on: dt.date) -> Decimal:
    return (smic_on(on) * percent / Decimal(100) * weekly_hours / Decimal(35)).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class ContractFacts:
    birth: dt.date | None
    start: dt.date | None
    end: dt.date | None
    training_start: dt.date | None
    weekly_hours: Decimal
    pay: list[tuple[int, dt.date, dt.date, Decimal]]  # (year index, start, end, percent)
    tutor_births: list[dt.date | None]
    tutor_loads: list[int]  # other active contracts of each tutor
    derogation: bool = False


def check_contract(facts: ContractFacts) -> list[Problem]:
    """Every legal rule the contract breaks, each named (empty: the contract holds)."""
    problems: list[Problem] = []
    start, end, birth = facts.start, facts.end, facts.birth
    if start and end and end <= start:
        problems.append(
            Problem("dates", "end_date", _("La fin du contrat doit être postérieure à son début."))
        )
    if start and end and end > start:
        if end < add_months(start, 6) - dt.timedelta(days=1):
            problems.append(
                Problem(
                    "duration_min",
                    "end_date",
                    _("Un contrat d'apprentissage dure au moins 6 mois (art. L6222-7-1)."),
                )
            )
        if end > add_years(start, 3):
            problems.append(
                Problem(
                    "duration_max",
                    "end_date",
                    _("Un contrat d'apprentissage dure au plus 3 ans (art. L6222-7-1)."),
                )
            )
    if birth is None:
        problems.append(
            Problem("birth", "apprentice", _("La date de naissance de l'apprenti·e est nécessaire."))
        )
    elif start:
        age = age_on(birth, start)
        if age < MIN_AGE:
            problems.append(
                Problem(
                    "age_min",
                    "start_date",
                    _(
                        "L'apprenti·e doit avoir au moins %(min)s ans au début du contrat "
                        "(art. L6222-1) : %(age)s ans le %(day)s."
                    )
                    % {"min": MIN_AGE, "age": age, "day": long_date(start)},
                )
            )
        if age > MAX_AGE and not facts.derogation:
            problems.append(
                Problem(
                    "age_max",
                    "start_date",
                    _(
                        "L'apprenti·e doit avoir au plus %(max)s ans au début du contrat, sauf "
                        "dérogation (art. L6222-2) : %(age)s ans."
                    )
                    % {"max": MAX_AGE, "age": age},
                )
            )
        if age < 18 and facts.weekly_hours > 35:
            problems.append(
                Problem(
                    "minor_hours",
                    "weekly_hours",
                    _("Un·e apprenti·e mineur·e travaille au plus 35 heures par semaine (art. L6222-25)."),
                )
            )
    if start and facts.training_start and abs((facts.training_start - start).days) > 92:
        problems.append(
            Problem(
                "training_start",
                "training_start",
                _(
                    "La formation doit commencer au plus 3 mois avant ou après le début du "
                    "contrat (art. L6222-12)."
                ),
            )
        )
    if facts.weekly_hours > 48:
        problems.append(Problem("hours_max", "weekly_hours", _("La durée hebdomadaire dépasse 48 heures.")))
    if birth is not None:
        for index, first, last, percent in facts.pay:
            minimum, since = minimum_for_period(birth=birth, contract_year=index, start=first, end=last)
            if percent < minimum:
                problems.append(
                    Problem(
                        "pay_min",
                        f"pay_{index}",
                        _(
                            "Rémunération de l'année %(index)s (%(percent)s %% du SMIC) inférieure au "
                            "minimum légal de %(minimum)s %% applicable à partir du %(since)s "
                            "(âge %(age)s ans, art. D6222-26)."
                        )
                        % {
                            "index": index,
                            "percent": percent,
                            "minimum": minimum,
                            "since": long_date(since),
                            "age": pay_age_on(birth, since),
                        },
                    )
                )
    if not facts.tutor_births:
        problems.append(
            Problem("tutor_none", "tutors", _("Un contrat désigne un ou deux maîtres d'apprentissage."))
        )
    if len(facts.tutor_births) > 2:
        problems.append(
            Problem("tutor_many", "tutors", _("Un contrat désigne au plus deux maîtres d'apprentissage."))
        )
    for rank, tutor_birth in enumerate(facts.tutor_births, start=1):
        if tutor_birth is not None and start and age_on(tutor_birth, start) < 18:
            problems.append(
                Problem(
                    "tutor_age",
                    "tutors",
                    _("Le maître d'apprentissage n° %(rank)s doit être majeur.") % {"rank": rank},
                )
            )
    for rank, load in enumerate(facts.tutor_loads, start=1):
        if load >= 2:
            problems.append(
                Problem(
                    "tutor_load",
                    "tutors",
                    _(
                        "Le maître d'apprentissage n° %(rank)s suit déjà %(load)s apprentis : deux au "
                        "plus (art. R6223-6)."
                    )
                    % {"rank": rank, "load": load},
                )
            )
    return problems


TRIAL_COMPANY_DAYS = 45  # L6222-18


def trial_period_end(
    *, practical_start: dt.date, centre_days: Collection[dt.date], days: int = TRIAL_COMPANY_DAYS
) -> dt.date:
    """The last day of the trial period: the 45th day, consecutive or not, of practical training in
    the company (art. L6222-18), counting the working days (Monday to Friday) the apprentice is not
    at the centre. An estimate: public holidays, leave and absences would push it back."""
    day, counted = practical_start, 0
    while True:
        if day.weekday() < 5 and day not in centre_days:
            counted += 1
            if counted >= days:
                return day
        day += dt.timedelta(days=1)
