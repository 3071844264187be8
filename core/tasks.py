from django_tasks import task

from core import emails, jobs


@task()
def send_test_message(to: str) -> None:
    emails.send_test_message(to)


@task()
def run_once_job(job_id: str) -> str:
    """Try to run one exactly-once job (see core/jobs.py); safe to run twice."""
    return jobs.run(job_id)
