from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.decorators import private_view
from money import actions
from money.amounts import to_text
from money.content import ACCOUNT_STEPS
from money.forms import (
    BudgetRowFormSet,
    CurrencyForm,
    DepositForm,
    FundForm,
    PapersForm,
    StepsForm,
    padded,
    raw_rows,
)
from vault import drafts

BUDGET_DRAFT = "money-budget"
PAPERS_DRAFT = "money-papers"
STEPS_DRAFT = "money-account"
ROW_LISTS = ("income", "expenses")


def get_deposit_for_user(request, deposit_id) -> dict:
    """A deposit lives inside the person's own sealed plan; anyone else's is not found."""
    fund = actions.Fund.from_data(actions.open_section(request.user, request.vault, "fund"))
    deposit = fund.deposit(deposit_id)
    if deposit is None:
        raise Http404
    return deposit


def _currency(request) -> str:
    return actions.open_section(request.user, request.vault, "budget").get("currency", "")


@private_view
def index(request):
    box = request.vault
    budget = actions.Budget.from_data(actions.open_section(request.user, box, "budget"))
    return render(
        request,
        "money/index.html",
        {
            "budget": budget,
            "currency": budget.currency,
            "fund": actions.Fund.from_data(actions.open_section(request.user, box, "fund")),
            "papers": actions.papers_progress(actions.open_section(request.user, box, "papers")),
            "steps": actions.steps_progress(actions.open_section(request.user, box, "steps")),
        },
    )


# ---- Budget ----


def _row_formsets_from(rows_by_list: dict[str, list[dict]]):
    """Unbound row lists showing exactly what was typed (no error messages)."""
    return {
        name: BudgetRowFormSet(prefix=name, initial=rows) for name, rows in rows_by_list.items()
    }


@private_view
def budget(request):
    saved = actions.open_section(request.user, request.vault, "budget")
    summary = actions.Budget.from_data(saved)
    action = request.POST.get("action", "save")
    draft = None

    if request.method == "POST" and action.startswith("add-"):
        # "Add more rows": the same page again, everything typed kept, more blank rows.
        grow = action.removeprefix("add-")
        formsets = _row_formsets_from(
            {
                name: padded(raw_rows(request.POST, name), 3 if name == grow else 0)
                for name in ROW_LISTS
            }
        )
        currency_form = CurrencyForm(initial={"currency": request.POST.get("currency", "")})
    elif request.method == "POST":
        currency_form = CurrencyForm(request.POST)
        formsets = {name: BudgetRowFormSet(request.POST, prefix=name) for name in ROW_LISTS}
        if currency_form.is_valid() and all(f.is_valid() for f in formsets.values()):
            actions.save_budget(
                request.user,
                request.vault,
                currency_form.cleaned_data["currency"],
                formsets["income"].rows(),
                formsets["expenses"].rows(),
            )
            drafts.discard(request, BUDGET_DRAFT)
            messages.success(request, _("Your budget is saved."))
            return redirect(f"{reverse('money:budget')}#budget-summary")
    else:
        draft = drafts.load(request, BUDGET_DRAFT)
        if draft:
            rows = {name: padded(raw_rows(draft, name), 0) for name in ROW_LISTS}
            currency = draft.get("currency", "")
        else:
            rows = {
                name: padded(
                    [
                        {"label": r["label"], "amount": to_text(r["amount"])}
                        for r in getattr(summary, name)
                    ]
                )
                for name in ROW_LISTS
            }
            currency = summary.currency
        formsets = _row_formsets_from(rows)
        currency_form = CurrencyForm(initial={"currency": currency})

    return render(
        request,
        "money/budget.html",
        {
            "summary": summary,
            "currency": summary.currency,
            "currency_form": currency_form,
            "income": formsets["income"],
            "expenses": formsets["expenses"],
            "has_errors": request.method == "POST"
            and not action.startswith("add-")
            and (not currency_form.is_valid() or any(f.errors for f in formsets.values())),
            "draft_restored": bool(draft),
            "draft_key": BUDGET_DRAFT,
        },
    )


# ---- Emergency fund ----


@private_view
def fund(request):
    data = actions.open_section(request.user, request.vault, "fund")
    current = actions.Fund.from_data(data)
    action = request.POST.get("action")
    fund_form = FundForm(
        request.POST if action == "totals" else None,
        initial={"goal": current.goal, "saved": current.saved if data else None},
    )
    deposit_form = DepositForm(request.POST if action == "deposit" else None, prefix="deposit")

    if action == "totals" and fund_form.is_valid():
        actions.save_fund_totals(
            request.user,
            request.vault,
            fund_form.cleaned_data["goal"],
            fund_form.cleaned_data["saved"],
        )
        messages.success(request, _("Your emergency fund is updated."))
        return redirect("money:fund")
    if action == "deposit" and deposit_form.is_valid():
        actions.add_deposit(
            request.user,
            request.vault,
            deposit_form.cleaned_data["date"],
            deposit_form.cleaned_data["amount"],
            deposit_form.cleaned_data["note"],
        )
        messages.success(request, _("Added. Every bit you put aside counts."))
        return redirect("money:fund")

    return render(
        request,
        "money/fund.html",
        {
            "fund": current,
            "currency": _currency(request),
            "fund_form": fund_form,
            "deposit_form": deposit_form,
        },
    )


@private_view
def deposit_remove(request, deposit_id):
    deposit = get_deposit_for_user(request, deposit_id)
    if request.method == "POST":
        actions.remove_deposit(request.user, request.vault, deposit_id)
        messages.success(request, _("That entry is removed, and your total is updated."))
        return redirect("money:fund")
    return render(
        request,
        "money/deposit_remove.html",
        {
            "deposit": deposit,
            "currency": _currency(request),
        },
    )


# ---- Paperwork ----


@private_view
def papers(request):
    draft = drafts.load(request, PAPERS_DRAFT) if request.method == "GET" else None
    saved = actions.open_section(request.user, request.vault, "papers")
    initial = PapersForm.initial_from(saved)
    if draft:
        initial.update({k: v for k, v in draft.items() if k in initial})
    form = PapersForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        actions.save_section(request.user, request.vault, "papers", form.answers())
        drafts.discard(request, PAPERS_DRAFT)
        messages.success(request, _("Your paperwork checklist is saved."))
        return redirect("money:papers")
    return render(
        request,
        "money/papers.html",
        {
            "form": form,
            "progress": actions.papers_progress(saved),
            "draft_restored": bool(draft),
            "draft_key": PAPERS_DRAFT,
        },
    )


# ---- Steps toward a separate account ----


@private_view
def account(request):
    draft = drafts.load(request, STEPS_DRAFT) if request.method == "GET" else None
    saved = actions.open_section(request.user, request.vault, "steps")
    if draft:
        # A draft is the whole form as it was: an unticked box is simply absent.
        initial = {}
        for item in ACCOUNT_STEPS:
            initial[f"{item.key}-done"] = bool(draft.get(f"{item.key}-done"))
            initial[f"{item.key}-note"] = draft.get(f"{item.key}-note", "")
    else:
        initial = StepsForm.initial_from(saved)
    form = StepsForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        actions.save_section(request.user, request.vault, "steps", form.answers())
        drafts.discard(request, STEPS_DRAFT)
        messages.success(request, _("Your steps are saved."))
        return redirect("money:account")
    return render(
        request,
        "money/account.html",
        {
            "form": form,
            "progress": actions.steps_progress(saved),
            "draft_restored": bool(draft),
            "draft_key": STEPS_DRAFT,
        },
    )
