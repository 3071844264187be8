"""The safety plan's parts, one form each, and how they map to the sealed plan data.

Stored shape (all inside one sealed JSON value; every part writes only its
own keys, so the parts can be filled in any order):

    {"checklist": {key: {"status": "done", "note": "..."}},
     "places": [{"name", "route"}], "numbers": [{"label", "number"}],
     "documents": {key: {"done": bool, "where": "..."}},
     "own_documents": [{"name", "where", "done"}],
     "bag": [key, ...], "own_bag": [{"name", "done"}],
     "person": {"name", "reach", "checkin", "codeword"},
     "security": [key, ...], "security_note": "..."}

This is the shape a plan saved as one long form had, so older plans, exports
and restores open unchanged. Form field names are the same as then too, so a
draft kept from the one long form still fills each part (see `split_draft`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.functional import Promise
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
from vault.forms import PrivateTextField, RowList, RowListForm, filled, tick

NOTE = 2000
LINE = 200

# Where each list is kept in the stored plan, by its prefix.
STORED_AS = {"place": "places", "number": "numbers", "owndoc": "own_documents", "ownbag": "own_bag"}
HAS_DIGIT = re.compile(r"\d")
ROWS = {"minimum": MIN_ROWS, "blank": BLANK_ROWS, "add": ADD_ROWS, "maximum": MAX_ROWS}
# A list below a long list of suggestions starts with one empty row: "Add
# more" gives more, and keeps the page short on a phone.
FEW_ROWS = {**ROWS, "minimum": 1, "blank": 1}
PERSON = ("name", "reach", "checkin", "codeword")


def line(label, **kwargs) -> PrivateTextField:
    return PrivateTextField(label, LINE, **kwargs)


class PartForm(RowListForm):
    """One part of the plan: `to_plan()` gives the stored keys this part owns."""

    def list_rows(self, prefix: str):
        return [(row.number, row.fields) for row in self.bound_row_lists[prefix]]

    def rows_to_plan(self) -> dict[str, Any]:
        return {STORED_AS[prefix]: rows.values() for prefix, rows in self.bound_row_lists.items()}

    def to_plan(self) -> dict[str, Any]:
        raise NotImplementedError


class ChecklistForm(PartForm):
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

    def checklist(self):
        return [
            (key, label, hint, self[f"check-{key}"], self[f"check-{key}-note"])
            for key, label, hint in CHECKLIST
        ]

    def to_plan(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "checklist": {
                key: {"status": data[f"check-{key}"], "note": data[f"check-{key}-note"]}
                for key, _label, _hint in CHECKLIST
                if data[f"check-{key}"] or data[f"check-{key}-note"]
            }
        }


class SupportForm(PartForm):
    number_rows = RowList(
        {
            "label": line(_("Who or what")),
            "number": PrivateTextField(_("Number"), 40, attrs={"inputmode": "tel"}),
        },
        prefix="number",
        **ROWS,
        needs={"number": _("Add the number too, or clear the name to leave this row out.")},
    )

    def numbers(self):
        return self.list_rows("number")

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

    def to_plan(self) -> dict[str, Any]:
        return self.rows_to_plan()


class PersonForm(PartForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
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

    def person(self):
        return [self[f"person-{name}"] for name in PERSON]

    def to_plan(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "person": {name: data[f"person-{name}"] for name in PERSON if data[f"person-{name}"]}
        }


class PlacesForm(PartForm):
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

    def places(self):
        return self.list_rows("place")

    def to_plan(self) -> dict[str, Any]:
        return self.rows_to_plan()


class PapersForm(PartForm):
    owndoc_rows = RowList(
        {
            "name": line(_("Paper or document")),
            "where": line(_("Where it is kept")),
            "done": tick(_("Gathered or copied")),
        },
        prefix="owndoc",
        **FEW_ROWS,
        needs={"name": _("What is this paper called? Add a name, or clear the row.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in DOCUMENTS:
            self.fields[f"doc-{key}-done"] = tick(label)
            self.fields[f"doc-{key}-where"] = line(_("Where it is kept"))

    def documents(self):
        return [(self[f"doc-{key}-done"], self[f"doc-{key}-where"]) for key, _label in DOCUMENTS]

    def own_documents(self):
        return self.list_rows("owndoc")

    def to_plan(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "documents": {
                key: {"done": data[f"doc-{key}-done"], "where": data[f"doc-{key}-where"]}
                for key, _label in DOCUMENTS
                if data[f"doc-{key}-done"] or data[f"doc-{key}-where"]
            },
            **self.rows_to_plan(),
        }


class BagForm(PartForm):
    ownbag_rows = RowList(
        {"name": line(_("Item")), "done": tick(_("Packed"))},
        prefix="ownbag",
        **FEW_ROWS,
        needs={"name": _("What is this item? Add a name, or untick it.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in BAG_ITEMS:
            self.fields[f"bag-{key}"] = tick(label)

    def bag(self):
        return [self[f"bag-{key}"] for key, _label in BAG_ITEMS]

    def own_bag(self):
        return self.list_rows("ownbag")

    def to_plan(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "bag": [key for key, _label in BAG_ITEMS if data[f"bag-{key}"]],
            **self.rows_to_plan(),
        }


class DevicesForm(PartForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in SECURITY_STEPS:
            self.fields[f"sec-{key}"] = tick(label)
        self.fields["sec-note"] = PrivateTextField(
            _("Notes about your accounts and devices"), NOTE, rows=3
        )

    def security(self):
        return [self[f"sec-{key}"] for key, _label in SECURITY_STEPS]

    def security_note(self):
        return self["sec-note"]

    def to_plan(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "security": [key for key, _label in SECURITY_STEPS if data[f"sec-{key}"]],
            "security_note": data["sec-note"],
        }


# ---- The parts, in the order the plan walks through them ----------------------


@dataclass(frozen=True)
class Part:
    slug: str  # in the address: never rename
    title: str | Promise
    form: type[PartForm]
    stored: tuple[str, ...]  # the keys of the stored plan this part writes

    @property
    def draft_key(self) -> str:
        return f"safety-plan-{self.slug}"

    def holds_something(self, plan: Mapping[str, Any]) -> bool:
        return any(filled(plan.get(key)) for key in self.stored)


PARTS = [
    Part("checklist", _("A quick check"), ChecklistForm, ("checklist",)),
    Part("support", _("Numbers to call"), SupportForm, ("numbers",)),
    Part("person", _("Your trusted person"), PersonForm, ("person",)),
    Part("places", _("Safe places to go"), PlacesForm, ("places",)),
    Part("papers", _("Papers to gather or copy"), PapersForm, ("documents", "own_documents")),
    Part("bag", _("A bag to grab"), BagForm, ("bag", "own_bag")),
    Part("devices", _("Your accounts and devices"), DevicesForm, ("security", "security_note")),
]
PART_BY_SLUG = {part.slug: part for part in PARTS}


def neighbours(part: Part) -> tuple[Part | None, Part | None]:
    """The parts before and after this one (None at either end)."""
    index = PARTS.index(part)
    before = PARTS[index - 1] if index > 0 else None
    after = PARTS[index + 1] if index + 1 < len(PARTS) else None
    return before, after


def initial_from_plan(plan: Mapping[str, Any]) -> dict[str, Any]:
    """The stored plan as `initial` for any part's form (each takes its own names)."""
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
    for part in PARTS:
        for prefix, row_list in part.form.row_lists.items():
            initial.update(row_list.initial(plan.get(STORED_AS[prefix], [])))
    return initial


def split_draft(draft: Mapping[str, Any]) -> dict[Part, dict[str, list[str]]]:
    """A draft of the whole plan (the one long form of earlier versions) as one
    draft per part, keeping only the parts where something was written."""
    found: dict[Part, dict[str, list[str]]] = {}
    for part in PARTS:
        form = part.form(initial=draft)
        names = set(form.fields) | {rows.count_name for rows in form.row_lists.values()}
        mine = {name: value for name, value in draft.items() if name in names}
        if any(filled(value) for name, value in mine.items() if not name.endswith("-rows")):
            found[part] = {
                name: value if isinstance(value, list) else [value] for name, value in mine.items()
            }
    return found
