"""The newsletter's one private value is an address, sealed with the server key.

A member subscribes from inside Haven with an address made of the canary,
confirms it and changes their choices, all through real requests. The
address must then be nowhere in the clear (the canary test looks).
"""

import re

from django.core import mail
from django.test import TestCase

from tests.steps import get_ok, post_ok


def use_everything(client, canary: str) -> None:
    # Any canary becomes a valid address ("Sample words" -> Sample.words@example.org).
    address = re.sub(r"[^A-Za-z0-9]+", ".", canary).strip(".") + "@example.org"
    # The confirmation is queued when the sign-up commits: run it here too.
    with TestCase.captureOnCommitCallbacks(execute=True):
        post_ok(
            client,
            "/newsletter/?from=inside",
            {"address": address, "weekly": "on", "source": "inside"},
            then="/newsletter/check-your-inbox/",
            says="Check your inbox",
            step="subscribing to the notes from inside Haven",
        )
    sent = [m for m in mail.outbox if m.to == [address]]
    assert sent, "the confirmation email was not sent"
    confirm = re.search(r"https?://[^/\s]+(/newsletter/confirm/[^\s]+/)", sent[-1].body).group(1)
    confirmed = client.post(confirm)
    assert confirmed.status_code == 200 and "signed up" in confirmed.content.decode()
    manage = re.search(r'href="(/newsletter/manage/[^"]+/)"', confirmed.content.decode()).group(1)
    get_ok(client, manage, says="Your notes")
    post_ok(
        client,
        manage,
        {"weekly": "on", "daily": "on", "wording": "plain"},
        says="Saved",
        step="choosing plain wording",
    )
