"""The journal's part of the demo member's space, and of every new decoy space.

`seed` gives the laptop demo a few gentle pages over the last week, in
several modes, with tags, so the list, the calendar and search have something
to show.

`seed_decoy` gives a decoy space (maybe opened in front of the person who
harms them) an ordinary diary: weekend plans, a recipe to try. Nothing about
help, feelings about a partner, or leaving.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from journal import actions


def _write(user, box, days_ago: int, mode: str, answers: dict, *, title="", tags=()):
    when = timezone.now() - datetime.timedelta(days=days_ago, hours=2)
    actions.create_entry(
        user,
        box,
        mode,
        {
            "title": title,
            "answers": answers,
            "tags": list(tags),
            "day": timezone.localdate(when),
        },
        created_at=when,
    )


def seed(user, box) -> None:
    _write(
        user,
        box,
        6,
        "morning",
        {
            "breath": "Shoulders came down a little after the third breath.",
            "movement": "Stretched by the window while the kettle boiled.",
            "intention": "Go gently today. One thing at a time.",
        },
        tags=["morning", "calm"],
    )
    _write(
        user,
        box,
        4,
        "facts",
        {
            "happened": "A message went unanswered for a whole afternoon.",
            "story": "I told myself I'd done something wrong again.",
            "kinder": "People are busy. Silence isn't a verdict on me.",
        },
        title="The quiet afternoon",
        tags=["worry"],
    )
    _write(
        user,
        box,
        2,
        "wins",
        {
            "done": "Cooked a proper dinner.",
            "better": "The phone call with Mum was easier than I feared.",
            "kind": "Went to bed early without feeling guilty.",
        },
        tags=["good day"],
    )
    _write(
        user,
        box,
        0,
        "evening",
        {
            "for_me": "A long walk with music I like.",
            "learned": "I can say no to plans and the world keeps turning.",
        },
        tags=["calm"],
    )


def seed_decoy(user, box) -> None:
    _write(
        user,
        box,
        5,
        "free",
        {"body": _("Weekend: market on Saturday morning, then clear out the hall cupboard.")},
        title=_("Weekend plans"),
        tags=[_("weekend")],
    )
    _write(
        user,
        box,
        3,
        "free",
        {
            "body": _(
                "Try the lentil soup with smoked paprika and a squeeze of lemon. "
                "Buy coriander and a loaf on the way home."
            )
        },
        title=_("Recipe to try"),
        tags=[_("cooking")],
    )
    _write(
        user,
        box,
        1,
        "wins",
        {
            "done": _("Finally fixed the wobbly shelf."),
            "better": _("The train was on time both ways."),
        },
        tags=[_("home")],
    )
