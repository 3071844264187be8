"""The safety plan as a PDF, made in memory (fonts and layout: core.pdf)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

# The font helpers are shared by every PDF; the plan's tests and views reach
# them through here as well.
from core.pdf import (  # noqa: F401
    FontsMissing,
    Writer,
    _installed_fonts,
    coverage,
    fallback_candidates,
    main_fonts,
)
from plan.printable import DONE_MARK, NOT_FILLED, OPEN_MARK, ROUTE, TITLE, WHERE


def _mark(done: bool) -> str:
    return DONE_MARK if done else OPEN_MARK


def numbers_footer(numbers) -> str:
    """The words at the foot of every page: the numbers to call, label first."""
    if not numbers:
        return _("In danger right now? Call your local emergency number.")
    listed = "   ·   ".join(f"{number.label}: {number.number}" for number in numbers)
    return _("Numbers to call: %(numbers)s") % {"numbers": listed}


def safety_plan_pdf(view: dict, first=(), footer=()) -> bytes:
    """`view` is plan.printable.printable(plan); the numbers `first` (label and
    number each) lead the plan, and those in `footer` end every page."""
    out = Writer(footer=numbers_footer(footer))
    out.title(TITLE)
    out.small(
        _("Made on %(date)s. Keep this somewhere only you, or someone you trust, can reach.")
        % {"date": timezone.localdate().isoformat()}
    )
    if first:
        out.section(_("Numbers to call first"))
        for number in first:
            out.line(f"{number.label}: {number.number}")
    write_safety_plan(out, view, heading=out.section)
    return out.render()


def write_safety_plan(out: Writer, view: dict, heading=None) -> None:
    """The plan's parts that hold something, for the plan's own PDF (each part
    a section) and for the person's export (each part a heading)."""
    heading = heading or out.heading
    for section in view["filled_sections"]:
        heading(section["heading"])
        WRITERS[section["key"]](out, view)
    if view["not_filled"]:
        heading(NOT_FILLED)
        out.line(", ".join(str(name) for name in view["not_filled"]))
    out.small("")
    out.small(_("%(done)s done   %(open)s not yet") % {"done": DONE_MARK, "open": OPEN_MARK})


def _checklist(out: Writer, view: dict) -> None:
    for item in view["checklist"]:
        out.line(f"{item['label']}: {item['status_label']}")
        if item["note"]:
            out.small(item["note"])


def _places(out: Writer, view: dict) -> None:
    for place in view["places"]:
        out.line(place.get("name", ""))
        if place.get("route"):
            out.small(f"{ROUTE}: {place['route']}")


def _numbers(out: Writer, view: dict) -> None:
    for row in view["numbers"]:
        label = row.get("label", "")
        out.line(f"{label}: {row.get('number', '')}" if label else row.get("number", ""))


def _person(out: Writer, view: dict) -> None:
    for label, value in view["person"]:
        out.line(f"{label}: {value}")


def _documents(out: Writer, view: dict) -> None:
    for document in view["documents"]:
        where = f" ({WHERE}: {document['where']})" if document["where"] else ""
        out.line(f"{_mark(document['done'])} {document['label']}{where}")


def _bag(out: Writer, view: dict) -> None:
    for item in view["bag"]:
        out.line(f"{_mark(item['done'])} {item['label']}")


def _security(out: Writer, view: dict) -> None:
    for step in view["security"]:
        out.line(f"{_mark(step['done'])} {step['label']}")
    if view["security_note"]:
        out.small(view["security_note"])


WRITERS = {
    "checklist": _checklist,
    "places": _places,
    "numbers": _numbers,
    "person": _person,
    "documents": _documents,
    "bag": _bag,
    "security": _security,
}
