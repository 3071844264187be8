"""The "I want to contact them" flow: one step per page, each one skippable."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Step:
    slug: str  # in the address: never rename
    title: str | Promise
    # What a discreet screen's heading says instead.
    neutral: str | Promise


STEPS = [
    Step("breathe", _("Breathe for one minute"), _("One slow minute")),
    Step("reasons", _("Read your reasons"), _("Your notes")),
    Step("questions", _("Two questions"), _("Two questions")),
    Step("lists", _("What I miss, and what I lived"), _("Two lists")),
    Step("call", _("Call your safe person"), _("Call someone")),
    Step("write", _("Write it out"), _("Write it down")),
    Step("wait", _("Wait ten minutes"), _("Ten minutes")),
    Step("log", _("How did it pass?"), _("How did it go?")),
]
BY_SLUG = {step.slug: step for step in STEPS}


def neighbours(step: Step) -> tuple[Step | None, Step | None]:
    index = STEPS.index(step)
    before = STEPS[index - 1] if index > 0 else None
    after = STEPS[index + 1] if index + 1 < len(STEPS) else None
    return before, after
