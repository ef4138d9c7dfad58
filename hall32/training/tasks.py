"""Background tasks of the training app: ids in, one service call, safe to run twice."""

from celery import shared_task


@shared_task(ignore_result=True)
def send_application_email(application_id: int, kind: str) -> None:
    from hall32.training.emails import application_email
    from hall32.training.models import Application

    application = Application.objects.select_related("applicant", "course").filter(pk=application_id).first()
    if application is not None:
        message = application_email(application, kind)
        if message is not None:
            message.send()


@shared_task(ignore_result=True)
def send_absence_alert(learner_id: int, cohort_id: int) -> None:
    from hall32.training.services.attendance import absence_alert_send

    absence_alert_send(learner_id=learner_id, cohort_id=cohort_id)


@shared_task(ignore_result=True)
def send_contract_alerts() -> int:
    from hall32.training.services.alerts import contract_alerts_send

    return contract_alerts_send()
