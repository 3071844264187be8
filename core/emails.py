"""Every email Haven sends: one function per kind, three templates each.

Subjects and sender names are discreet by default.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def _send(kind: str, to: str, context: dict) -> None:
    subject = render_to_string(f"emails/{kind}_subject.txt", context).strip()
    text = render_to_string(f"emails/{kind}.txt", context)
    html = render_to_string(f"emails/{kind}.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to])
    message.attach_alternative(html, "text/html")
    message.send()


def send_test_message(to: str) -> None:
    """Lets an operator check the whole mail path (worker, SMTP, outbox)."""
    _send("test_message", to, {})
