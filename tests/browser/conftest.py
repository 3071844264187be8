"""Playwright (sync API) driving Debian's Chromium against pytest-django's live server.

One browser per test process (so it works under xdist), a fresh context per
test. Every request that leaves the live server is refused and remembered:
Haven must load nothing from anyone else. The one outside address a test may
reach is the neutral exit site, which is answered here with a tiny page so
quick exit completes without the internet.
"""

import os
import re
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls
# made by the tests themselves (creating members, reading rows) are still sync.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
NO_CHROMIUM = "Debian's chromium is not installed at /usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
EXIT_SITE = "https://www.bbc.com/weather"
EXIT_PATTERN = "https://www.bbc.com/**"
WEATHER_PAGE = (
    "<!doctype html><html lang='en'><head><title>Weather</title></head>"
    "<body><h1>Weather</h1><p>Light rain later.</p></body></html>"
)
# Anything that is not the live server. Matched inside the driver, so the
# live server's own requests are never slowed down by a round trip to Python.
ELSEWHERE = re.compile(r"^(?!(https?://(localhost|127\.0\.0\.1|\[::1\])(:\d+)?/|data:|blob:))")


def pytest_runtest_setup(item):
    # Skipped here rather than in a fixture, so the summary is one line, not one
    # per test, and no database or live server is set up for nothing.
    if item.get_closest_marker("browser") and not CHROMIUM.exists():
        pytest.skip(NO_CHROMIUM)


# One Playwright and one Chromium per test process, however many copies of the
# fixture exist: other apps' test modules import `chromium_browser` by name,
# which gives each of them its own session fixture, and Playwright's sync API
# allows only one running instance per thread.
_shared: dict = {}


@pytest.fixture(scope="session")
def chromium_browser():
    if not CHROMIUM.exists():
        pytest.skip(NO_CHROMIUM)
    if not _shared:
        from playwright.sync_api import expect, sync_playwright

        # A busy two-core CI machine runs the whole suite at once: allow for it.
        expect.set_options(timeout=10_000)
        playwright = sync_playwright().start()
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        _shared.update(playwright=playwright, browser=browser, users=0)
    _shared["users"] += 1
    yield _shared["browser"]
    _shared["users"] -= 1
    if _shared["users"] == 0:
        _shared["browser"].close()
        _shared["playwright"].stop()
        _shared.clear()


class Visit:
    """What a browser context tried to reach outside the live server."""

    def __init__(self):
        self.foreign: list[str] = []


@pytest.fixture
def visit():
    return Visit()


def _guard(visit):
    def handle(route):
        visit.foreign.append(route.request.url)
        route.abort()

    return handle


def _weather(route):
    route.fulfill(status=200, content_type="text/html; charset=utf-8", body=WEATHER_PAGE)


def new_context(browser, live_server, visit, **options):
    options.setdefault("viewport", {"width": 1280, "height": 800})
    context = browser.new_context(base_url=live_server.url, **options)
    context.set_default_timeout(10_000)
    # Routes registered later are asked first: the exit site, then everything else.
    context.route(ELSEWHERE, _guard(visit))
    context.route(EXIT_PATTERN, _weather)
    return context


@pytest.fixture
def context(chromium_browser, live_server, transactional_db, visit):
    context = new_context(chromium_browser, live_server, visit)
    yield context
    context.close()
    assert visit.foreign == [], f"Haven tried to reach another site: {visit.foreign}"


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def small_context(chromium_browser, live_server, transactional_db, visit):
    """A cheap phone's screen: 320 by 640."""
    context = new_context(
        chromium_browser,
        live_server,
        visit,
        viewport={"width": 320, "height": 640},
        is_mobile=True,
        has_touch=True,
    )
    yield context
    context.close()
    assert visit.foreign == [], f"Haven tried to reach another site: {visit.foreign}"


@pytest.fixture
def small_page(small_context):
    return small_context.new_page()


@pytest.fixture
def sign_in():
    """Sign in through the form, as a person would, and land on the home page."""

    def sign_in(page, name, passphrase, expect_path="/home/"):
        page.goto("/sign-in/")
        page.fill("#id_username", name)
        page.fill("#id_passphrase", passphrase)
        page.get_by_role("button", name="Sign in", exact=True).click()
        page.wait_for_url(f"**{expect_path}")

    return sign_in
