"""Tasks of the network app: ids in, one service call, safe to run twice."""

from celery import shared_task

from hall32.core.jobs import job_task

# contacts


@shared_task(ignore_result=True)
def send_task_reminders() -> int:
    """Daily (Celery beat, 07:00 Paris time): e-mail owners the follow-up tasks coming due."""
    from hall32.network.services.contacts import task_reminders_send

    return task_reminders_send()


# contacts end

# matching


@shared_task(ignore_result=True)
@job_task
def compute_matching_run(job_id: int) -> None:
    from hall32.network.services.matching import matching_run_compute, matching_run_fail

    try:
        matching_run_compute(job_id=job_id)
    except Exception:
        matching_run_fail(job_id=job_id)
        raise


@shared_task(ignore_result=True)
def send_introduction_emails(introduction_id: int, status: str) -> None:
    """The e-mails of one step of an introduction; a step since overtaken sends nothing."""
    from hall32.network.emails import introduction_emails
    from hall32.network.models import Introduction

    introduction = (
        Introduction.objects.select_related("person", "offer__company", "offer__tutor")
        .filter(pk=introduction_id, status=status)
        .first()
    )
    if introduction is None:
        return
    for message in introduction_emails(introduction):
        message.send()
