"""Tasks of the network app."""

# contacts
from celery import shared_task


@shared_task(ignore_result=True)
def send_task_reminders() -> int:
    """Daily (Celery beat, 07:00 Paris time): e-mail owners the follow-up tasks coming due."""
    from hall32.network.services.contacts import task_reminders_send

    return task_reminders_send()


# contacts end
