"""Discreet mode holds up to a glance (T1, T2): on a 360 x 740 phone, with the
disguise on, nothing on the screen says what this app is for.

Someone looking over a shoulder, or making the person open the app, sees the
page's title, the nav, the headings, the cards and the top button. Those say
everyday words (a notes app's), in the real space and in the decoy alike.

What is checked:
- the sign-in, unlock, home and settings pages: all of their visible text,
  the title and the nav, signed out, in the real space and in the decoy;
- each private tool page listed in TOOL_PAGES: its title, nav, headings,
  cards, opening line, banners, footer and quick-exit button (a tool's own
  body text, its questions and advice, is what the person came for and
  stays as it is).

Out of scope, on purpose:
- the guide (/guide/ and its sections): long-form reading about harmful
  relationships; its words are its content, and no heading could be neutral
  without hiding what the person opened it to read;
- the public checks and help pages: opened on purpose for what they say.
"""

import re

import pytest
from playwright.sync_api import expect

from accounts import actions
from conftest import DURESS_PASSPHRASE, OWNER_NAME, OWNER_PASSPHRASE
from core.features import page_url
from journal import demo as journal_demo
from mood import demo as mood_demo
from nocontact.steps import STEPS as NOCONTACT_STEP_LIST
from plan import actions as plan_actions
from plan.demo import decoy_reasons
from plan.tests.helpers import PART_SLUGS
from records import demo as records_demo
from vault.box import Box

pytestmark = pytest.mark.browser

# Words that would tell a glance what this app is for. Whole words, any case.
GIVEAWAYS = re.compile(
    r"\b(danger\w*|abus\w*|safety plan|leave|leaves|leaving|exit plan|escap\w*|violen\w*"
    r"|harm\w*|domestic|duress|decoy|reconcil\w*|refuge|shelter|going back|coerc\w*"
    r"|haven(?!['’]t))\b",
    re.IGNORECASE,
)

NOCONTACT_STEPS = [step.slug for step in NOCONTACT_STEP_LIST]

# The private tools this check covers: URL names, or (name, arguments).
TOOL_PAGES = [
    "plan:reasons",
    "plan:exit",
    *[("plan:exit_step", {"number": n}) for n in range(1, 7)],
    "plan:safety",
    *[("plan:safety_part", {"part": slug}) for slug in PART_SLUGS],
    "plan:safety_summary",
    "plan:safety_print",
    "scripts:index",
    "scripts:builder",
    "scripts:mine",
    "assess:relationship_history",
    "assess:danger_saved",
    "assess:reconcile",
    "assess:reconcile_plan",
    "money:index",
    "money:budget",
    "money:fund",
    "money:papers",
    "money:account",
    "inspire:today",
    "inspire:archive",
    "inspire:saved",
    "circle:index",
    "circle:contact_add",
    "circle:words",
    "circle:check_in_add",
    "community:index",
    ("community:board", {"slug": "planning"}),
    ("community:board", {"slug": "after"}),
    "records:index",
    "records:quick",
    "records:new",
    ("records:new_from", {"template": "work"}),
    ("records:new_from", {"template": "family"}),
    "records:check",
    "records:export",
    "records:shares",
    "records:share_new",
    "journal:index",
    "journal:new",
    ("journal:new_in", {"mode": "letter"}),
    ("journal:new_in", {"mode": "patterns"}),
    "journal:tags",
    "journal:calendar",
    "mood:index",
    "mood:week",
    "mood:month",
    "mood:year",
    "mood:patterns",
    "nocontact:index",
    "nocontact:settings",
    "nocontact:contact",
    "nocontact:tempted",
    *[("nocontact:step", {"slug": slug}) for slug in NOCONTACT_STEPS],
    "nocontact:done",
]

# What a glance takes in on any page: the tab's title, the top button, the nav,
# every heading and card title, the opening line and banners, and the footer.
AT_A_GLANCE = """() => [
  document.title,
  document.querySelector("#quick-exit").innerText,
  ...[...document.querySelectorAll(
    "nav, h1, h2, h3, h4, .card > :first-child, .lead, .banner, footer")].map((e) => e.innerText),
].join("\\n")"""


def giveaways(text: str) -> list[str]:
    return sorted({m.group(0).lower() for m in GIVEAWAYS.finditer(text)})


def whole_page(page) -> str:
    return page.title() + "\n" + page.inner_text("body")


def assert_plain(page, text: str) -> None:
    found = giveaways(text)
    assert found == [], f"{page.url} shows {found}"


@pytest.fixture
def disguised(owner_dek, open_context, live_server):
    """The owner chose "Notes" on this phone, and has a duress passphrase."""
    member, dek = owner_dek
    plan_actions.add_reason(member, Box(dek), "He checks my phone every night.")
    for room in (records_demo, journal_demo, mood_demo):
        room.seed(member, Box(dek))
    actions.set_duress(member, dek, DURESS_PASSPHRASE)
    actions.save_device_settings(member, 15, "https://www.bbc.com/weather", "notes")
    context = open_context(360)
    context.add_cookies([{"name": "hv_d", "value": "notes", "url": live_server.url}])
    page = context.new_page()
    page.set_viewport_size({"width": 360, "height": 740})
    return page


def check_space(page) -> None:
    """Home and settings in full, and each tool page at a glance."""
    for path in ("/home/", "/settings/"):
        page.goto(path)
        assert page.title() == "Notes"
        assert_plain(page, whole_page(page))
    for path in [*map(page_url, TOOL_PAGES), *own_entry_pages(page)]:
        response = page.goto(path)
        assert response is not None and response.status == 200, f"{path}: {response}"
        assert_plain(page, page.evaluate(AT_A_GLANCE))


# The pages of one of the person's own entries: (list page, an entry's
# address in it, the pages under that address).
ENTRY_PAGES = [
    ("/records/", r"/records/[0-9a-f-]{36}/", ["", "edit/", "versions/", "delete/", "files/add/"]),
    ("/journal/", r"/journal/[0-9a-f-]{36}/", ["", "edit/", "delete/"]),
    ("/mood/", r"/mood/[0-9a-f-]{36}/", ["", "delete/"]),
]


def own_entry_pages(page) -> list[str]:
    """Each room's entry pages, for the first entry its list links to (in the
    real space the person's own, in the decoy the decoy's)."""
    # One tap on the mood page first, so today's list holds a check-in in either
    # space (the decoy's made-up days are random and may skip this week).
    page.goto("/mood/")
    with page.expect_navigation():
        page.locator("button.mood-b4").click()
    found = []
    for listing, pattern, below in ENTRY_PAGES:
        page.goto(listing)
        links = re.findall(pattern, page.content())
        assert links, f"{listing} links to no entry: the check would prove nothing"
        found += [links[0] + tail for tail in below]
    return found


def test_the_real_space_says_nothing_at_a_glance(disguised, sign_in):
    page = disguised
    page.goto("/sign-in/")
    assert_plain(page, whole_page(page))
    sign_in(page, OWNER_NAME, OWNER_PASSPHRASE)
    assert page.inner_text("#quick-exit").startswith("Close")
    check_space(page)

    page.get_by_role("button", name="Lock").click()
    page.wait_for_url("**/unlock/")
    assert_plain(page, whole_page(page))


def test_the_decoy_looks_like_an_ordinary_notes_app(disguised, sign_in):
    page = disguised
    sign_in(page, OWNER_NAME, DURESS_PASSPHRASE)
    main = page.inner_text("main")
    for reason in decoy_reasons():
        assert reason in main
    assert "He checks my phone" not in page.content()
    for heading in ("Notes to self", "Checklist", "Six steps"):
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
    check_space(page)


def test_the_same_pages_without_discreet_mode_do_say_what_they_are(owner, page, sign_in):
    # The check above can fail: without the disguise these words are shown.
    sign_in(page, OWNER_NAME, OWNER_PASSPHRASE)
    assert "safety plan" in giveaways(whole_page(page))
    assert "leave" in giveaways(page.inner_text("#quick-exit"))
    page.goto("/settings/")
    assert {"duress", "haven"} <= set(giveaways(whole_page(page)))
