"""The journal on a phone (360 px wide), by keyboard alone: choose a guided
way of writing, answer its prompts, save, and find the page in the calendar."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import OWNER_NAME, OWNER_PASSPHRASE
from tests.browser.plugin import serious_barriers, sideways, tab_to

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


def enter_to(page, path: str) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert path in page.url, f"{page.url}, not {path}"


def test_a_guided_page_is_written_by_keyboard_and_found_in_the_calendar(
    owner, open_context, live_server, sign_in
):
    page = open_context(PHONE["width"]).new_page()
    page.set_viewport_size(PHONE)
    sign_in(page, OWNER_NAME, OWNER_PASSPHRASE)
    page.goto("/journal/")
    assert sideways(page) is None

    tab_to(page, 'main a[href="/journal/new/"]')
    enter_to(page, "/journal/new/")
    tab_to(page, 'a[href="/journal/new/?mode=facts"]')
    enter_to(page, "?mode=facts")
    expect(page.locator("h1")).to_have_text("Checking the facts")
    assert sideways(page) is None
    assert serious_barriers(page) == []

    tab_to(page, "#id_p_happened")
    page.keyboard.type("He didn't answer my message all afternoon.")
    tab_to(page, "#id_p_story")
    page.keyboard.type("That I had ruined everything again.")
    tab_to(page, "#id_p_kinder")
    page.keyboard.type("Busy afternoons happen. I did nothing wrong.")
    tab_to(page, "#id_title")
    page.keyboard.type("A quiet afternoon")
    tab_to(page, "#id_tags")
    page.keyboard.type("worry, kinder stories")
    tab_to(page, "button[name=action][value=save]:not(.visually-hidden)")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("Your page is saved.")
    expect(page.locator("h1")).to_have_text("A quiet afternoon")
    expect(page.locator("main")).to_contain_text("Busy afternoons happen. I did nothing wrong.")
    expect(page.locator(".journal-tag")).to_have_count(2)
    assert sideways(page) is None

    tab_to(page, 'a.journal-back, .journal-back a[href="/journal/"]')
    enter_to(page, "/journal/")
    tab_to(page, 'main a[href="/journal/calendar/"]')
    enter_to(page, "/journal/calendar/")
    today = timezone.localdate()
    expect(page.locator("table.journal-calendar caption")).to_have_text(today.strftime("%B %Y"))
    marked = page.locator("td[aria-current=date] a.has-pages")
    expect(marked).to_have_count(1)
    expect(marked).to_contain_text("1 page")
    assert sideways(page) is None
    assert serious_barriers(page) == []

    tab_to(page, "td[aria-current=date] a.has-pages")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**#day-{today.isoformat()}")
    tab_to(page, f"#day-{today.isoformat()} a")
    enter_to(page, "/journal/")
    expect(page.locator("h1")).to_have_text("A quiet afternoon")
