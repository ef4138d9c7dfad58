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
    course_with_rncp,  # offers
    courses_all,  # offers
    published_courses,
    tension_trades,
    trades_all,  # offers
)
from hall32.training.selectors.cohorts import current_learners, people_trained, students_in  # noqa: F401
