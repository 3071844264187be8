"""The form for one step of the exit plan, and how it maps to the sealed plan data.

Stored shape for one step (inside the plan's sealed JSON, under "steps"):

    {"tasks": {key: {"done": bool, "date": "2026-03-14"}},
     "own": [{"text", "done", "date"}], "notes": "...", "target": "2026-04-01"}
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from plan import fields
from plan.exit_content import Step

OWN = "own"
DATE_HELP = _("Optional. If no calendar appears, write the day first, like 14/03/2026.")


class ExitStepForm(forms.Form):
    def __init__(
        self, step: Step, data=None, initial: dict[str, Any] | None = None, more: str | None = None
    ):
        super().__init__(data=data, initial=initial)
        self.step = step
        source = data if data is not None else (initial or {})
        self.own_rows = fields.row_count(source, OWN, more)
        for key, label in step.tasks:
            self.fields[f"task-{key}-done"] = fields.tick(label)
            self.fields[f"task-{key}-date"] = fields.KindDateField(_("Aim to do it by"))
        for index in range(self.own_rows):
            self.fields[f"{OWN}-{index}-text"] = fields.text(_("Your own task"), 300)
            self.fields[f"{OWN}-{index}-done"] = fields.tick(_("Done"))
            self.fields[f"{OWN}-{index}-date"] = fields.KindDateField(_("Aim to do it by"))
        self.fields["notes"] = fields.text(_("Your notes for this step"), 5000, area=True, rows=5)
        self.fields["target"] = fields.KindDateField(
            _("Aim to finish this step by"), help_text=DATE_HELP
        )

    def tasks(self):
        return [(self[f"task-{key}-done"], self[f"task-{key}-date"]) for key in self.step.task_keys]

    def own(self):
        return [
            (
                index + 1,
                self[f"{OWN}-{index}-text"],
                self[f"{OWN}-{index}-done"],
                self[f"{OWN}-{index}-date"],
            )
            for index in range(self.own_rows)
        ]

    def clean(self):
        data = super().clean() or {}
        for index in range(self.own_rows):
            name = f"{OWN}-{index}-text"
            if name in self.errors or data.get(name):
                continue
            if data.get(f"{OWN}-{index}-done") or data.get(f"{OWN}-{index}-date"):
                self.add_error(name, _("What is this task? Add a few words, or clear the row."))
        return data

    def to_step(self) -> dict[str, Any]:
        data = self.cleaned_data
        own = []
        for index in range(self.own_rows):
            row = {column: data[f"{OWN}-{index}-{column}"] for column in ("text", "done", "date")}
            if row["text"]:
                own.append(row)
        return {
            "tasks": {
                key: {"done": data[f"task-{key}-done"], "date": data[f"task-{key}-date"]}
                for key in self.step.task_keys
                if data[f"task-{key}-done"] or data[f"task-{key}-date"]
            },
            "own": own,
            "notes": data["notes"],
            "target": data["target"],
        }


def initial_from_step(saved: Mapping[str, Any]) -> dict[str, Any]:
    initial: dict[str, Any] = {"notes": saved.get("notes", ""), "target": saved.get("target", "")}
    for key, task in saved.get("tasks", {}).items():
        initial[f"task-{key}-done"] = bool(task.get("done"))
        initial[f"task-{key}-date"] = task.get("date", "")
    own = saved.get("own", [])
    initial[f"{OWN}-rows"] = fields.rows_for_saved(len(own))
    for index, row in enumerate(own):
        initial[f"{OWN}-{index}-text"] = row.get("text", "")
        initial[f"{OWN}-{index}-done"] = bool(row.get("done"))
        initial[f"{OWN}-{index}-date"] = row.get("date", "")
    return initial
