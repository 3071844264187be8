"""The counter's part of the demo member's space, and of every new decoy space.

`seed`: low contact for a child's handovers, one slip noted kindly, two short
lists and one urge ridden out, so the card, the counter and the flow show
something.

`seed_decoy`: the same tool counting something ordinary under a name of its
own ("Early nights"), so the home page reads as a habit tracker: no contact
log, no lists, nothing about a person.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from nocontact import actions


def _ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def seed(user, box) -> None:
    actions.save_counter(
        user,
        box,
        {
            "mode": "low",
            "start": _ago(40),
            "allowed": ["app"],
            "allowed_note": "Only about Mia's pick-ups and school.",
        },
    )
    actions.log_contact(
        user,
        box,
        {
            "on": _ago(19),
            "who": "them",
            "how": "message",
            "felt": "pulled",
            "note": "A late message saying they missed me. I answered. I felt awful after.",
        },
    )
    actions.log_contact(
        user,
        box,
        {"on": _ago(6), "who": "them", "how": "app", "felt": "calm", "note": "Handover times."},
    )
    actions.save_lists(
        user,
        box,
        ["Sunday mornings", "Being known by someone"],
        ["Checking my phone before I spoke", "Walking on eggshells at dinner"],
    )
    actions.log_urge(
        user, box, {"before": "8", "after": "4", "helped": ["breathe", "call"], "note": ""}
    )


def seed_decoy(user, box) -> None:
    actions.save_counter(user, box, {"mode": "none", "start": _ago(23), "name": _("Early nights")})
