from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "hall32.training"
    label = "training"
    verbose_name = _("Former : admissions, parcours, alternance")

    def ready(self) -> None:
        from hall32.core import audit, demo
        from hall32.training import demo as training_demo
        from hall32.training.models import Enrolment

        audit.register(Enrolment)
        demo.register("training.catalogue", training_demo.load_catalogue, order=10)
        demo.register("training.learners", training_demo.load_learners, order=20)
