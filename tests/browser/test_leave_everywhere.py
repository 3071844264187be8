"""Leaving leaves everywhere (T1): quick exit, Shift three times, Lock and
Sign out in one tab clear every other open Haven tab of that browser too."""

import pytest
from playwright.sync_api import expect

from conftest import OWNER_NAME, OWNER_PASSPHRASE
from tests.browser.plugin import EXIT_SITE

pytestmark = pytest.mark.browser

REASON = "I can breathe again when I am away 4481."
NO_CHANNEL = "delete window.BroadcastChannel;"


def two_tabs(context, page, sign_in, *, without_channel=False):
    """Signed in; this tab on home, a second tab showing a private reason."""
    if without_channel:
        # An older browser: only the storage-event fallback is left.
        context.add_init_script(NO_CHANNEL)
    sign_in(page, OWNER_NAME, OWNER_PASSPHRASE)
    page.goto("/reasons/")
    page.fill("#id_text", REASON)
    page.get_by_role("button", name="Save this reason").click()
    expect(page.locator(".messages")).to_contain_text("Your reason is saved.")
    other = context.new_page()
    other.goto("/home/")
    assert REASON in other.inner_text("main")
    page.goto("/home/")
    return page, other


def assert_left_for_the_neutral_site(other):
    other.wait_for_url(EXIT_SITE)
    assert REASON not in other.content()


def assert_nothing_readable_is_left_in_storage(tab):
    if tab.url.startswith(EXIT_SITE):
        return
    assert tab.evaluate("localStorage.length") == 0


def test_leave_now_in_one_tab_leaves_from_the_other_too(owner, context, page, sign_in):
    here, other = two_tabs(context, page, sign_in)
    here.click("#quick-exit")
    here.wait_for_url(EXIT_SITE)
    assert_left_for_the_neutral_site(other)
    # And the space is locked: a new tab asks for the passphrase.
    again = context.new_page()
    again.goto("/reasons/")
    assert "/unlock/" in again.url
    assert REASON not in again.content()


def test_shift_three_times_in_one_tab_leaves_from_the_other_too(owner, context, page, sign_in):
    here, other = two_tabs(context, page, sign_in)
    here.locator("main").click()
    for _ in range(3):
        here.keyboard.press("Shift")
    here.wait_for_url(EXIT_SITE)
    assert_left_for_the_neutral_site(other)


def test_lock_in_one_tab_shows_the_unlock_page_in_the_other(owner, context, page, sign_in):
    here, other = two_tabs(context, page, sign_in)
    here.get_by_role("button", name="Lock", exact=True).click()
    here.wait_for_url("**/unlock/")
    other.wait_for_url("**/unlock/")
    expect(other.locator("#id_passphrase")).to_be_visible()
    assert REASON not in other.content()


def test_sign_out_in_one_tab_signs_the_other_out_too(owner, context, page, sign_in):
    here, other = two_tabs(context, page, sign_in)
    here.goto("/settings/")
    here.get_by_role("button", name="Sign out", exact=True).click()
    here.wait_for_url("**/sign-in/")
    expect(here.locator(".messages")).to_contain_text("You are signed out.")
    other.wait_for_url("**/sign-in/")
    assert REASON not in other.content()
    other.goto("/reasons/")
    assert REASON not in other.content()


def test_without_broadcast_channel_the_storage_fallback_still_leaves_everywhere(
    owner, context, page, sign_in
):
    here, other = two_tabs(context, page, sign_in, without_channel=True)
    assert here.evaluate("typeof window.BroadcastChannel") == "undefined"
    here.get_by_role("button", name="Lock", exact=True).click()
    other.wait_for_url("**/unlock/")
    assert REASON not in other.content()
    assert_nothing_readable_is_left_in_storage(other)
    assert_nothing_readable_is_left_in_storage(here)
    other.goto("/home/")
    other.click("#quick-exit")
    other.wait_for_url(EXIT_SITE)
    here.wait_for_url(EXIT_SITE)


def test_a_tab_of_another_browser_is_left_alone(
    owner, browser, context, page, sign_in, live_server
):
    here, _other = two_tabs(context, page, sign_in)
    elsewhere = browser.new_context(base_url=live_server.url)
    try:
        stranger = elsewhere.new_page()
        stranger.goto("/guide/")
        here.click("#quick-exit")
        here.wait_for_url(EXIT_SITE)
        stranger.wait_for_timeout(500)
        assert stranger.url.endswith("/guide/")
    finally:
        elsewhere.close()
