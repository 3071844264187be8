"""The safety plan laid out for reading: one shape for the print page and the PDF."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from plan.safety_content import BAG_ITEMS, CHECKLIST, DOCUMENTS, SECURITY_STEPS, STATUS_CHOICES
from plan.safety_forms import PARTS

STATUS_LABELS = dict(STATUS_CHOICES)
NO_ANSWER = _("Not answered yet")

# Headings shared by the print page and the PDF.
TITLE = _("My plan")
HEADINGS = {
    "checklist": _("Quick checklist"),
    "places": _("Safe places"),
    "numbers": _("Numbers to call"),
    "person": _("My trusted person"),
    "documents": _("Papers to gather or copy"),
    "bag": _("Bag to grab"),
    "security": _("Accounts and devices"),
}
# Which heading each part of the plan is printed under (part slug -> HEADINGS key).
SECTION_OF_PART = {
    "checklist": "checklist",
    "support": "numbers",
    "person": "person",
    "places": "places",
    "papers": "documents",
    "bag": "bag",
    "devices": "security",
}
NOT_FILLED = _("Not filled in yet")
PERSON_LABELS = {
    "name": _("Name"),
    "reach": _("How to reach them"),
    "checkin": _("Check-in"),
    "codeword": _("Code word"),
}
WHERE = _("Kept")
ROUTE = _("Getting there")
DONE_MARK = "✓"
OPEN_MARK = "○"


def printable(plan: dict[str, Any]) -> dict[str, Any]:
    checklist_answers = plan.get("checklist", {})
    checklist = []
    for key, label, _hint in CHECKLIST:
        answer = checklist_answers.get(key, {})
        status = answer.get("status", "")
        checklist.append(
            {
                "label": label,
                "status": status,
                "status_label": STATUS_LABELS.get(status, NO_ANSWER),
                "note": answer.get("note", ""),
            }
        )
    saved_documents = plan.get("documents", {})
    documents = [
        {
            "label": label,
            "done": bool(saved_documents.get(key, {}).get("done")),
            "where": saved_documents.get(key, {}).get("where", ""),
        }
        for key, label in DOCUMENTS
    ] + [
        {"label": row.get("name", ""), "done": bool(row.get("done")), "where": row.get("where", "")}
        for row in plan.get("own_documents", [])
    ]
    packed = set(plan.get("bag", []))
    bag = [{"label": label, "done": key in packed} for key, label in BAG_ITEMS] + [
        {"label": row.get("name", ""), "done": bool(row.get("done"))}
        for row in plan.get("own_bag", [])
    ]
    secured = set(plan.get("security", []))
    security = [{"label": label, "done": key in secured} for key, label in SECURITY_STEPS]
    person = plan.get("person", {})
    sections = [
        {
            "key": SECTION_OF_PART[part.slug],
            "part": part.slug,
            "heading": HEADINGS[SECTION_OF_PART[part.slug]],
            "filled": part.holds_something(plan),
        }
        for part in PARTS
    ]
    return {
        # In the order the plan walks through them; a part with nothing in it
        # is left out of the document and named once, plainly, at its end.
        "sections": sections,
        "filled_sections": [section for section in sections if section["filled"]],
        "not_filled": [section["heading"] for section in sections if not section["filled"]],
        "checklist": checklist,
        "places": plan.get("places", []),
        "numbers": plan.get("numbers", []),
        "person": [
            (PERSON_LABELS[name], person[name]) for name in PERSON_LABELS if person.get(name)
        ],
        "documents": documents,
        "bag": bag,
        "security": security,
        "security_note": plan.get("security_note", ""),
    }
