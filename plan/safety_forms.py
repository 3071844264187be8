"""The safety plan form, and how it maps to the sealed plan data.

Stored shape (all inside one sealed JSON value):

    {"checklist": {key: {"status": "done", "note": "..."}},
     "places": [{"name", "route"}], "numbers": [{"label", "number"}],
     "documents": {key: {"done": bool, "where": "..."}},
     "own_documents": [{"name", "where", "done"}],
     "bag": [key, ...], "own_bag": [{"name", "done"}],
     "person": {"name", "reach", "checkin", "codeword"},
     "security": [key, ...], "security_note": "..."}
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from plan.safety_content import (
    ADD_ROWS,
    BAG_ITEMS,
    BLANK_ROWS,
    CHECKLIST,
    DOCUMENTS,
    MAX_ROWS,
    MIN_ROWS,
    SECURITY_STEPS,
    STATUS_CHOICES,
)
from vault.forms import PrivateTextField, RowList, RowListForm, tick

NOTE = 2000
LINE = 200

# Where each list is kept in the stored plan, by its prefix.
STORED_AS = {"place": "places", "number": "numbers", "owndoc": "own_documents", "ownbag": "own_bag"}
HAS_DIGIT = re.compile(r"\d")
ROWS = {"minimum": MIN_ROWS, "blank": BLANK_ROWS, "add": ADD_ROWS, "maximum": MAX_ROWS}


def line(label, **kwargs) -> PrivateTextField:
    return PrivateTextField(label, LINE, **kwargs)


class SafetyPlanForm(RowListForm):
    # The first column of each list names the row.
    place_rows = RowList(
        {
            "name": line(_("Place")),
            "route": PrivateTextField(_("How you'd get there"), 500, rows=2),
        },
        prefix="place",
        **ROWS,
        needs={"name": _("Give this place a short name, so you know which one it is.")},
    )
    number_rows = RowList(
        {
            "label": line(_("Who or what")),
            "number": PrivateTextField(_("Number"), 40, attrs={"inputmode": "tel"}),
        },
        prefix="number",
        **ROWS,
        needs={"number": _("Add the number too, or clear the name to leave this row out.")},
    )
    owndoc_rows = RowList(
        {
            "name": line(_("Paper or document")),
            "where": line(_("Where it is kept")),
            "done": tick(_("Gathered or copied")),
        },
        prefix="owndoc",
        **ROWS,
        needs={"name": _("What is this paper called? Add a name, or clear the row.")},
    )
    ownbag_rows = RowList(
        {"name": line(_("Item")), "done": tick(_("Packed"))},
        prefix="ownbag",
        **ROWS,
        needs={"name": _("What is this item? Add a name, or untick it.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label, _hint in CHECKLIST:
            self.fields[f"check-{key}"] = forms.ChoiceField(
                label=label,
                choices=STATUS_CHOICES,
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": _("Please choose one of the three answers.")},
            )
            self.fields[f"check-{key}-note"] = PrivateTextField(
                _("A note for yourself"), NOTE, rows=2
            )
        for key, label in DOCUMENTS:
            self.fields[f"doc-{key}-done"] = tick(label)
            self.fields[f"doc-{key}-where"] = line(_("Where it is kept"))
        for key, label in BAG_ITEMS:
            self.fields[f"bag-{key}"] = tick(label)
        self.fields["person-name"] = line(_("Their name"))
        self.fields["person-reach"] = line(
            _("How to reach them"),
            help_text=_("A number, or another safe way to get in touch."),
        )
        self.fields["person-checkin"] = line(
            _("When you'll check in"),
            help_text=_("For example: a message every evening by 9, or every Sunday at noon."),
        )
        self.fields["person-codeword"] = line(
            _("A code word"),
            help_text=_('A harmless word or phrase that means "I need help, call for help now".'),
        )
        for key, label in SECURITY_STEPS:
            self.fields[f"sec-{key}"] = tick(label)
        self.fields["sec-note"] = PrivateTextField(
            _("Notes about your accounts and devices"), NOTE, rows=3
        )

    @property
    def rows(self) -> dict[str, int]:
        """How many rows each list shows, for the page's hidden counts."""
        return self.row_counts

    # ---- for the template ----

    def checklist(self):
        return [
            (key, label, hint, self[f"check-{key}"], self[f"check-{key}-note"])
            for key, label, hint in CHECKLIST
        ]

    def list_rows(self, prefix: str):
        return [(row.number, row.fields) for row in self.bound_row_lists[prefix]]

    def places(self):
        return self.list_rows("place")

    def numbers(self):
        return self.list_rows("number")

    def own_documents(self):
        return self.list_rows("owndoc")

    def own_bag(self):
        return self.list_rows("ownbag")

    def documents(self):
        return [(self[f"doc-{key}-done"], self[f"doc-{key}-where"]) for key, _label in DOCUMENTS]

    def bag(self):
        return [self[f"bag-{key}"] for key, _label in BAG_ITEMS]

    def person(self):
        return [self[f"person-{name}"] for name in ("name", "reach", "checkin", "codeword")]

    def security(self):
        return [self[f"sec-{key}"] for key, _label in SECURITY_STEPS]

    def security_note(self):
        return self["sec-note"]

    # ---- checks ----

    def clean(self):
        data = super().clean()
        for row in self.number_rows.cleaned():
            number = row["number"]
            if number and not HAS_DIGIT.search(number):
                row.add_error(
                    "number",
                    _(
                        "A phone number needs at least one digit. If this is an app or a website, "
                        "you could write it in the box before instead."
                    ),
                )
        return data

    # ---- to and from the stored plan ----

    def to_plan(self) -> dict[str, Any]:
        data = self.cleaned_data
        plan: dict[str, Any] = {
            "checklist": {
                key: {"status": data[f"check-{key}"], "note": data[f"check-{key}-note"]}
                for key, _label, _hint in CHECKLIST
                if data[f"check-{key}"] or data[f"check-{key}-note"]
            },
            "documents": {
                key: {"done": data[f"doc-{key}-done"], "where": data[f"doc-{key}-where"]}
                for key, _label in DOCUMENTS
                if data[f"doc-{key}-done"] or data[f"doc-{key}-where"]
            },
            "bag": [key for key, _label in BAG_ITEMS if data[f"bag-{key}"]],
            "person": {
                name: data[f"person-{name}"]
                for name in ("name", "reach", "checkin", "codeword")
                if data[f"person-{name}"]
            },
            "security": [key for key, _label in SECURITY_STEPS if data[f"sec-{key}"]],
            "security_note": data["sec-note"],
        }
        for prefix, rows in self.bound_row_lists.items():
            plan[STORED_AS[prefix]] = rows.values()
        return plan


def initial_from_plan(plan: Mapping[str, Any]) -> dict[str, Any]:
    """The stored plan as `initial` for SafetyPlanForm."""
    initial: dict[str, Any] = {}
    for key, answer in plan.get("checklist", {}).items():
        initial[f"check-{key}"] = answer.get("status", "")
        initial[f"check-{key}-note"] = answer.get("note", "")
    for key, document in plan.get("documents", {}).items():
        initial[f"doc-{key}-done"] = bool(document.get("done"))
        initial[f"doc-{key}-where"] = document.get("where", "")
    for key in plan.get("bag", []):
        initial[f"bag-{key}"] = True
    for name, value in plan.get("person", {}).items():
        initial[f"person-{name}"] = value
    for key in plan.get("security", []):
        initial[f"sec-{key}"] = True
    initial["sec-note"] = plan.get("security_note", "")
    for prefix, row_list in SafetyPlanForm.row_lists.items():
        initial.update(row_list.initial(plan.get(STORED_AS[prefix], [])))
    return initial
