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

from plan import fields
from plan.safety_content import (
    BAG_ITEMS,
    CHECKLIST,
    DOCUMENTS,
    SECURITY_STEPS,
    STATUS_CHOICES,
)

NOTE = 2000
LINE = 200

# Each editable list: prefix -> its columns (name, kind). The first column is
# the one that names the row.
LISTS: dict[str, list[tuple[str, str]]] = {
    "place": [("name", "text"), ("route", "area")],
    "number": [("label", "text"), ("number", "text")],
    "owndoc": [("name", "text"), ("where", "text"), ("done", "tick")],
    "ownbag": [("name", "text"), ("done", "tick")],
}
STORED_AS = {"place": "places", "number": "numbers", "owndoc": "own_documents", "ownbag": "own_bag"}
HAS_DIGIT = re.compile(r"\d")


def _column_field(prefix: str, column: str, kind: str) -> forms.Field:
    labels = {
        ("place", "name"): _("Place"),
        ("place", "route"): _("How you'd get there"),
        ("number", "label"): _("Who or what"),
        ("number", "number"): _("Number"),
        ("owndoc", "name"): _("Paper or document"),
        ("owndoc", "where"): _("Where it is kept"),
        ("owndoc", "done"): _("Gathered or copied"),
        ("ownbag", "name"): _("Item"),
        ("ownbag", "done"): _("Packed"),
    }
    label = labels[(prefix, column)]
    if kind == "tick":
        return fields.tick(label)
    if (prefix, column) == ("number", "number"):
        field = fields.text(label, 40)
        field.widget.attrs["inputmode"] = "tel"
        return field
    if kind == "area":
        return fields.text(label, 500, area=True, rows=2)
    return fields.text(label, LINE)


class SafetyPlanForm(forms.Form):
    def __init__(self, data=None, initial: dict[str, Any] | None = None, more: str | None = None):
        super().__init__(data=data, initial=initial)
        source = data if data is not None else (initial or {})
        self.rows = {prefix: fields.row_count(source, prefix, more) for prefix in LISTS}

        for key, label, _hint in CHECKLIST:
            self.fields[f"check-{key}"] = forms.ChoiceField(
                label=label,
                choices=STATUS_CHOICES,
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": _("Please choose one of the three answers.")},
            )
            self.fields[f"check-{key}-note"] = fields.text(
                _("A note for yourself"), NOTE, area=True, rows=2
            )
        for prefix, columns in LISTS.items():
            for index in range(self.rows[prefix]):
                for column, kind in columns:
                    self.fields[f"{prefix}-{index}-{column}"] = _column_field(prefix, column, kind)
        for key, label in DOCUMENTS:
            self.fields[f"doc-{key}-done"] = fields.tick(label)
            self.fields[f"doc-{key}-where"] = fields.text(_("Where it is kept"), LINE)
        for key, label in BAG_ITEMS:
            self.fields[f"bag-{key}"] = fields.tick(label)
        self.fields["person-name"] = fields.text(_("Their name"), LINE)
        self.fields["person-reach"] = fields.text(
            _("How to reach them"),
            LINE,
            help_text=_("A number, or another safe way to get in touch."),
        )
        self.fields["person-checkin"] = fields.text(
            _("When you'll check in"),
            LINE,
            help_text=_("For example: a message every evening by 9, or every Sunday at noon."),
        )
        self.fields["person-codeword"] = fields.text(
            _("A code word"),
            LINE,
            help_text=_('A harmless word or phrase that means "I need help, call for help now".'),
        )
        for key, label in SECURITY_STEPS:
            self.fields[f"sec-{key}"] = fields.tick(label)
        self.fields["sec-note"] = fields.text(
            _("Notes about your accounts and devices"), NOTE, area=True
        )

    # ---- for the template ----

    def checklist(self):
        return [
            (key, label, hint, self[f"check-{key}"], self[f"check-{key}-note"])
            for key, label, hint in CHECKLIST
        ]

    def list_rows(self, prefix: str):
        columns = [column for column, _kind in LISTS[prefix]]
        return [
            (index + 1, [self[f"{prefix}-{index}-{column}"] for column in columns])
            for index in range(self.rows[prefix])
        ]

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
        data = super().clean() or {}
        for index in range(self.rows["place"]):
            name, route = f"place-{index}-name", f"place-{index}-route"
            if data.get(route) and not data.get(name):
                self.add_error(
                    name, _("Give this place a short name, so you know which one it is.")
                )
        for index in range(self.rows["number"]):
            label, number = f"number-{index}-label", f"number-{index}-number"
            if data.get(label) and not data.get(number) and number not in self.errors:
                self.add_error(
                    number, _("Add the number too, or clear the name to leave this row out.")
                )
            elif data.get(number) and not HAS_DIGIT.search(data[number]):
                self.add_error(
                    number,
                    _(
                        "A phone number needs at least one digit. If this is an app or a website, "
                        "you could write it in the box before instead."
                    ),
                )
        for index in range(self.rows["owndoc"]):
            name = f"owndoc-{index}-name"
            if not data.get(name) and (
                data.get(f"owndoc-{index}-where") or data.get(f"owndoc-{index}-done")
            ):
                self.add_error(name, _("What is this paper called? Add a name, or clear the row."))
        for index in range(self.rows["ownbag"]):
            name = f"ownbag-{index}-name"
            if not data.get(name) and data.get(f"ownbag-{index}-done"):
                self.add_error(name, _("What is this item? Add a name, or untick it."))
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
        for prefix, columns in LISTS.items():
            rows = []
            for index in range(self.rows[prefix]):
                row = {column: data[f"{prefix}-{index}-{column}"] for column, _kind in columns}
                if any(row.values()):
                    rows.append(row)
            plan[STORED_AS[prefix]] = rows
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
    for prefix, columns in LISTS.items():
        rows = plan.get(STORED_AS[prefix], [])
        initial[f"{prefix}-rows"] = fields.rows_for_saved(len(rows))
        for index, row in enumerate(rows):
            for column, _kind in columns:
                initial[f"{prefix}-{index}-{column}"] = row.get(column, "")
    return initial
