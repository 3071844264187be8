"""The records room's part of the demo member's space, and of every decoy space.

`seed` gives the laptop demo a few entries that show what a useful log looks
like: dated, facts apart from feelings, a witness, a reference number, one
quick entry still to complete, and one entry edited once.

`seed_decoy` gives a decoy space the same tool holding an ordinary home
upkeep log: nothing in it hints at anyone, at harm or at help.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from records import chain


def _day(days_ago: int) -> str:
    return (timezone.localdate() - datetime.timedelta(days=days_ago)).isoformat()


def demo_entries() -> list[dict]:
    return [
        {
            "kind": "full",
            "template": "",
            "date": _day(40),
            "time": "22:15",
            "about": True,
            "when_text": "",
            "where": "Kitchen at home",
            "who": "Alex",
            "happened": "Alex read my messages while I was in the shower, then shouted that I "
            "was lying about where I'd been. He took my phone and kept it until morning.",
            "felt": "Scared to say anything. I didn't sleep.",
            "meant": "He wants to know where I am all the time.",
            "witnesses": "Nobody in the room. I told my sister Mina the next day.",
            "injuries": "",
            "references": "",
            "tags": ["verbal", "digital"],
        },
        {
            "kind": "full",
            "template": "work",
            "date": _day(21),
            "time": "09:40",
            "about": False,
            "when_text": "",
            "where": "Reception desk at work",
            "who": "Alex",
            "happened": "Alex came to my work and waited by reception for an hour. "
            "Security asked him to leave.",
            "felt": "Embarrassed and frightened.",
            "meant": "",
            "witnesses": "Priya on reception; the security guard on duty.",
            "injuries": "",
            "references": "Building security log, entry 4471",
            "tags": ["stalking", "work"],
            "manager": "Dana Hill, team lead",
            "hr_route": "Told Dana the same day. She said to email HR.",
            "policy": "Visitor policy: visitors must be expected.",
        },
        {
            "kind": "quick",
            "date": _day(3),
            "time": "",
            "about": False,
            "when_text": "",
            "happened": "He emptied the joint account again. Bank statement shows it.",
        },
    ]


def seed(user, box) -> None:
    first, second, third = demo_entries()
    incident = chain.create(box, user, first)
    chain.append(
        box,
        incident,
        {**first, "references": "Told the GP on the 12th, note on my file"},
    )
    chain.create(box, user, second)
    chain.create(box, user, third)


def decoy_entries() -> list[dict]:
    return [
        {
            "kind": "full",
            "template": "",
            "date": _day(30),
            "time": "",
            "about": False,
            "when_text": "",
            "where": _("Bathroom"),
            "who": _("Plumber"),
            "happened": _("Tap dripping again. Plumber changed the washer, 45 to pay."),
            "tags": [],
        },
        {
            "kind": "full",
            "template": "",
            "date": _day(12),
            "time": "",
            "about": False,
            "when_text": "",
            "where": _("Garage"),
            "who": "",
            "happened": _("Car service done, oil and filters. Next one due at 60,000 km."),
            "tags": [],
        },
        {
            "kind": "quick",
            "date": _day(2),
            "time": "",
            "about": False,
            "when_text": "",
            "happened": _("Smoke alarm battery changed in the hall."),
        },
    ]


def seed_decoy(user, box) -> None:
    for entry in decoy_entries():
        chain.create(box, user, entry)
