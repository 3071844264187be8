"""The incident forms: a quick entry, the full entry, and its two templates.

An entry is a plain dict (see `to_entry`), sealed as it is into the chain
(records/chain.py). Keys a form does not know (evidence added by another
page, a template's fields) are kept when an entry is edited.
"""

from __future__ import annotations

import copy
import datetime
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vault.forms import PRIVATE_INPUT, PrivateDateField, PrivateTextField, iso, tick

QUICK, FULL = "quick", "full"

TAGS = [
    ("verbal", _("Verbal")),
    ("physical", _("Physical")),
    ("digital", _("Digital (phone, messages, online)")),
    ("financial", _("Money")),
    ("stalking", _("Followed or watched")),
    ("work", _("Work")),
    ("family", _("Family")),
    ("children", _("Children")),
]
TAG_LABELS = dict(TAGS)

BAD_TIME = _("Please check this time, like 21:30. If you're not sure, leave it empty.")
FUTURE = _("This date is still to come. Could you check it?")
NEED_HAPPENED = _("Write a few words about what happened. Everything else can wait.")


@dataclass(frozen=True)
class Template:
    """A starting point: which extra boxes show, and which tags come ticked."""

    slug: str
    title: Any
    lead: Any
    tags: tuple[str, ...] = ()
    extra: dict[str, forms.Field] = field(default_factory=dict)


def _work_fields() -> dict[str, forms.Field]:
    return {
        "manager": PrivateTextField(
            _("Manager, or who was in charge"), 300, help_text=_("Their name and role.")
        ),
        "hr_route": PrivateTextField(
            _("Who you told, or could tell"),
            1000,
            rows=2,
            help_text=_("HR, a union rep, a manager above them. When, and what they said."),
        ),
        "policy": PrivateTextField(
            _("Rule or policy it went against, if you know"),
            500,
            rows=2,
            help_text=_("For example the code of conduct, or the bullying policy."),
        ),
    }


def _family_fields() -> dict[str, forms.Field]:
    return {
        "present": PrivateTextField(
            _("Who was there"), 1000, rows=2, help_text=_("Everyone in the room, even if quiet.")
        ),
        "said": PrivateTextField(
            _("What was said"),
            5000,
            rows=4,
            help_text=_("As close to the exact words as you can remember, and who said them."),
        ),
    }


TEMPLATES = {
    "work": Template(
        "work",
        _("Something at work"),
        _("For something at work: who was in charge, who you told, and which rule it broke."),
        ("work",),
        _work_fields(),
    ),
    "family": Template(
        "family",
        _("A family gathering"),
        _("For a family gathering: who was there and what was said."),
        ("family",),
        _family_fields(),
    ),
}

# Every box an entry can hold, in the order the entry's page shows them.
FIELD_LABELS: list[tuple[str, Any]] = [
    ("where", _("Where")),
    ("who", _("Who was involved")),
    ("happened", _("What happened")),
    ("felt", _("What I felt")),
    ("meant", _("What I think it meant")),
    ("manager", _("Manager, or who was in charge")),
    ("hr_route", _("Who I told, or could tell")),
    ("policy", _("Rule or policy it went against")),
    ("present", _("Who was there")),
    ("said", _("What was said")),
    ("witnesses", _("Who saw or heard it")),
    ("injuries", _("Injuries or damage")),
    ("references", _("Reference numbers")),
]
WHEN_KEYS = ("date", "time", "about", "when_text")


class TimeBox(forms.TimeField):
    """A time of day, shown as `<input type="time">`."""

    default_error_messages = {"invalid": BAD_TIME}

    def __init__(self, label, **kwargs):
        attrs = {**PRIVATE_INPUT, "type": "time"}
        kwargs.setdefault("widget", forms.TimeInput(attrs=attrs, format="%H:%M"))
        kwargs.setdefault("input_formats", ["%H:%M", "%H.%M", "%H:%M:%S", "%Hh%M"])
        super().__init__(label=label, required=False, **kwargs)


class WhenForm(forms.Form):
    """When it happened: a date, a time, "about", or in the person's own words."""

    date = PrivateDateField(_("Date"), without_year="last")
    time = TimeBox(_("Time"))
    about = tick(_("About then: I'm not sure of the exact time"))
    when_text = PrivateTextField(
        _("Or say when in your own words"),
        200,
        help_text=_("For example: the Saturday after my birthday, late evening."),
    )
    happened = PrivateTextField(
        _("What happened"),
        10_000,
        rows=5,
        required=True,
        help_text=_("The facts first: what was said and done, in the order it happened."),
        error_messages={"required": NEED_HAPPENED},
    )

    def clean_date(self):
        date = self.cleaned_data.get("date")
        if date and date > timezone.localdate() + datetime.timedelta(days=1):
            raise forms.ValidationError(FUTURE)
        return date

    def to_entry(self) -> dict[str, Any]:
        data = self.cleaned_data
        time = data.get("time")
        return {
            "date": iso(data.get("date")),
            "time": time.strftime("%H:%M") if time else "",
            "about": bool(data.get("about")),
            "when_text": data.get("when_text", ""),
            "happened": data.get("happened", ""),
        }


class QuickForm(WhenForm):
    """Just the facts now, details later: when, and one box."""

    def to_entry(self) -> dict[str, Any]:
        return {**super().to_entry(), "kind": QUICK}


class IncidentForm(WhenForm):
    """The whole entry. `template` adds its boxes ("work", "family") and ticks its tags."""

    where = PrivateTextField(_("Where"), 300)
    who = PrivateTextField(_("Who was involved"), 500)
    felt = PrivateTextField(
        _("What I felt"), 5000, rows=3, help_text=_("In your body and in your mind, then or after.")
    )
    meant = PrivateTextField(
        _("What I think it meant"),
        5000,
        rows=3,
        help_text=_("Your own reading of it, kept apart from the facts."),
    )
    witnesses = PrivateTextField(
        _("Who saw or heard it"),
        1000,
        rows=2,
        help_text=_(
            "Names, and how to reach them if you know. Include anyone you told soon after."
        ),
    )
    injuries = PrivateTextField(
        _("Injuries or damage"),
        2000,
        rows=2,
        help_text=_("Anything hurt or broken, and whether you saw a doctor or nurse."),
    )
    references = PrivateTextField(
        _("Reference numbers"),
        500,
        help_text=_("Police, HR or case numbers, and who gave them to you."),
    )
    tags = forms.MultipleChoiceField(
        label=_("Tags"),
        choices=TAGS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Please choose from the tags shown.")},
    )

    def __init__(self, *args, template: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.template = TEMPLATES.get(template)
        if self.template:
            for name, extra in self.template.extra.items():
                self.fields[name] = copy.deepcopy(extra)

    @property
    def template_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.template.extra] if self.template else []

    def to_entry(self) -> dict[str, Any]:
        data = self.cleaned_data
        entry = super().to_entry()
        for name in ("where", "who", "felt", "meant", "witnesses", "injuries", "references"):
            entry[name] = data.get(name, "")
        entry["tags"] = [slug for slug, _label in TAGS if slug in data.get("tags", [])]
        entry["kind"] = FULL
        entry["template"] = self.template.slug if self.template else ""
        for name in self.template.extra if self.template else ():
            entry[name] = data.get(name, "")
        return entry


def new_initial(template: str = "") -> dict[str, Any]:
    found = TEMPLATES.get(template)
    return {"date": timezone.localdate(), "tags": list(found.tags) if found else []}


def initial_from_entry(entry: dict[str, Any]) -> dict[str, Any]:
    """A saved entry as the form's starting values."""
    values: dict[str, Any] = {
        name: entry.get(name, "")
        for name, _label in FIELD_LABELS
        if isinstance(entry.get(name, ""), str)
    }
    values.update(
        {
            "date": entry.get("date", ""),
            "time": entry.get("time", ""),
            "about": bool(entry.get("about")),
            "when_text": entry.get("when_text", ""),
            "tags": [t for t in entry.get("tags", []) if t in TAG_LABELS],
        }
    )
    return values
