"""Reading and writing the sealed money plan.

Shapes inside the sealed JSON (amounts are strings like "12.50"):
  budget: {"currency": "£", "income": [{"label", "amount"}], "expenses": [...]}
  fund:   {"goal": "500.00" or "", "base": "20.00",
           "deposits": [{"id", "date": "2025-03-01", "amount", "note"}]}
  papers: {"<paper key>": {"status": "done" | "not-yet" | "not-for-me", "where"}}
  steps:  {"<step key>": {"done": bool, "note"}}
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from money.amounts import from_text, to_text
from money.content import ACCOUNT_STEPS, PAPER_DONE, PAPER_NOT_FOR_ME, PAPERS
from money.models import MoneyPlan
from vault.box import Box

SECTIONS = ("budget", "fund", "papers", "steps")
ZERO = Decimal("0.00")


def open_section(owner, box: Box, section: str) -> dict:
    assert section in SECTIONS
    plan = MoneyPlan.objects.filter(owner=owner).first()
    if plan is None:
        return {}
    return box.open_json(plan, section, {}) or {}


def save_section(owner, box: Box, section: str, value: dict) -> None:
    assert section in SECTIONS
    with transaction.atomic():
        plan, _created = MoneyPlan.objects.select_for_update().get_or_create(owner=owner)
        setattr(plan, section, box.seal_json(plan, section, value))
        plan.save(update_fields=[section, "updated_at"])


# ---- Budget ----


@dataclass
class Budget:
    currency: str = ""
    income: list[dict] = field(default_factory=list)
    expenses: list[dict] = field(default_factory=list)

    @classmethod
    def from_data(cls, data: dict) -> Budget:
        def rows(name):
            return [
                {"label": r.get("label", ""), "amount": from_text(r.get("amount")) or ZERO}
                for r in data.get(name, [])
            ]

        return cls(data.get("currency", ""), rows("income"), rows("expenses"))

    @property
    def total_income(self) -> Decimal:
        return sum((r["amount"] for r in self.income), ZERO)

    @property
    def total_expenses(self) -> Decimal:
        return sum((r["amount"] for r in self.expenses), ZERO)

    @property
    def left(self) -> Decimal:
        return self.total_income - self.total_expenses

    @property
    def short_by(self) -> Decimal:
        return -self.left if self.left < 0 else ZERO

    @property
    def is_empty(self) -> bool:
        return not self.income and not self.expenses


def save_budget(owner, box: Box, currency: str, income: list[dict], expenses: list[dict]):
    def rows(items):
        return [{"label": r["label"], "amount": to_text(r["amount"])} for r in items]

    save_section(
        owner,
        box,
        "budget",
        {"currency": currency, "income": rows(income), "expenses": rows(expenses)},
    )


# ---- Emergency fund ----


@dataclass
class Fund:
    goal: Decimal | None = None
    base: Decimal = ZERO
    deposits: list[dict] = field(default_factory=list)

    @classmethod
    def from_data(cls, data: dict) -> Fund:
        deposits = [
            {**d, "amount": from_text(d.get("amount")) or ZERO} for d in data.get("deposits", [])
        ]
        deposits.sort(key=lambda d: d.get("date", ""), reverse=True)
        return cls(from_text(data.get("goal")), from_text(data.get("base")) or ZERO, deposits)

    def to_data(self) -> dict:
        return {
            "goal": to_text(self.goal),
            "base": to_text(self.base),
            "deposits": [{**d, "amount": to_text(d["amount"])} for d in self.deposits],
        }

    @property
    def saved(self) -> Decimal:
        return max(ZERO, self.base + sum((d["amount"] for d in self.deposits), ZERO))

    @property
    def percent(self) -> int:
        if not self.goal:
            return 0
        return min(100, int(self.saved * 100 / self.goal))

    @property
    def progress_value(self) -> Decimal:
        return min(self.saved, self.goal) if self.goal else ZERO

    @property
    def reached(self) -> bool:
        return bool(self.goal) and self.saved >= self.goal

    @property
    def still_to_go(self) -> Decimal:
        return max(ZERO, self.goal - self.saved) if self.goal else ZERO

    def deposit(self, deposit_id: str) -> dict | None:
        return next((d for d in self.deposits if d.get("id") == str(deposit_id)), None)


def save_fund_totals(owner, box: Box, goal: Decimal | None, saved: Decimal | None) -> None:
    with transaction.atomic():
        fund = Fund.from_data(open_section(owner, box, "fund"))
        fund.goal = goal
        if saved is not None:
            # The person's figure is the truth; the list of deposits is part of it.
            fund.base = saved - sum((d["amount"] for d in fund.deposits), ZERO)
        save_section(owner, box, "fund", fund.to_data())


def add_deposit(owner, box: Box, day, amount: Decimal, note: str) -> None:
    with transaction.atomic():
        # Lock the plan before reading the fund: two deposits at once must both land.
        plan, _created = MoneyPlan.objects.select_for_update().get_or_create(owner=owner)
        fund = Fund.from_data(box.open_json(plan, "fund", {}) or {})
        fund.deposits.append(
            {"id": str(uuid.uuid4()), "date": day.isoformat(), "amount": amount, "note": note}
        )
        save_section(owner, box, "fund", fund.to_data())


def remove_deposit(owner, box: Box, deposit_id) -> None:
    with transaction.atomic():
        fund = Fund.from_data(open_section(owner, box, "fund"))
        fund.deposits = [d for d in fund.deposits if d.get("id") != str(deposit_id)]
        save_section(owner, box, "fund", fund.to_data())


# ---- Paperwork and account steps: counts for the overview ----


def papers_progress(answers: dict) -> tuple[int, int]:
    """(done, that apply): "not for me" items don't count against anyone."""
    statuses = [answers.get(item.key, {}).get("status") for item in PAPERS]
    applies = [s for s in statuses if s != PAPER_NOT_FOR_ME]
    return sum(1 for s in applies if s == PAPER_DONE), len(applies)


def steps_progress(answers: dict) -> tuple[int, int]:
    done = sum(1 for item in ACCOUNT_STEPS if answers.get(item.key, {}).get("done"))
    return done, len(ACCOUNT_STEPS)
