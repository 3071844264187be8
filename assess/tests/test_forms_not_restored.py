"""After quick exit and Back, the browser must not put typed answers back into the forms.

Chromium restores what was typed into a form when someone comes back to a page
through history, unless the form says autocomplete="off". On a shared device
that would show the person who harms them what was written. This walks every
page of the feature apps a member can reach by following links, plus the
pages that only a POST shows (the second step of a check, a result), and
checks each form.
"""

import re
from html import unescape

import pytest
from django.core.management import call_command
from django.urls import reverse

from assess.tests.helpers import SAFE, danger_answers, patterns, save_check, step_two
from money.tests.helpers import budget_data
from plan.tests.helpers import FULL_SAFETY_PLAN
from scripts import library
from scripts.tests.test_builder import PARTS

pytestmark = pytest.mark.django_db

FEATURE_PREFIXES = (
    "/home/",
    "/reasons/",
    "/safety-plan/",
    "/exit-plan/",
    "/guide/",
    "/check/",
    "/help/",
    "/scripts/",
    "/money/",
)
# Pages with no forms and nothing to restore; the PDF isn't HTML at all.
SKIP = re.compile(r"/(print|pdf)/$")
FORM_TAG = re.compile(r"<form\b[^>]*>", re.IGNORECASE)
LINK = re.compile(r'href="(/[^"#?]*)')
MAX_PAGES = 120


def forms_without_autocomplete_off(body: str) -> list[str]:
    # The layout's "Lock" button (core/templates/base.html) belongs to another
    # app and holds no field, so nothing typed can come back through it.
    lock = reverse("accounts:lock")
    return [
        tag
        for tag in FORM_TAG.findall(body)
        if 'autocomplete="off"' not in tag and f'action="{lock}"' not in tag
    ]


@pytest.fixture
def member_world(owner_client):
    """One of everything a member can make, so edit and "Remove" pages exist too."""
    call_command("load_guide", verbosity=0)
    call_command("load_resources", verbosity=0)
    library.load()
    client = owner_client
    client.post("/reasons/", {"text": "the garden"})
    client.post("/reasons/", {"text": "the sea"})
    client.post("/safety-plan/", FULL_SAFETY_PLAN)
    client.post(
        "/exit-plan/3/", {"own-rows": "3", "notes": "", "target": "", "task-daily-done": "on"}
    )
    client.post("/check/danger/save/", danger_answers("no"))
    save_check(client)
    client.post(
        "/check/reconciliation/",
        {"on": "2025-01-15", "sign": "acknowledged", "status": "held", "note": "said sorry"},
    )
    reconcile = "/check/reconciliation/if-you-go-ahead/"
    client.post(reconcile, {"form": "conditions", "conditions": "Therapy first"})
    client.post(reconcile, {"form": "step", "on": "2025-06-01", "text": "Therapy", "check": ""})
    client.post("/money/budget/", budget_data(income=[("Pay", "10")], currency="£"))
    client.post(
        "/money/emergency-fund/",
        {"action": "deposit", "deposit-date": "2025-03-01", "deposit-amount": "5"},
    )
    client.post("/scripts/builder/", {"action": "save", **PARTS})
    return client


def crawl(client) -> dict[str, str]:
    """Every feature page reachable by links from the app's front pages."""
    queue = [
        "/home/",
        "/reasons/",
        "/safety-plan/",
        "/exit-plan/",
        "/guide/",
        "/check/",
        "/help/",
        "/scripts/",
        "/money/",
    ]
    pages: dict[str, str] = {}
    while queue and len(pages) < MAX_PAGES:
        path = queue.pop(0)
        if path in pages:
            continue
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            pages[path] = ""
            continue
        body = response.content.decode()
        pages[path] = body
        for link in LINK.findall(body):
            link = unescape(link)
            if link.startswith(FEATURE_PREFIXES) and not SKIP.search(link) and link not in pages:
                # One guide section stands for all of them: they share a template.
                if link.startswith("/guide/") and link.count("/") > 3:
                    continue
                queue.append(link)
    return pages


def kept_things() -> list[int]:
    from assess.models import Conditions, Observation, SavedCheck, Step
    from plan.models import ExitPlan, Reason, SafetyPlan
    from scripts.models import MyScript

    models = (Reason, SafetyPlan, ExitPlan, SavedCheck, Observation, Step, Conditions, MyScript)
    return [model.objects.count() for model in models]


def test_every_form_a_member_can_reach_asks_the_browser_not_to_restore_it(member_world):
    before = kept_things()
    pages = crawl(member_world)
    # Opening a "Remove" or "Clear" page only asks; nothing goes until it is confirmed.
    assert kept_things() == before
    assert 0 not in before
    for must in (
        "/reasons/",
        "/safety-plan/",
        "/exit-plan/1/",
        "/check/danger/",
        "/check/relationship/",
        "/check/reconciliation/",
        "/money/budget/",
        "/money/emergency-fund/",
        "/scripts/",
        "/scripts/builder/",
        "/help/",
        "/guide/",
    ):
        assert must in pages and FORM_TAG.search(pages[must]), must
    removals = [path for path in pages if path.endswith(("/delete/", "/remove/", "/clear/"))]
    assert len(removals) >= 10, removals
    for path, body in pages.items():
        assert forms_without_autocomplete_off(body) == [], path


def test_forms_shown_after_a_post_ask_the_same(owner_client):
    call_command("load_guide", verbosity=0)
    client = owner_client
    shown = {
        "relationship check, questions": client.post(
            "/check/relationship/", {"step": "safety", "relationship": "partner", **SAFE}
        ),
        "relationship check, result": client.post(
            "/check/relationship/", step_two(**patterns("sometimes"))
        ),
        "relationship check, with a mistake": client.post(
            "/check/relationship/", step_two(**patterns(drained="maybe"))
        ),
        "danger screen, result": client.post("/check/danger/", danger_answers("yes")),
        "danger screen, unanswered": client.post("/check/danger/", {}),
        "guide search results": client.post("/guide/search/", {"q": "safety"}),
        "reason too long": client.post("/reasons/", {"text": "x" * 3000}),
        "money budget, with a mistake": client.post(
            "/money/budget/", budget_data(income=[("Pay", "lots")])
        ),
        "scripts builder, preview": client.post(
            "/scripts/builder/", {"action": "preview", **PARTS}
        ),
    }
    for name, response in shown.items():
        body = response.content.decode()
        assert FORM_TAG.search(body), name
        assert forms_without_autocomplete_off(body) == [], name


def test_the_help_page_country_form_asks_the_same_for_a_stranger(stranger_client):
    call_command("load_resources", verbosity=0)
    body = stranger_client.get("/help/").content.decode()
    assert 'name="country"' in body
    assert forms_without_autocomplete_off(body) == []
