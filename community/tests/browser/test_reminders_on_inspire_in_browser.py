"""Members' reminders under the day's note, on a 360 px phone, by keyboard."""

import pytest

from community.tests.browser.test_moderation_in_browser import fits, phone, shot
from community.tests.conftest import join
from inspire import content_files

pytestmark = pytest.mark.browser


def test_members_reminders_fit_a_phone_and_reach_the_board_by_keyboard(transactional_db, open_page):
    content_files.load()
    join("willow-sign-in", "Willow")
    _heron, heron_client = join("heron-sign-in", "Heron")
    for words in (
        "You are allowed to rest, even when the list is long.",
        "Small steps still **count**. A very-long-unbroken-word-that-must-wrap-on-a-phone-screen.",
    ):
        assert heron_client.post("/community/b/reminders/new/", {"body": words}).status_code == 302
    page = phone(open_page, "willow-sign-in")
    page.goto("/today/")
    section = page.locator(".members-reminders")
    assert section.get_by_text("Small steps still").is_visible()
    fits(page)
    shot(page, "inspire-members-reminders-360")
    # Tab until the "Write one for others" link has the focus, then follow it.
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Write one for others":
            break
    else:
        pytest.fail("the link to write a reminder is never reached by keyboard")
    page.keyboard.press("Enter")
    page.wait_for_url("**/community/b/reminders/new/")
