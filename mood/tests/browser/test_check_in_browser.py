"""On a 360 px phone, with the keyboard alone: check in from the dashboard card,
add the details, and see the day on the week's chart."""

import pytest
from playwright.sync_api import expect

from conftest import OWNER_NAME, OWNER_PASSPHRASE
from tests.browser.plugin import PHONE, sideways

pytestmark = pytest.mark.browser

FOCUSED = """() => { const e = document.activeElement;
  return e ? [e.id, e.name, e.value, e.textContent.trim(), !!e.closest('.mood-card')] : []; }"""


def tab_until(page, wanted, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if wanted(page.evaluate(FOCUSED)):
            return
    raise AssertionError(f"Tab never got there; ended on {page.evaluate(FOCUSED)}")


def tab_to(page, element_id: str) -> None:
    tab_until(page, lambda f: f and f[0] == element_id)


def test_a_check_in_from_the_dashboard_card_by_keyboard_on_a_phone(owner, open_page, sign_in):
    page = open_page(PHONE)
    sign_in(page, OWNER_NAME, OWNER_PASSPHRASE)
    expect(page.locator(".mood-card .mood-state")).to_contain_text("Not logged yet today")
    assert sideways(page) is None

    # One tap (Enter) on "Good", right on the card.
    tab_until(page, lambda f: f and f[4] and f[1] == "mood" and f[2] == "4")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("Saved: Good.")
    assert page.is_checked("#id_mood_3")
    assert sideways(page) is None

    # The second screen: energy, sleep, feeling safe, a tag and a note.
    tab_to(page, "id_energy_0")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")  # arrows move the choice: "Low"
    assert page.is_checked("#id_energy_1")
    tab_to(page, "id_sleep")
    page.keyboard.type("6.5")
    tab_to(page, "id_safe_0")
    page.keyboard.press("Space")
    tab_to(page, "id_tags_0")
    page.keyboard.press("Space")
    tab_to(page, "id_note")
    page.keyboard.type("Walked to the park with the dog.")
    tab_to(page, "mood-save")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # The week, with today's bar and the same number in its table.
    expect(page.locator(".messages")).to_contain_text("Your check-in is saved.")
    expect(page.locator("h1")).to_have_text("My week")
    entry = page.locator(".mood-entry").first
    expect(entry).to_contain_text("Good")
    expect(entry).to_contain_text("6.5 hours")
    expect(entry).to_contain_text("Went outside")
    expect(entry).to_contain_text("Walked to the park with the dog.")
    today = page.locator("svg.mood-chart g.mood-day[data-count='1']")
    expect(today).to_have_count(1)
    day = today.get_attribute("data-day")
    assert today.get_attribute("data-mood") == "4.0"
    expect(page.locator(f"table.mood-table tr[data-day='{day}'] td").first).to_have_text("4.0")
    assert sideways(page) is None

    page.goto("/home/")
    expect(page.locator(".mood-card .mood-state")).to_contain_text("Logged today: Good.")
