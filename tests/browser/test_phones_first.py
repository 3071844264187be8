"""Phones first: what a 360 px screen shows is whole, tidy and true.

- The reconciliation weeks are a list of weeks on a phone: no column narrower
  than its words, nothing cut off, no sideways scroll.
- A new space says "Welcome" the first time, "Welcome back" after.
- The home page's "More tools" card has no separators left over on a line.
- The recovery code breaks between its groups, never inside one.
- Date hints describe the date box the browser shows, not an order of their own.
"""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from assess import actions as assess_actions
from assess.scoring import WEEKS_SHOWN
from conftest import OWNER_NAME, OWNER_PASSPHRASE
from tests.browser.plugin import sideways
from vault.box import Box

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
NAME = "wren"
PASSPHRASE = "quiet meadow copper lantern"

# Elements whose text is cut off or squeezed: wider content than their box, or
# a box narrower than its longest word (a heading wrapping a letter a line).
SQUEEZED = """(selector) => [...document.querySelectorAll(selector)]
  .filter((e) => e.getClientRects().length > 0)
  .filter((e) => {
    const longest = Math.max(...e.innerText.split(/\\s+/).map((word) => {
      const probe = document.createElement("span");
      probe.textContent = word;
      probe.style.whiteSpace = "nowrap";
      e.appendChild(probe);
      const width = probe.getBoundingClientRect().width;
      probe.remove();
      return width;
    }));
    return e.scrollWidth > e.clientWidth + 1 || e.clientWidth + 1 < longest;
  })
  .map((e) => `${e.tagName.toLowerCase()}: ${e.innerText.slice(0, 30)}`)"""


def phone(open_page):
    page = open_page(360)
    page.set_viewport_size(PHONE)
    return page


def test_the_weeks_grid_is_a_list_of_weeks_on_a_phone(owner_dek, open_page, sign_in):
    member, dek = owner_dek
    today = timezone.localdate()
    for weeks_ago, sign, status in [(0, "acknowledged", "held"), (2, "change", "slipped")]:
        on = today - datetime.timedelta(weeks=weeks_ago)
        assess_actions.add_observation(
            member,
            Box(dek),
            {"on": on.isoformat(), "sign": sign, "status": status, "note": ""},
        )
    page = phone(open_page)
    sign_in(page, OWNER_NAME, OWNER_PASSPHRASE)
    page.goto("/check/reconciliation/")

    expect(page.locator("table.weeks")).to_be_hidden()
    weeks = page.locator(".weeks-list > li")
    expect(weeks.first).to_be_visible()
    assert weeks.count() == WEEKS_SHOWN
    first = weeks.first.inner_text()
    assert "Harm acknowledged" in first and "Held" in first  # this week comes first
    assert page.evaluate(SQUEEZED, ".weeks-list h3, .weeks-list dt, .weeks-list dd") == []
    assert sideways(page) is None

    # A wide screen keeps the grid, and the list is not shown twice.
    page.set_viewport_size({"width": 1280, "height": 800})
    expect(page.locator("table.weeks")).to_be_visible()
    expect(page.locator(".weeks-list")).to_be_hidden()


def test_a_new_space_says_welcome_then_welcome_back(open_page):
    page = phone(open_page)
    page.goto("/start/")
    page.fill("#id_username", NAME)
    page.fill("#id_new_passphrase", PASSPHRASE)
    page.fill("#id_new_passphrase_again", PASSPHRASE)
    page.get_by_role("button", name="Create my space").click()
    page.wait_for_url("**/recovery-code/")

    # The code breaks between its groups only: each group is one box on one line.
    groups = page.locator(".recovery-code .group")
    assert groups.count() == 5
    lines = {round(box["y"]) for box in groups.evaluate_all(BOXES)}
    assert len(lines) > 1, "the code fits on one line: make the screen narrower"
    for rects in groups.evaluate_all("els => els.map((e) => e.getClientRects().length)"):
        assert rects == 1, "a group of the recovery code is broken across lines"
    assert sideways(page) is None
    code = page.inner_text(".recovery-code code")
    assert len(code.split("-")) == 5

    page.fill("#id_code", code)
    page.get_by_role("button", name="I've kept it safe").click()
    page.wait_for_url("**/home/")
    assert page.inner_text("h1") == f"Welcome, {NAME}"
    page.reload()
    assert page.inner_text("h1") == f"Welcome back, {NAME}"


BOXES = "els => els.map((e) => e.getBoundingClientRect().toJSON())"


def test_more_tools_has_no_stray_separators_on_a_phone(owner, open_page, sign_in):
    page = phone(open_page)
    sign_in(page, OWNER_NAME, OWNER_PASSPHRASE)
    card = page.locator("section[aria-labelledby=tools-title]")
    text = card.inner_text()
    assert "·" not in text and "|" not in text
    # Every link is whole inside the card, and each quieter link sits below its tool's
    # main link.
    inside = card.bounding_box()
    for box in card.locator("a").evaluate_all(BOXES):
        assert inside["x"] <= box["x"] and box["x"] + box["width"] <= inside["x"] + inside["width"]
    for tool in card.locator(".tools > li").all():
        main = tool.locator("> a").bounding_box()
        for quiet in tool.locator(".also a").all():
            assert quiet.bounding_box()["y"] > main["y"] + main["height"] / 2
    assert sideways(page) is None


def test_date_hints_describe_the_date_box_not_an_order(owner, open_page, sign_in):
    page = phone(open_page)
    sign_in(page, OWNER_NAME, OWNER_PASSPHRASE)
    page.goto("/exit-plan/1/")
    target = page.locator("#id_target")
    assert target.get_attribute("type") == "date"
    # Chromium draws its own date box here (mm/dd/yyyy in American English), so
    # no hint on the page may name another order.
    assert page.evaluate("document.querySelector('#id_target').type") == "date"
    main = page.inner_text("main")
    assert "day first" not in main
    assert "14/03" not in main
    assert "Use the date box to choose a day." in main
