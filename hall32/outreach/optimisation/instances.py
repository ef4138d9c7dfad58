"""Realistic forum-day instances from a seed, for the benchmark and the tests."""

from __future__ import annotations

import random

from hall32.outreach.optimisation.forum import Apprentice, ClassGroup, ForumProblem, Slot, Workshop

WORKSHOP_NAMES = [
    ("Fabrication additive", False),
    ("Robotique", False),
    ("Usinage", True),
    ("Maintenance", True),
    ("Électronique", False),
    ("Bureau d'études", True),
    ("Électrotechnique", False),
    ("Chaudronnerie", True),
]


# How often pupils rank each workshop: the tension trades are the least asked for.
POPULARITY = {
    "Fabrication additive": 5,
    "Robotique": 5,
    "Usinage": 1,
    "Maintenance": 1,
    "Électronique": 3,
    "Bureau d'études": 1,
    "Électrotechnique": 2,
    "Chaudronnerie": 1,
}


def forum_instance(
    n_classes: int, *, seed: int = 32, n_workshops: int = 8, n_slots: int = 6, slack: float = 1.25
) -> ForumProblem:
    """A forum day: 40-minute slots from 9:00 with a break after the third, classes arriving by bus
    in waves and leaving before the end, ranking 4 workshops; capacities sized to the busiest slot
    with `slack`; two apprentices per workshop, some of whom also run a second one."""
    rng = random.Random(f"forum:{seed}:{n_classes}")
    slots = []
    start = 9 * 60
    for index in range(n_slots):
        slots.append(Slot(index + 1, start, start + 40, f"{start // 60}h{start % 60:02d}"))
        start += 50 if index != 2 else 80  # ten-minute changes, a break after the third slot
    classes = []
    for index in range(n_classes):
        pupils = rng.randint(18, 29)
        first = rng.choice([0, 0, 0, 1, 2])
        last = rng.choice([n_slots - 1, n_slots - 1, n_slots - 2, n_slots - 3])
        last = max(last, first + 2)
        names = list(range(1, n_workshops + 1))
        weights = [POPULARITY[WORKSHOP_NAMES[i % 8][0]] for i in range(n_workshops)]
        preferences: list[int] = []
        while len(preferences) < 4:
            choice = rng.choices(names, weights)[0]
            if choice not in preferences:
                preferences.append(choice)
        classes.append(
            ClassGroup(
                index + 1,
                f"Classe {index + 1}",
                pupils,
                slots[first].start - 10,
                slots[last].end + 5,
                tuple(preferences),
            )
        )
    busiest = max(
        sum(c.pupils for c in classes if c.arrival <= s.start and s.end <= c.departure) for s in slots
    )
    capacity = max(30, int(busiest * slack / n_workshops) + 1)
    apprentices = []
    workshops = []
    for w in range(1, n_workshops + 1):
        own = [2 * w - 1, 2 * w]
        shared = [2 * (w % n_workshops) + 1] if w % 3 == 0 else []
        workshops.append(
            Workshop(
                w,
                WORKSHOP_NAMES[(w - 1) % 8][0],
                capacity,
                WORKSHOP_NAMES[(w - 1) % 8][1],
                tuple(own + shared),
            )
        )
    for a in range(1, 2 * n_workshops + 1):
        available = None if a % 5 else frozenset(s.id for s in slots[: n_slots // 2 + 1])
        apprentices.append(Apprentice(a, f"Apprenti·e {a}", available))
    return ForumProblem(slots, workshops, classes, apprentices)
