"""The training part of the demo hub, loaded in this order (each part once):

- catalogue: trades and courses; frameworks: competency blocks, rubric, attendance codes, programmes;
- learners: cohorts and learners (117 students in 2019-20, 197 in 2022-23);
- contracts, timetable (sessions, attendance, evaluations), outcomes (54% continuing, 2019-2023);
- admissions (this year's and last year's campaigns); programmes (8 dropouts in 2021, 12 in the
  spring 2022 remobilisation with 7 offers, 50 in progress); continuing: short courses such that
  680 people were trained from 2019-20 to 2022-23; announcements: messages on the demo homes.
"""

from hall32.demo.training import (
    admissions,
    announcements,
    contracts,
    frameworks,
    learners,
    outcomes,
    programmes,
    timetable,
)

PARTS = [
    ("training.catalogue", learners.load_catalogue, 10),
    ("training.frameworks", frameworks.load, 12),
    ("training.learners", learners.load_learners, 20),
    ("training.contracts", contracts.load, 40),
    ("training.timetable", timetable.load, 50),
    ("training.outcomes", outcomes.load, 60),
    ("training.admissions", admissions.load, 70),
    ("training.programmes", programmes.load, 80),
    ("training.continuing", programmes.load_continuing, 90),
    ("training.announcements", announcements.load, 95),
]
