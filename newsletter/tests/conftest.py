import pytest
from django.test import override_settings

from newsletter.tests.smtp import running_sink


@pytest.fixture
def sink():
    """A real SMTP server the newsletter sends to (through EMAIL_HOST/EMAIL_PORT)."""
    with running_sink() as (server, port):
        with override_settings(
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=port,
            HAVEN_NEWSLETTER_RETRY_PAUSE=0.01,
            HAVEN_SITE_URL="https://haven.example",
            HAVEN_NEWSLETTER_FROM="Notes <notes@haven.example>",
            HAVEN_NEWSLETTER_BOUNCES="bounces@haven.example",
            HAVEN_NEWSLETTER_UNSUBSCRIBE_MAILBOX="unsubscribe@haven.example",
        ):
            yield server
