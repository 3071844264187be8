"""Inspire's part of the demo member's space, and of every new decoy space.

`seed` keeps a few reminders on the demo member's board, one with a note,
and a line of the member's own.

`seed_decoy` keeps a couple of everyday ones: rest and small wins, the kind
anyone might keep, nothing about boundaries, leaving or getting help, and an
ordinary line of "their own". Only slugs from DECOY_SLUGS that the library
holds are used, so an operator's edit to the library never breaks a decoy.
"""

from django.utils.translation import gettext as _

from inspire import actions
from inspire.models import Reminder

DEMO = [
    ("matter-days-get-lot", "For Mondays."),
    ("no-can-stand-on-own", ""),
    ("healing-straight-line-curves", ""),
]
DEMO_OWN = "One thing at a time. I've done hard things before."
DECOY_SLUGS = ["put-feet-up-five", "glass-water-deep-breath", "got-up-today-counts"]


def _keep(user, box, pairs) -> None:
    slugs = [slug for slug, _note in pairs]
    known = set(Reminder.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    # Saved oldest first, so the board shows them in the listed order.
    for slug, note in reversed(pairs):
        if slug in known:
            actions.save(user, box, slug, note)


def seed(user, box) -> None:
    _keep(user, box, DEMO)
    actions.add_own(user, box, DEMO_OWN)


def seed_decoy(user, box) -> None:
    _keep(user, box, [(slug, "") for slug in DECOY_SLUGS])
    actions.add_own(user, box, _("Water the plants on Sunday, then a long walk."))
