"""What other rooms may ask of the plan, on purpose: read-only, with the request's open vault.

The "I want to contact them" flow (nocontact) shows the person's reasons and
their trusted person from the safety plan. It calls these instead of reading
plan's models, and only when "plan" is installed.
"""

from __future__ import annotations

import re

from plan import actions

# What a phone link may hold: digits and a leading plus.
NOT_DIALLED = re.compile(r"[^\d+]")


def _box(request):
    return getattr(request, "vault", None)


def reasons(request) -> list[str]:
    """The person's reasons, in their order; [] without an open vault."""
    box = _box(request)
    if box is None:
        return []
    return [text for _reason, text in actions.open_reasons(request.user, box) if text]


def trusted_person(request) -> dict | None:
    """The safety plan's trusted person: {"name", "reach", "phone_link"} or None.

    `phone_link` is the reach as a number to dial ("" when it is not one).
    """
    box = _box(request)
    if box is None:
        return None
    person = actions.open_safety_plan(request.user, box).get("person") or {}
    name, reach = person.get("name", ""), person.get("reach", "")
    if not (name or reach):
        return None
    # "+44 (0)7700 ...": the bracketed nought is dropped when dialling from abroad.
    dialled = NOT_DIALLED.sub("", reach.replace("(0)", "") if "+" in reach else reach)
    digits = sum(ch.isdigit() for ch in dialled)
    return {"name": name, "reach": reach, "phone_link": dialled if digits >= 3 else ""}
