"""The person's reasons, safety plan and exit plan, for their own export and restore."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.export_tables import Table, export_tables, restore_tables
from core.pdf import Writer
from plan.exit_content import STEPS
from plan.models import ExitPlan, Reason, SafetyPlan
from plan.pdf import write_safety_plan
from plan.printable import DONE_MARK, OPEN_MARK
from plan.printable import TITLE as SAFETY_PLAN_TITLE
from plan.printable import printable as printable_safety_plan

VERSION = 1
TITLE = _("Reasons and plans")
TABLES = [
    Table(Reason, "reasons", text=["text"], plain=["position"]),
    Table(SafetyPlan, "safety_plan", json=["data"], single=True),
    Table(ExitPlan, "exit_plan", json=["data"], single=True),
]


def export(user, box) -> dict:
    return export_tables(user, box, TABLES, VERSION)


def restore(user, box, data) -> None:
    restore_tables(user, box, data, TABLES, VERSION)


def _mark(done) -> str:
    return DONE_MARK if done else OPEN_MARK


def readable(out: Writer, data: dict) -> None:
    """The export's PDF: what the person wrote, in the order the pages show it."""
    out.section(_("My reasons"))
    reasons = data.get("reasons") or []
    for row in reasons:
        out.line(f"• {row.get('text', '')}")
    if not reasons:
        out.small(_("Nothing written here yet."))

    safety = (data.get("safety_plan") or {}).get("data")
    out.section(SAFETY_PLAN_TITLE)
    if safety:
        write_safety_plan(out, printable_safety_plan(safety))
    else:
        out.small(_("Nothing written here yet."))

    saved_steps = ((data.get("exit_plan") or {}).get("data") or {}).get("steps", {})
    out.section(_("My exit plan"))
    if not saved_steps:
        out.small(_("Nothing written here yet."))
    for step in STEPS:
        saved = saved_steps.get(str(step.number))
        if not saved:
            continue
        out.heading(_("Step %(number)s: %(title)s") % {"number": step.number, "title": step.title})
        if saved.get("target"):
            out.small(f"{_('Aim to finish this step by')}: {saved['target']}")
        tasks = saved.get("tasks", {})
        for key, label in step.tasks:
            task = tasks.get(key, {})
            when = f" ({task['date']})" if task.get("date") else ""
            out.line(f"{_mark(task.get('done'))} {label}{when}")
        for row in saved.get("own", []):
            when = f" ({row['date']})" if row.get("date") else ""
            out.line(f"{_mark(row.get('done'))} {row.get('text', '')}{when}")
        if saved.get("notes"):
            out.small(saved["notes"])
