"""Reads of the training app, one module per part; the catalogue and learner reads other apps
use are re-exported here."""

from hall32.training.selectors import (  # noqa: F401
    admissions,
    attendance,
    cohorts,
    contracts,
    homes,
    outcomes,
    paths,
    programmes,
)
from hall32.training.selectors.catalogue import (  # noqa: F401
    catalogue_trades,
    course_by_slug,
    course_levels,
    published_courses,
    tension_trades,
)
from hall32.training.selectors.cohorts import current_learners, people_trained, students_in  # noqa: F401
