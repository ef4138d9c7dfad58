"""A learner's path: the course's competencies, their latest evaluations, progress."""

from __future__ import annotations

from dataclasses import dataclass, field

from hall32.core.models import Person
from hall32.training.models import Competency, CompetencyBlock, Course, Evaluation


@dataclass
class CompetencyState:
    competency: Competency
    by_trainer: Evaluation | None = None
    by_tutor: Evaluation | None = None

    @property
    def latest(self) -> Evaluation | None:
        found = [e for e in (self.by_trainer, self.by_tutor) if e is not None]
        return max(found, key=lambda e: (e.evaluated_on, e.pk)) if found else None

    @property
    def acquired(self) -> bool:
        latest = self.latest
        return latest is not None and latest.level >= Evaluation.Level.ACQUIRED


@dataclass
class BlockState:
    block: CompetencyBlock
    competencies: list[CompetencyState] = field(default_factory=list)

    @property
    def progress(self) -> float:
        return (
            sum(c.acquired for c in self.competencies) / len(self.competencies) if self.competencies else 0.0
        )


@dataclass
class Path:
    learner: Person
    course: Course
    blocks: list[BlockState]

    @property
    def total(self) -> int:
        return sum(len(b.competencies) for b in self.blocks)

    @property
    def acquired(self) -> int:
        return sum(c.acquired for b in self.blocks for c in b.competencies)

    @property
    def progress(self) -> float:
        return self.acquired / self.total if self.total else 0.0


def learner_path(*, learner: Person, course: Course) -> Path:
    """Three queries, whatever the size of the framework."""
    blocks = list(course.blocks.prefetch_related("competencies"))
    latest: dict[tuple[int, str], Evaluation] = {}
    for evaluation in (
        Evaluation.objects.filter(learner=learner, competency__block__course=course)
        .select_related("evaluator")
        .order_by("evaluated_on", "pk")
    ):
        latest[(evaluation.competency_id, evaluation.evaluator_role)] = evaluation
    states = []
    for block in blocks:
        state = BlockState(block)
        for competency in block.competencies.all():
            state.competencies.append(
                CompetencyState(
                    competency,
                    latest.get((competency.pk, Evaluation.By.TRAINER)),
                    latest.get((competency.pk, Evaluation.By.TUTOR)),
                )
            )
        states.append(state)
    return Path(learner, course, states)


def courses_of(*, learner: Person) -> list[Course]:
    """The courses a learner followed, the latest first."""
    seen: dict[int, Course] = {}
    for enrolment in learner.enrolments.select_related("cohort__course").order_by("-cohort__school_year"):
        seen.setdefault(enrolment.cohort.course_id, enrolment.cohort.course)
    return list(seen.values())
