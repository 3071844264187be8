"""Fill every private field of the money plan with the canary, through HTTP."""

import re

from django.test import Client

REMOVE_LINK = re.compile(r"/money/emergency-fund/([0-9a-f-]{36})/remove/")


def _budget_post(canary: str, **extra) -> dict:
    data = {
        "currency": f"{canary}",
        "income-rows": "3",
        "income-0-label": f"{canary} pay",
        "income-0-amount": "1200",
        "income-1-label": f"{canary} support",
        "income-1-amount": "150,50",
        "expenses-rows": "3",
        "expenses-0-label": f"{canary} rent",
        "expenses-0-amount": "700",
    }
    data.update(extra)
    return data


def use_everything(client: Client, canary: str) -> None:
    from money.content import ACCOUNT_STEPS, PAPERS

    # Budget: a draft, "add more rows", a kind error, then the save.
    client.post("/drafts/money-budget/", _budget_post(canary))
    client.post("/money/budget/", _budget_post(canary, more="expenses"))
    client.post("/money/budget/", _budget_post(canary, **{"expenses-0-amount": f"{canary}"}))
    client.post("/money/budget/", _budget_post(canary, action="save"))

    # Emergency fund: goal and total, deposits with notes, one removed.
    client.post("/money/emergency-fund/", {"action": "totals", "goal": "500", "saved": "20"})
    for note in ("first", "second"):
        client.post(
            "/money/emergency-fund/",
            {
                "action": "deposit",
                "deposit-date": "2025-03-01",
                "deposit-amount": "25",
                "deposit-note": f"{canary} {note}",
            },
        )
    ids = REMOVE_LINK.findall(client.get("/money/emergency-fund/").content.decode())
    if ids:
        client.get(f"/money/emergency-fund/{ids[-1]}/remove/")
        client.post(f"/money/emergency-fund/{ids[-1]}/remove/")

    # Paperwork: a status and a hiding place for every document.
    papers = {}
    for item in PAPERS:
        papers[f"{item.key}-status"] = "done"
        papers[f"{item.key}-where"] = f"{canary} {item.key}"
    client.post("/drafts/money-papers/", papers)
    client.post("/money/paperwork/", papers)

    # Steps toward a separate account: ticks and notes.
    steps = {}
    for item in ACCOUNT_STEPS:
        steps[f"{item.key}-done"] = "on"
        steps[f"{item.key}-note"] = f"{canary} {item.key}"
    client.post("/drafts/money-account/", steps)
    client.post("/money/separate-account/", steps)
