import threading

import pytest

from hall32.core.jobs import run_reporting


def test_progress_is_reported_on_the_calling_thread():
    caller = threading.get_ident()
    seen = []

    def work(note):
        for step in range(3):
            note(step, threading.get_ident())
            threading.Event().wait(0.05)
        return "done"

    result = run_reporting(
        work, lambda step, worker: seen.append((step, worker, threading.get_ident())), interval=0.01
    )

    assert result == "done"
    assert seen and all(reporter == caller and worker != caller for _s, worker, reporter in seen)


def test_an_error_in_the_work_is_raised_on_the_calling_thread():
    def work(note):
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        run_reporting(work, lambda *a: None)


@pytest.mark.django_db
def test_a_job_task_redelivered_after_its_job_finished_does_nothing():
    from hall32.core.jobs import job_task
    from hall32.core.models import Job

    job = Job.objects.create(kind="test")
    Job.objects.filter(pk=job.pk).update(status=Job.Status.SUCCEEDED)
    ran = []

    job_task(ran.append)(job.pk)

    assert ran == []


@pytest.mark.django_db
def test_a_job_task_that_breaks_marks_its_job_failed_and_raises():
    from hall32.core.jobs import job_task
    from hall32.core.models import Job

    job = Job.objects.create(kind="test")

    def compute(job_id):
        raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        job_task(compute)(job.pk)

    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and job.message == "Erreur inattendue (ZeroDivisionError)."
