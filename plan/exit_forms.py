"""The form for one step of the exit plan, and how it maps to the sealed plan data.

Stored shape for one step (inside the plan's sealed JSON, under "steps"):

    {"tasks": {key: {"done": bool, "date": "2026-03-14"}},
     "own": [{"text", "done", "date"}], "notes": "...", "target": "2026-04-01"}
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from plan.exit_content import Step
from plan.safety_content import ADD_ROWS, BLANK_ROWS, MAX_ROWS, MIN_ROWS
from vault.forms import PrivateDateField, PrivateTextField, RowList, RowListForm, iso, tick

OWN = "own"
# The hint describes the control, not an order of day and month: a browser's
# date box shows its own order (mm/dd/yyyy in American English). Only where no
# date box appears does the field's placeholder show an order (vault.forms).
DATE_HELP = _("Optional. Use the date box to choose a day.")


class ExitStepForm(RowListForm):
    own_tasks = RowList(
        {
            "text": PrivateTextField(_("Your own task"), 300),
            "done": tick(_("Done")),
            "date": PrivateDateField(_("Aim to do it by")),
        },
        prefix=OWN,
        needs={"text": _("What is this task? Add a few words, or clear the row.")},
        minimum=MIN_ROWS,
        blank=BLANK_ROWS,
        add=ADD_ROWS,
        maximum=MAX_ROWS,
    )

    def __init__(self, *args, step: Step, **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step
        for key, label in step.tasks:
            self.fields[f"task-{key}-done"] = tick(label)
            self.fields[f"task-{key}-date"] = PrivateDateField(_("Aim to do it by"))
        self.fields["notes"] = PrivateTextField(_("Your notes for this step"), 5000, rows=5)
        self.fields["target"] = PrivateDateField(
            _("Aim to finish this step by"), help_text=DATE_HELP
        )

    @property
    def own_rows(self) -> int:
        return self.own_tasks.count

    def tasks(self):
        return [(self[f"task-{key}-done"], self[f"task-{key}-date"]) for key in self.step.task_keys]

    def own(self):
        return [(row.number, *row.fields) for row in self.own_tasks]

    def to_step(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "tasks": {
                key: {"done": data[f"task-{key}-done"], "date": iso(data[f"task-{key}-date"])}
                for key in self.step.task_keys
                if data[f"task-{key}-done"] or data[f"task-{key}-date"]
            },
            "own": [{**row, "date": iso(row["date"])} for row in self.own_tasks.values()],
            "notes": data["notes"],
            "target": iso(data["target"]),
        }


def initial_from_step(saved: Mapping[str, Any]) -> dict[str, Any]:
    initial: dict[str, Any] = {"notes": saved.get("notes", ""), "target": saved.get("target", "")}
    for key, task in saved.get("tasks", {}).items():
        initial[f"task-{key}-done"] = bool(task.get("done"))
        initial[f"task-{key}-date"] = task.get("date", "")
    initial.update(ExitStepForm.own_tasks.initial(saved.get("own", [])))
    return initial
