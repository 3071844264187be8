"""Today's note on a 360 px phone: the dashboard card, saving from the public
page (by keyboard, and without JavaScript), and the board of saved notes."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import OWNER_NAME, OWNER_PASSPHRASE
from inspire import content_files, days
from tests.browser.plugin import serious_barriers, sideways, visit

pytestmark = pytest.mark.browser

PHONE = 360
BOARD = re.compile(r"/today/saved/(#saved-[0-9a-f-]+)?$")
# Set HAVEN_SCREENSHOTS=/some/folder to keep a picture of each page looked at.
SHOTS = os.environ.get("HAVEN_SCREENSHOTS")


def shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / f"inspire-{name}.png"), full_page=True)


def phone_problems(page, label: str) -> list[str]:
    problems = serious_barriers(page, label)
    if wide := sideways(page):
        problems.append(f"{label}: {wide}")
    return problems


def test_a_member_saves_todays_note_by_keyboard_and_finds_it_on_the_board(
    owner, open_page, sign_in
):
    content_files.load()
    today = days.reminder_for(days.today())
    page = open_page(width=PHONE)
    sign_in(page, OWNER_NAME, OWNER_PASSPHRASE)

    card = page.locator(".today-card")
    expect(card.get_by_role("heading", name="Today's note")).to_be_visible()
    expect(card.locator(".reminder-text")).to_have_text(today.text)
    shot(page, "home")
    problems = phone_problems(page, "home")

    visit(page, "/today/")
    save = page.get_by_role("button", name="Save to my board")
    save.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/today/")
    expect(page.locator(".messages")).to_contain_text("Saved to your board.")
    expect(page.get_by_role("button", name="Saved")).to_have_attribute("aria-pressed", "true")
    shot(page, "today")
    problems += phone_problems(page, "today, saved")

    page.get_by_role("link", name="My saved notes").click()
    page.wait_for_url("**/today/saved/")
    expect(page.locator(".saved-item .reminder-text")).to_have_text(today.text)
    page.get_by_role("link", name="Add a note").click()
    page.fill("#id_note", "Read it again on Monday.")
    page.get_by_role("button", name="Save the note").click()
    page.wait_for_url(BOARD)
    expect(page.locator(".own-note p")).to_have_text("Read it again on Monday.")

    # Own words: a kind error keeps nothing lost, then they are kept.
    page.get_by_role("button", name="Put them on my board").click()
    expect(page.locator(".error").first).to_be_visible()
    problems += phone_problems(page, "board with an error")
    page.fill("#id_own", "I am allowed to rest.")
    page.get_by_role("button", name="Put them on my board").click()
    expect(page.locator(".own-words .reminder-text")).to_have_text("I am allowed to rest.")
    shot(page, "board")
    problems += phone_problems(page, "board")

    # Let go again, from the board, in one tap.
    page.get_by_role("button", name="Saved").click()
    expect(page.locator(".messages")).to_contain_text("Taken off your board.")
    expect(page.locator(".saved-item:not(.own-words)")).to_have_count(0)

    visit(page, "/today/past/")
    shot(page, "past")
    problems += phone_problems(page, "past notes")
    assert not problems, "\n".join(problems)


def test_saving_works_without_javascript(owner, open_page, sign_in):
    content_files.load()
    page = open_page(width=PHONE, javascript=False)
    sign_in(page, OWNER_NAME, OWNER_PASSPHRASE)
    visit(page, "/today/")
    page.get_by_role("button", name="Save to my board").click()
    page.wait_for_url("**/today/")
    expect(page.get_by_role("button", name="Saved")).to_be_visible()
    visit(page, "/today/saved/")
    expect(page.locator(".saved-item")).to_have_count(1)


def test_a_visitor_reads_the_note_and_sees_its_picture(open_page):
    content_files.load()
    page = open_page(width=PHONE)
    visit(page, "/today/")
    expect(page.locator("#quick-exit")).to_be_visible()
    preview = page.locator("img.share-preview")
    preview.scroll_into_view_if_needed()
    expect(preview).to_be_visible()
    # A lazy image may still be on its way once it is in view: wait until it has come.
    preview.evaluate("image => image.decode()")
    assert page.evaluate("document.querySelector('img.share-preview').naturalWidth") == 1200
    expect(page.get_by_role("link", name="Sign in to keep notes you like")).to_be_visible()
    shot(page, "visitor")
    problems = phone_problems(page, "today, visitor")
    page.get_by_role("link", name="Yesterday's note").click()
    problems += phone_problems(page, "yesterday, visitor")
    assert not problems, "\n".join(problems)
