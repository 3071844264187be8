"""Fill every private field of the money plan with the canary, through its pages.

Each form is filled from the page as the person sees it (tests/steps.py):
every label, note and hiding place gets the canary, every amount a number.
Every step checks it worked.
"""

from django.test import Client

from tests.steps import get_ok, ids_in, keep_draft, page_form, post_ok

BUDGET = "/money/budget/"
FUND = "/money/emergency-fund/"
REMOVE_DEPOSIT = r"/money/emergency-fund/([0-9a-f-]{36})/remove/"


def use_everything(client: Client, canary: str) -> None:
    make_a_budget(client, canary)
    save_toward_a_fund(client, canary)
    for path, draft, says, choose in (
        (
            "/money/paperwork/",
            "money-papers",
            "Your paperwork checklist is saved.",
            {"*-status": "done"},
        ),
        ("/money/separate-account/", "money-account", "Your steps are saved.", {}),
    ):
        page = get_ok(client, path)
        filled = page_form(page, draft=draft).filled(canary, choose=choose)
        assert filled.typed, f"{path} has no box to write in"
        keep_draft(client, filled.draft_key, filled.data)
        get_ok(client, path, says=filled.typed.values())  # the draft, offered back
        post_ok(client, path, filled.data, then=path, says=[says, *filled.typed.values()])
    get_ok(client, "/money/", step="the money overview")


def make_a_budget(client: Client, canary: str) -> None:
    def filled(page):
        return page_form(page, with_field="currency").filled(canary)

    budget = filled(get_ok(client, BUDGET))
    keep_draft(client, budget.draft_key, budget.data)
    restored = get_ok(client, BUDGET, says=budget.typed.values())
    # More lines without JavaScript: everything typed comes back.
    more = post_ok(
        client,
        BUDGET,
        dict(filled(restored).data, more="expenses"),
        says=budget.typed.values(),
        step="adding expense lines without JavaScript",
    )
    budget = filled(more)
    post_ok(
        client,
        BUDGET,
        dict(budget.data, **{"expenses-0-amount": f"{canary} 12 or 13"}),
        says=['class="error', f"{canary} 12 or 13", *budget.typed.values()],
        step="an amount that is not a number",
    )
    post_ok(
        client,
        BUDGET,
        dict(budget.data, action="save"),
        then=f"{BUDGET}#budget-summary",
        says=["Your budget is saved.", *budget.typed.values()],
    )
    # Begun again and not saved: a draft.
    keep_draft(client, budget.draft_key, dict(budget.data, **{"income-0-label": f"{canary} new"}))


def save_toward_a_fund(client: Client, canary: str) -> None:
    page = get_ok(client, FUND)
    totals = page_form(page, with_field="goal").filled(canary, text={"goal": "500", "saved": "20"})
    post_ok(client, FUND, totals.data, then=FUND, says="Your emergency fund is updated.")
    deposit = page_form(page, with_field="deposit-note")
    for word in ("first", "second"):
        filled = deposit.filled(canary, text={"deposit-note": f"{canary} {word}"})
        post_ok(client, FUND, filled.data, then=FUND, says=["Added.", f"{canary} {word}"])
    last = ids_in(get_ok(client, FUND), REMOVE_DEPOSIT)[-1]
    remove = f"/money/emergency-fund/{last}/remove/"
    get_ok(client, remove, step="asking to remove a deposit")
    post_ok(client, remove, then=FUND, says="That entry is removed")
