"""On a 360 px phone, with the keyboard alone: from the dashboard's "Tempted?"
button through every step of the pause, the breathing minute and the ten-minute
wait timed by their scripts (the page's clock is a test clock, moved on)."""

import datetime
import re

import pytest

from conftest import OWNER_NAME, OWNER_PASSPHRASE
from nocontact import actions
from plan import actions as plan
from tests.browser.plugin import PHONE, sideways
from vault.box import Box

pytestmark = pytest.mark.browser

ACTIVE_TEXT = "document.activeElement ? document.activeElement.textContent.trim() : ''"


def tab_to(page, text: str, limit: int = 60) -> None:
    """Tab until the focused element's text starts with `text`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(ACTIVE_TEXT).startswith(text):
            return
    raise AssertionError(f"Tab never reached {text!r} on {page.url}")


def tab_to_field(page, name: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.name") == name:
            return
    raise AssertionError(f"Tab never reached the box {name!r} on {page.url}")


def press_on(page, text: str, then: str) -> None:
    tab_to(page, text)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(then), f"{text!r} led to {page.url}, not {then}"
    assert sideways(page) is None, f"{page.url} {sideways(page)}"


def test_the_whole_pause_by_keyboard_on_a_phone(owner_dek, open_page, sign_in):
    user, dek = owner_dek
    box = Box(dek)
    plan.add_reason(user, box, "I want quiet evenings again.")
    plan.save_safety_plan(user, box, {"person": {"name": "Alex", "reach": "07700 900 321"}})
    actions.save_counter(
        user, box, {"mode": "none", "start": datetime.date.today() - datetime.timedelta(6)}
    )

    page = open_page(PHONE)
    page.clock.install()
    sign_in(page, OWNER_NAME, OWNER_PASSPHRASE)
    assert "7" in page.inner_text(".steady-card .steady-number")
    assert sideways(page) is None, sideways(page)

    # The dashboard card's button.
    press_on(page, "Tempted?", "/steady/pause/")

    # 1. Breathing: with JavaScript, a paced minute instead of the written steps.
    assert page.locator("[data-breathe-steps]").is_hidden()
    tab_to(page, "Start the minute")
    page.keyboard.press("Enter")
    assert page.inner_text("[data-breathe-word]") == "Breathe in"
    assert page.inner_text("[data-breathe-count]") == "4"
    page.clock.run_for(4500)
    assert page.inner_text("[data-breathe-word]") == "Breathe out"
    # The page's clock also runs on its own between steps: allow a second for it.
    assert re.search(r"^5[56] seconds left", page.inner_text("[data-breathe-left]"))
    page.clock.run_for(56_000)
    assert page.locator("[data-breathe-done]").is_visible()
    assert page.evaluate("document.activeElement.hasAttribute('data-breathe-done')")
    press_on(page, "Next", "/steady/pause/reasons/")

    # 2. Reasons, from the plan.
    assert "I want quiet evenings again." in page.inner_text("main")
    press_on(page, "Next", "/steady/pause/questions/")

    # 3. The two questions; Back goes back a step, and on again.
    assert "only the best of it" in page.inner_text("main")
    press_on(page, "Back", "/steady/pause/reasons/")
    press_on(page, "Next", "/steady/pause/questions/")
    press_on(page, "Next", "/steady/pause/lists/")

    # 4. What I miss, what I lived.
    tab_to_field(page, "miss")
    page.keyboard.type("Sunday mornings")
    tab_to_field(page, "lived")
    page.keyboard.type("Walking on eggshells")
    press_on(page, "Keep them and go on", "/steady/pause/call/")

    # 5. The safe person from the safety plan, one tap to call.
    assert page.locator('a[href="tel:07700900321"]').is_visible()
    assert "Alex" in page.inner_text("main")
    press_on(page, "Next", "/steady/pause/write/")

    # 6. Write it out, kept here.
    tab_to_field(page, "text")
    page.keyboard.type("Everything I would say, and won't send.")
    press_on(page, "Keep it here, and go on", "/steady/pause/wait/")

    # 7. Ten minutes, counted down.
    assert re.search(r"^(10:00|9:59) left", page.inner_text("[data-wait-left]"))
    page.clock.run_for(61_000)
    assert re.search(r"^8:5[89] left", page.inner_text("[data-wait-left]"))
    page.clock.run_for(540_000)
    assert page.locator("[data-wait-done]").is_visible()
    press_on(page, "Next", "/steady/pause/log/")

    # 8. How it passed: numbers chosen with the arrow keys.
    tab_to_field(page, "before")
    for _ in range(8):
        page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.value") == "8"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "after"
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.value") == "breathe"
    page.keyboard.press("Space")
    press_on(page, "Note it", "/steady/pause/done/")
    assert "You gave yourself a pause" in page.inner_text("h1")

    kept = actions.open_all(user, box)
    assert kept["lists"] == {"miss": ["Sunday mornings"], "lived": ["Walking on eggshells"]}
    assert kept["urges"]["writings"][0]["text"] == "Everything I would say, and won't send."
    [urge] = kept["urges"]["items"]
    assert (urge["before"], urge["after"], urge["helped"]) == ("8", "3", ["breathe"])


def test_without_javascript_the_breathing_is_written_steps_and_the_wait_a_time(
    owner, open_page, sign_in
):
    page = open_page(PHONE, javascript=False)
    sign_in(page, OWNER_NAME, OWNER_PASSPHRASE)
    page.goto("/steady/pause/")
    assert page.locator("[data-breathe]").is_hidden()
    assert page.locator(".breathe-steps li").count() == 6
    page.goto("/steady/pause/wait/")
    assert "Come back at" in page.inner_text("main")
    assert sideways(page) is None, sideways(page)
