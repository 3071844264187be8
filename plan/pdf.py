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
from plan.printable import DONE_MARK, HEADINGS, OPEN_MARK, ROUTE, TITLE, WHERE


def _mark(done: bool) -> str:
    return DONE_MARK if done else OPEN_MARK


def safety_plan_pdf(view: dict) -> bytes:
    """`view` is plan.printable.printable(plan)."""
    out = Writer()
    out.title(TITLE)
    out.small(
        _("Made on %(date)s. Keep this somewhere only you, or someone you trust, can reach.")
        % {"date": timezone.localdate().isoformat()}
    )
    write_safety_plan(out, view)
    return out.render()


def write_safety_plan(out: Writer, view: dict) -> None:
    """The plan's sections, for the plan's own PDF and for the person's export."""
    out.heading(HEADINGS["checklist"])
    for item in view["checklist"]:
        out.line(f"{item['label']}: {item['status_label']}")
        if item["note"]:
            out.small(item["note"])

    if view["places"]:
        out.heading(HEADINGS["places"])
        for place in view["places"]:
            out.line(place.get("name", ""))
            if place.get("route"):
                out.small(f"{ROUTE}: {place['route']}")

    if view["numbers"]:
        out.heading(HEADINGS["numbers"])
        for row in view["numbers"]:
            label = row.get("label", "")
            out.line(f"{label}: {row.get('number', '')}" if label else row.get("number", ""))

    if view["person"]:
        out.heading(HEADINGS["person"])
        for label, value in view["person"]:
            out.line(f"{label}: {value}")

    out.heading(HEADINGS["documents"])
    for document in view["documents"]:
        where = f" ({WHERE}: {document['where']})" if document["where"] else ""
        out.line(f"{_mark(document['done'])} {document['label']}{where}")

    out.heading(HEADINGS["bag"])
    for item in view["bag"]:
        out.line(f"{_mark(item['done'])} {item['label']}")

    out.heading(HEADINGS["security"])
    for step in view["security"]:
        out.line(f"{_mark(step['done'])} {step['label']}")
    if view["security_note"]:
        out.small(view["security_note"])

    out.small("")
    out.small(_("%(done)s done   %(open)s not yet") % {"done": DONE_MARK, "open": OPEN_MARK})
