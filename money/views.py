from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.decorators import private_view
from money import actions
from money.forms import BudgetForm, DepositForm, FundForm, PapersForm, StepsForm
from vault.forms import drafted

BUDGET_DRAFT = "money-budget"
PAPERS_DRAFT = "money-papers"
STEPS_DRAFT = "money-account"


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


def _budget_initial(summary: actions.Budget) -> dict:
    initial: dict = {"currency": summary.currency}
    for name in ("income", "expenses"):
        initial.update(getattr(BudgetForm, name).initial(getattr(summary, name)))
    return initial


def _save_budget(request, form: BudgetForm) -> None:
    actions.save_budget(
        request.user,
        request.vault,
        form.cleaned_data["currency"],
        form.income.values(),
        form.expenses.values(),
    )


@private_view
def budget(request):
    summary = actions.Budget.from_data(actions.open_section(request.user, request.vault, "budget"))
    page = drafted(
        request,
        BUDGET_DRAFT,
        BudgetForm,
        initial=lambda: _budget_initial(summary),
        save=lambda form: _save_budget(request, form),
    )
    if page.saved:
        messages.success(request, _("Your budget is saved."))
        return redirect(f"{reverse('money:budget')}#budget-summary")
    return render(
        request,
        "money/budget.html",
        {
            **page.context(),
            "summary": summary,
            "currency": summary.currency,
            "has_errors": bool(page.form.is_bound and page.form.errors),
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
    saved = actions.open_section(request.user, request.vault, "papers")
    page = drafted(
        request,
        PAPERS_DRAFT,
        PapersForm,
        initial=lambda: PapersForm.initial_from(saved),
        save=lambda form: actions.save_section(
            request.user, request.vault, "papers", form.answers()
        ),
    )
    if page.saved:
        messages.success(request, _("Your paperwork checklist is saved."))
        return redirect("money:papers")
    return render(
        request,
        "money/papers.html",
        {**page.context(), "progress": actions.papers_progress(saved)},
    )


# ---- Steps toward a separate account ----


@private_view
def account(request):
    saved = actions.open_section(request.user, request.vault, "steps")
    # A draft is the whole form as it was left: an unticked box is simply absent.
    page = drafted(
        request,
        STEPS_DRAFT,
        StepsForm,
        initial=lambda: StepsForm.initial_from(saved),
        save=lambda form: actions.save_section(
            request.user, request.vault, "steps", form.answers()
        ),
    )
    if page.saved:
        messages.success(request, _("Your steps are saved."))
        return redirect("money:account")
    return render(
        request,
        "money/account.html",
        {**page.context(), "progress": actions.steps_progress(saved)},
    )
