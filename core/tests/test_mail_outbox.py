"""Mail takes the real path: the task, an SMTP conversation, the outbox on disk."""

import socket

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.test import Client, override_settings

from core import emails, outbox, tasks


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_outbox(tmp_path):
    port = free_port()
    controller = Controller(outbox.OutboxHandler(tmp_path), hostname="127.0.0.1", port=port)
    controller.start()
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        HAVEN_OUTBOX_DIR=tmp_path,
    ):
        yield tmp_path
    controller.stop()


def test_a_message_crosses_a_real_smtp_conversation_into_the_outbox(smtp_outbox):
    emails.send_test_message("someone@example.org")
    letters = outbox.letters(smtp_outbox)
    assert len(letters) == 1
    assert letters[0].subject == "A test note"
    assert "mail is working" in letters[0].text
    assert "mail is working" in letters[0].html
    assert letters[0].to == "someone@example.org"


def test_the_sender_name_is_discreet():
    emails.send_test_message("someone@example.org")
    assert mail.outbox[0].from_email.startswith("Notes")
    assert "Haven" not in mail.outbox[0].subject


@pytest.mark.django_db
def test_operators_read_the_outbox_in_the_browser(smtp_outbox, operator):
    client = Client()
    client.force_login(operator)
    client.post("/operator/outbox/test/")  # the task runs inline in tests
    listing = client.get("/operator/outbox/").content.decode()
    assert "A test note" in listing
    name = outbox.letters(smtp_outbox)[0].name
    detail = client.get(f"/operator/outbox/{name}/").content.decode()
    assert "mail is working" in detail
    assert client.get("/operator/outbox/..%2Fsecrets.json/").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_the_worker_sends_queued_mail_from_the_database(smtp_outbox):
    """The database backend, as the laptop run and production use it."""
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    ):
        result = tasks.send_test_message.enqueue("queued@example.org")
        assert DBTaskResult.objects.filter(id=result.id).exists()
        assert outbox.letters(smtp_outbox) == []
        call_command("db_worker", batch=True, interval=0)
        assert [letter.to for letter in outbox.letters(smtp_outbox)] == ["queued@example.org"]
