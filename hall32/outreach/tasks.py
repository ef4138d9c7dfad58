"""Background tasks of the outreach app: ids in, one service call, safe to run twice."""

from celery import shared_task

from hall32.core.jobs import job_task
from hall32.outreach.models import ClassBooking


@shared_task(ignore_result=True)
def send_booking_email(booking_id: int, kind: str) -> None:
    from hall32.outreach.emails import booking_email

    booking = ClassBooking.objects.select_related("event", "teacher", "school").filter(pk=booking_id).first()
    if booking is None or not booking.teacher.email:
        return
    booking_email(booking, kind).send()


@shared_task(ignore_result=True)
def send_visitor_email(registration_id: int) -> None:
    from hall32.outreach.emails import visitor_email
    from hall32.outreach.models import VisitorRegistration

    registration = (
        VisitorRegistration.objects.select_related("event", "person", "tour_slot")
        .filter(pk=registration_id, cancelled_at__isnull=True)
        .first()
    )
    if registration is None:
        return
    message = visitor_email(registration)
    if message is not None:
        message.send()


@shared_task(ignore_result=True)
@job_task
def compute_forum_plan(job_id: int) -> None:
    from hall32.outreach.services import forum_plan_compute

    forum_plan_compute(job_id=job_id)


@shared_task(ignore_result=True)
def send_reminders() -> int:
    from hall32.outreach.services import reminders_send

    return reminders_send()
