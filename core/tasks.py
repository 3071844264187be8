from django_tasks import task

from core import emails


@task()
def send_test_message(to: str) -> None:
    emails.send_test_message(to)
