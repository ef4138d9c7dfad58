from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "hall32.training"
    label = "training"
    verbose_name = _("Former : admissions, parcours, alternance")

    def ready(self) -> None:
        import hall32.training.rules  # noqa: F401  (registers the app's permissions)
        from hall32.core import audit
        from hall32.training import panels, personal_data
        from hall32.training.models import (
            Application,
            Attendance,
            Contract,
            ContractTutor,
            Enrolment,
            Evaluation,
            Interview,
            Outcome,
            ProgressNote,
            Referral,
        )
        from hall32.web import dashboard, navigation

        for model in (
            Enrolment,
            Application,
            Interview,
            Contract,
            ContractTutor,
            Evaluation,
            Attendance,
            Outcome,
            Referral,
            ProgressNote,
        ):
            audit.register(model)
        personal_data.register()

        nav = navigation.register
        nav("train", _("Candidater"), "training:apply", perm=None, order=5, icon="send")
        nav(
            "train",
            _("Mon parcours"),
            "training:my_path",
            perm="training.view_my_path",
            order=10,
            icon="signpost",
        )
        nav(
            "train",
            _("Mes enfants"),
            "training:my_children",
            perm="training.view_children",
            order=11,
            icon="people",
        )
        nav(
            "train",
            _("Mes apprenti·e·s"),
            "training:my_apprentices",
            perm="training.view_my_apprentices",
            order=12,
            icon="person-workspace",
        )
        nav(
            "train",
            _("Mes séances"),
            "training:my_sessions",
            perm="training.view_cohorts",
            order=15,
            icon="clipboard-check",
        )
        nav(
            "train",
            _("Admissions"),
            "training:pipeline",
            perm="training.view_applications",
            order=20,
            icon="person-plus",
        )
        nav(
            "train",
            _("Promotions"),
            "training:cohort_list",
            perm="training.view_cohorts",
            order=30,
            icon="people",
        )
        nav(
            "train",
            _("Contrats d'apprentissage"),
            "training:contract_list",
            perm="training.view_contracts",
            order=40,
            icon="file-earmark-text",
        )
        nav("train", _("Alertes"), "training:alerts", perm="training.view_alerts", order=45, icon="bell")
        nav(
            "train",
            _("Messages du hub"),
            "training:announcement_list",
            perm="training.manage_cohorts",
            order=46,
            icon="megaphone",
        )
        nav(
            "train",
            _("Devenir des sortants"),
            "training:outcome_list",
            perm="training.view_outcomes",
            order=50,
            icon="signpost-split",
        )
        nav(
            "train",
            _("Programmes d'insertion"),
            "training:programme_list",
            perm="training.view_programmes",
            order=60,
            icon="compass",
        )
        nav(
            "train",
            _("Mes orientations"),
            "training:referral_list",
            perm="training.view_my_referrals",
            order=70,
            icon="arrow-right-circle",
        )

        register = dashboard.register
        register(
            "training.coordinator",
            template="training/_panel_coordinator.html",
            context=panels.coordinator_panel,
            roles=["direction", "coordinator"],
            order=10,
        )
        register(
            "training.trainer",
            template="training/_panel_trainer.html",
            context=panels.trainer_panel,
            roles=["trainer"],
            order=10,
        )
        register(
            "training.messages",
            template="training/_panel_messages.html",
            context=panels.messages_panel,
            roles=["learner", "guardian", "company_tutor"],
            order=5,
            width="col-12",
        )
        register(
            "training.learner",
            template="training/_panel_learner_home.html",
            context=panels.learner_panel,
            roles=["learner"],
            order=10,
            width="col-12",
        )
        register(
            "training.guardian",
            template="training/_panel_children.html",
            context=panels.guardian_panel,
            roles=["guardian"],
            order=10,
            width="col-12",
        )
        register(
            "training.tutor",
            template="training/_panel_apprentices.html",
            context=panels.tutor_panel,
            roles=["company_tutor"],
            order=10,
            width="col-12",
        )
        register(
            "training.referrals",
            template="training/_panel_referrals.html",
            context=panels.referral_panel,
            roles=["referral_partner"],
            order=10,
            width="col-lg-8",
        )
