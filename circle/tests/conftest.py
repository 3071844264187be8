import pytest
from aiosmtpd.controller import Controller
from django.test import override_settings

from circle.tests.sink import Sink, free_port


@pytest.fixture
def smtp_sink():
    """Mail goes over a real SMTP conversation to a local server."""
    sink = Sink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
    ):
        yield sink
    controller.stop()
