"""Fill every private field of the circle with the canary, through its pages.

The words (server-sealed), two contacts (names and notes sealed with the
person's key, addresses server-sealed), one confirmed through the link in its
email and one still waiting, a check-in that is kept and one that is missed,
so an alert (its words server-sealed) is written and sent. Every step checks
it worked.
"""

import re
from datetime import timedelta

from django.core import mail
from django.test import Client
from django.utils import timezone

from tests.steps import get_ok, page_form, post_ok

INDEX = "/circle/"
LINK = re.compile(r"https?://[^/\s]+(/circle/for-you/[^/\s]+/)")


def address(canary: str, n: int) -> str:
    """An address made of the canary (any words: spaces and marks become dashes)."""
    return f"{re.sub(r'[^a-z0-9]+', '-', canary.lower())}.{n}@example.org"


def use_everything(client: Client, canary: str) -> None:
    words = page_form(get_ok(client, "/circle/words/"), with_field="checkin").filled(
        canary, text={"reminder_to": address(canary, 0)}, choose={"country": "GB"}
    )
    post_ok(client, "/circle/words/", words.data, then=INDEX, says="Your words are saved.")
    get_ok(client, "/circle/words/", says=[words.typed["checkin"], words.typed["duress"]])

    form = page_form(get_ok(client, "/circle/people/add/"), with_field="name")
    for n in (1, 2):
        filled = form.filled(canary, text={"email": address(canary, n), "phone": "+44 7700 900123"})
        post_ok(client, "/circle/people/add/", filled.data, then=INDEX, says=filled.typed["name"])
    # A kind error keeps what was typed.
    post_ok(
        client,
        "/circle/people/add/",
        dict(filled.data, email="not an address"),
        says=["an email address", filled.typed["name"], "not an address"],
    )

    confirm_first_invitation(client, canary)

    checkin = page_form(get_ok(client, "/circle/check-ins/add/"), with_field="kind")
    for kind in ("weekly", "once"):
        data = checkin.filled(canary, text={"at": "21:00", "days": "3"}, choose={"kind": kind})
        post_ok(
            client, "/circle/check-ins/add/", data.data, then=INDEX, says="Your check-in is set"
        )
    miss_the_deadline(client)


def run_waiting_jobs(minutes: int = 1) -> None:
    """What the worker's sweeper does a minute later (tests may hold back on-commit work)."""
    import time_machine

    from core import jobs

    with time_machine.travel(timezone.now() + timedelta(minutes=minutes), tick=False):
        jobs.sweep()


def confirm_first_invitation(client: Client, canary: str) -> None:
    run_waiting_jobs()
    sent = [m for m in mail.outbox if m.to == [address(canary, 1)]]
    assert sent, "the first contact was not asked to confirm"
    path = LINK.search(sent[-1].body).group(1)
    get_ok(Client(), path, says="Yes, I")
    post_ok(Client(), f"{path}yes/", then=path, says="You said yes")
    get_ok(client, INDEX, says="Confirmed")


def miss_the_deadline(client: Client) -> None:
    """The once check-in's deadline passes: its job writes and sends the alert."""
    import time_machine

    from circle.models import CheckIn
    from core import jobs

    due = CheckIn.objects.filter(kind="once").latest("created_at").due_at
    with time_machine.travel(due + timedelta(seconds=45), tick=False):
        jobs.sweep()
    get_ok(client, INDEX, says=["Missed check-in", "accepted by the mail server"])
