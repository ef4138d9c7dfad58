"""Background tasks of the industry app: ids in, one service call, safe to run twice."""

from celery import shared_task

from hall32.core.models import Job


def _done(job_id: int) -> bool:
    return Job.objects.filter(pk=job_id, status__in=[Job.Status.SUCCEEDED, Job.Status.FAILED]).exists()


@shared_task(ignore_result=True)
def compute_schedule(job_id: int) -> None:
    from hall32.core.services import job_finish
    from hall32.industry.services.scheduling import schedule_compute

    if _done(job_id):
        return  # a redelivered task
    try:
        schedule_compute(job_id=job_id)
    except Exception as error:
        job_finish(job_id=job_id, error=f"Erreur inattendue ({type(error).__name__}).")
        raise


@shared_task(ignore_result=True)
def run_simulation(job_id: int) -> None:
    from hall32.core.services import job_finish
    from hall32.industry.services.lines import simulation_compute

    if _done(job_id):
        return
    try:
        simulation_compute(job_id=job_id)
    except Exception as error:
        job_finish(job_id=job_id, error=f"Erreur inattendue ({type(error).__name__}).")
        raise


@shared_task(ignore_result=True)
def extend_maintenance() -> int:
    from hall32.industry.services.equipment import maintenance_extend

    return maintenance_extend()
