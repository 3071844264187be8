"""The two notes sent one at a time: the confirmation, and "you're already subscribed".

Both go through Django's mail backend (the laptop outbox, or the relay), from
the neutral sender, with neutral subjects: someone may see the inbox.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from newsletter import links


def _send(kind: str, to: str, context: dict) -> None:
    subject = render_to_string(f"newsletter/emails/{kind}_subject.txt", context).strip()
    text = render_to_string(f"newsletter/emails/{kind}.txt", context)
    html = render_to_string(f"newsletter/emails/{kind}.html", context)
    message = EmailMultiAlternatives(subject, text, settings.HAVEN_NEWSLETTER_FROM, [to])
    message.attach_alternative(html, "text/html")
    message.send()


def send_confirmation(to: str, subscriber) -> None:
    _send("confirm", to, {"confirm_url": links.confirm_url(subscriber)})


def send_already_subscribed(to: str, subscriber) -> None:
    _send(
        "already",
        to,
        {
            "manage_url": links.manage_url(subscriber.id),
            "unsubscribe_url": links.unsubscribe_url(subscriber.id),
        },
    )
