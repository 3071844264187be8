"""The money plan, for the person's own export and restore."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.export_tables import Table, export_tables, restore_tables
from core.pdf import Writer
from money.actions import SECTIONS, Fund
from money.content import ACCOUNT_STEPS, PAPER_STATUSES, PAPERS
from money.models import MoneyPlan
from money.templatetags.money_tags import money

VERSION = 1
TITLE = _("A money plan of your own")
TABLES = [Table(MoneyPlan, "money_plan", json=list(SECTIONS), single=True)]
DONE_MARK = "✓"
OPEN_MARK = "○"


def export(user, box) -> dict:
    return export_tables(user, box, TABLES, VERSION)


def restore(user, box, data) -> None:
    restore_tables(user, box, data, TABLES, VERSION)


def _budget(out: Writer, budget: dict) -> None:
    currency = budget.get("currency", "")
    out.heading(_("Monthly budget"))
    for title, name in ((_("Coming in"), "income"), (_("Going out"), "expenses")):
        rows = budget.get(name) or []
        if rows:
            out.line(title)
        for row in rows:
            out.small(f"{row.get('label', '')}: {money(row.get('amount'), currency)}")


def _fund(out: Writer, data: dict, currency: str) -> None:
    fund = Fund.from_data(data)
    out.heading(_("Emergency fund"))
    if fund.goal:
        out.line(_("Goal: %(amount)s") % {"amount": money(fund.goal, currency)})
    out.line(_("Saved so far: %(amount)s") % {"amount": money(fund.saved, currency)})
    for deposit in sorted(fund.deposits, key=lambda d: d.get("date", "")):
        note = f"  {deposit['note']}" if deposit.get("note") else ""
        out.small(f"{deposit.get('date', '')}  {money(deposit['amount'], currency)}{note}")


def _papers(out: Writer, papers: dict) -> None:
    statuses = dict(PAPER_STATUSES)
    out.heading(_("Paperwork checklist"))
    for item in PAPERS:
        answer = papers.get(item.key) or {}
        if not answer:
            continue
        status = statuses.get(answer.get("status"), answer.get("status", ""))
        out.line(f"{item.title}: {status}")
        if answer.get("where"):
            out.small(answer["where"])


def _steps(out: Writer, steps: dict) -> None:
    out.heading(_("Steps toward an account of your own"))
    for item in ACCOUNT_STEPS:
        answer = steps.get(item.key) or {}
        out.line(f"{DONE_MARK if answer.get('done') else OPEN_MARK} {item.title}")
        if answer.get("note"):
            out.small(answer["note"])


def readable(out: Writer, data: dict) -> None:
    plan = data.get("money_plan") or {}
    if not any(plan.get(section) for section in SECTIONS):
        out.small(_("Nothing written here yet."))
        return
    budget = plan.get("budget") or {}
    if budget:
        _budget(out, budget)
    if plan.get("fund"):
        _fund(out, plan["fund"], budget.get("currency", ""))
    if plan.get("papers"):
        _papers(out, plan["papers"])
    if plan.get("steps"):
        _steps(out, plan["steps"])
