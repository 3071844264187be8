"""Quick exit (T1): someone walks in, and the page must be gone at once."""

import time

import pytest
from playwright.sync_api import expect

from conftest import OWNER_NAME, OWNER_PASSPHRASE
from tests.browser.plugin import EXIT_SITE

pytestmark = pytest.mark.browser

REASON = "I deserve to feel safe in my own home 7319."
HINT = "Press Shift two more times to leave this page."


@pytest.fixture
def reason_on_screen(owner, page, sign_in):
    """Signed in, a reason written on /reasons/, and the home page showing it."""
    sign_in(page, OWNER_NAME, OWNER_PASSPHRASE)
    page.goto("/reasons/")
    page.fill("#id_text", REASON)
    page.get_by_role("button", name="Save this reason").click()
    expect(page.locator(".messages")).to_contain_text("Your reason is saved.")
    page.goto("/home/")
    assert REASON in page.inner_text("main")
    return page


def watch_the_moment_of_leaving(page):
    """Record what the page still showed as the browser set off for the neutral site."""
    seen = []
    page.expose_function("havenTestSawLeaving", lambda state: seen.append(state))
    page.evaluate(
        """addEventListener("beforeunload", () => window.havenTestSawLeaving({
            title: document.title,
            text: document.body.innerText,
            html: document.body.innerHTML,
            hidden: getComputedStyle(document.body).display === "none",
        }))"""
    )
    return seen


def wait_for(condition, seconds=5.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def assert_left_safely(page, context, live_server, seen):
    page.wait_for_url(EXIT_SITE)
    assert page.title() == "Weather"
    assert page.inner_text("h1") == "Weather"

    # Before the neutral site was even asked for, Haven's page was already
    # blank: nothing of it could be seen, or read out by a screen reader.
    assert len(seen) == 1, "the page did not unload on its way to the neutral site"
    assert seen[0]["hidden"]
    assert seen[0]["title"] == ""
    assert REASON not in seen[0]["html"]
    assert seen[0]["text"].strip() == ""

    # The vault is locked: asking for the home page again with this browser's
    # cookies leads to the unlock page. (The lock travels as a beacon, so give
    # it a moment to land.)
    def locked():
        response = context.request.get(f"{live_server.url}/home/", max_redirects=0)
        return response.status == 302 and response.headers["location"].startswith("/unlock/")

    assert wait_for(locked, seconds=10), (
        "after quick exit the home page still opens without a passphrase"
    )
    fresh = context.new_page()
    fresh.goto("/home/")
    assert "/unlock/" in fresh.url
    assert "Your space is locked" in fresh.inner_text("main")
    assert REASON not in fresh.content()
    fresh.close()

    # Back does not bring the reason into view again: the page before asks
    # for the passphrase instead.
    page.go_back()
    page.wait_for_url("**/unlock/**")
    assert "Your space is locked" in page.inner_text("main")
    assert REASON not in page.content()


def test_leave_now_hides_the_page_opens_the_weather_and_locks(
    reason_on_screen, context, live_server
):
    page = reason_on_screen
    seen = watch_the_moment_of_leaving(page)
    page.click("#quick-exit")
    assert_left_safely(page, context, live_server, seen)


def test_shift_three_times_leaves_just_the_same(reason_on_screen, context, live_server):
    page = reason_on_screen
    seen = watch_the_moment_of_leaving(page)

    page.keyboard.press("Shift")
    # A screen reader user hears what the first press started.
    assert page.get_attribute("#exit-hint", "aria-live") in ("assertive", "polite")
    assert page.text_content("#exit-hint") == HINT
    assert page.url.endswith("/home/")

    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    assert_left_safely(page, context, live_server, seen)


def test_quick_exit_comes_first_and_stays_in_reach_on_a_small_screen(small_page):
    page = small_page
    page.goto("/staying-safe/")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "quick-exit"

    height = page.evaluate("document.documentElement.scrollHeight")
    assert height > 640, "the page is too short to show that the button follows the scroll"
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_function("window.scrollY > 0")

    box = page.locator("#quick-exit").bounding_box()
    assert box is not None, "the Leave now button is not shown"
    assert box["x"] >= 0 and box["y"] >= 0
    assert box["x"] + box["width"] <= 320
    assert box["y"] + box["height"] <= 640
    assert page.locator("#quick-exit").is_visible()
