"""Background tasks of the industry app: ids in, one service call, safe to run twice."""

from celery import shared_task

from hall32.core.jobs import job_task


@shared_task(ignore_result=True)
@job_task
def compute_schedule(job_id: int) -> None:
    from hall32.industry.services.scheduling import schedule_compute

    schedule_compute(job_id=job_id)


@shared_task(ignore_result=True)
@job_task
def run_simulation(job_id: int) -> None:
    from hall32.industry.services.lines import simulation_compute

    simulation_compute(job_id=job_id)


@shared_task(ignore_result=True)
def extend_maintenance() -> int:
    from hall32.industry.services.equipment import maintenance_extend

    return maintenance_extend()


@shared_task(ignore_result=True)
def send_booking_email(booking_id: int, kind: str, by_id: int | None) -> None:
    from hall32.core.models import User
    from hall32.industry.emails import booking_email
    from hall32.industry.models import Booking

    booking = (
        Booking.objects.select_related("equipment", "user__person", "project").filter(pk=booking_id).first()
    )
    if booking is None:
        return
    message = booking_email(booking, kind, by=User.objects.select_related("person").filter(pk=by_id).first())
    if message is not None:
        message.send()


@shared_task(ignore_result=True)
def send_quote_email(quote_id: int, kind: str) -> None:
    from hall32.industry.emails import quote_decided_email, quote_sent_email
    from hall32.industry.models import Quote

    quote = (
        Quote.objects.select_related(
            "project__contact", "project__lead__person", "project__client", "decided_by__person"
        )
        .filter(pk=quote_id)
        .first()
    )
    if quote is None:
        return
    message = quote_sent_email(quote) if kind == "sent" else quote_decided_email(quote)
    if message is not None:
        message.send()
