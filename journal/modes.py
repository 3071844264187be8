"""The ways of writing a journal page: free, or guided by a few prompts.

Each mode is a short list of prompts, each its own box on the page. The mode's
key travels in the address (`/journal/new/?mode=letter`) and inside the sealed
entry; the words of the prompts live here, wrapped for translation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise as Words
else:
    Words = Promise


@dataclass(frozen=True)
class Prompt:
    key: str
    label: str | Words
    hint: str | Words = ""
    rows: int = 4


@dataclass(frozen=True)
class Mode:
    key: str
    name: str | Words
    about: str | Words
    prompts: tuple[Prompt, ...]


MODES: tuple[Mode, ...] = (
    Mode(
        "free",
        _("Free writing"),
        _("A blank page. Write whatever is there, in any order."),
        (Prompt("body", _("What's on your mind"), rows=12),),
    ),
    Mode(
        "wins",
        _("Today's small wins"),
        _("Small things count. Getting up counts."),
        (
            Prompt("done", _("Something I managed today, however small")),
            Prompt("better", _("Something that went a little better than I feared")),
            Prompt("kind", _("A moment I was kind to myself")),
        ),
    ),
    Mode(
        "morning",
        _("Morning grounding"),
        _("A few quiet minutes before the day starts."),
        (
            Prompt(
                "breath",
                _("Breath"),
                _("Take three slow breaths, out longer than in. How does your body feel now?"),
            ),
            Prompt(
                "movement",
                _("A little movement"),
                _("Stretch, roll your shoulders, stand at a window. What did you do?"),
            ),
            Prompt("intention", _("One intention for today"), rows=3),
        ),
    ),
    Mode(
        "evening",
        _("Evening reflection"),
        _("Looking back gently on the day."),
        (
            Prompt("for_me", _("One thing I did for myself today")),
            Prompt("learned", _("One thing I learned")),
            Prompt("let_go", _("Anything I'd like to set down before sleep"), rows=3),
        ),
    ),
    Mode(
        "facts",
        _("Checking the facts"),
        _("When a thought is loud, it helps to separate what happened from the story."),
        (
            Prompt(
                "happened",
                _("What happened"),
                _("Only what someone watching would have seen and heard."),
            ),
            Prompt("story", _("The story I told myself about it")),
            Prompt(
                "kinder",
                _("A kinder, realistic story"),
                _("What would you say to a friend who told you this?"),
            ),
        ),
    ),
    Mode(
        "letter",
        _("A letter never sent"),
        _("Say everything you want to say. No one else will read it."),
        (
            Prompt("to", _("Who it's for"), rows=1),
            Prompt("letter", _("The letter"), rows=12),
        ),
    ),
    Mode(
        "patterns",
        _("Noticing old patterns"),
        _("Seeing a pattern is the first step to choosing differently. No blame."),
        (
            Prompt(
                "pleasing",
                _("Where I said yes when I meant no"),
                _("Times you put someone's comfort before your own needs."),
            ),
            Prompt(
                "flags",
                _("Red flags I noticed, or talked myself out of"),
            ),
            Prompt("next_time", _("What I'd like to try next time"), rows=3),
        ),
    ),
)

BY_KEY = {mode.key: mode for mode in MODES}
DEFAULT = "free"


def get(key: str | None) -> Mode | None:
    return BY_KEY.get(key or "")


def label(key: str) -> str | Words:
    mode = BY_KEY.get(key)
    return mode.name if mode else _("Journal page")
