"""Browser fixtures for every app's browser tests: Playwright driving Debian's
Chromium against pytest-django's live server. Loaded once, from the root
conftest.py, so any test marked `browser` anywhere may ask for them:

    page, small_page            a laptop (1280 px) and a small phone (320 px)
    context, small_context      their browser contexts (cookies, permissions)
    open_page(width=360, javascript=False, permissions=[...])  any other kind
    sign_in(page, name, passphrase)                             through the form

and import the helpers `serious_barriers(page)` (the one axe-core filter: what
is serious or critical fails) and `sideways(page)` (what sticks out).

One Playwright and one Chromium per test process (so it works under xdist),
a fresh context per test. Every request that leaves the live server is
refused and remembered, and the test fails: Haven must load nothing from
anyone else. The one outside address a page may reach is the neutral exit
site, answered here with a tiny page so quick exit completes offline.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

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
SMALL, PHONE, WIDE = 320, 360, 1280
# A busy two-core machine runs the whole suite at once: allow for it.
TIMEOUT_MS = 10_000

EXIT_SITE = "https://www.bbc.com/weather"
EXIT_PATTERN = "https://www.bbc.com/**"
WEATHER_PAGE = (
    "<!doctype html><html lang='en'><head><title>Weather</title></head>"
    "<body><h1>Weather</h1><p>Light rain later.</p></body></html>"
)
# Anything that is not the live server. Matched inside the driver, so the
# live server's own requests are never slowed down by a round trip to Python.
ELSEWHERE = re.compile(r"^(?!(https?://(localhost|127\.0\.0\.1|\[::1\])(:\d+)?/|data:|blob:))")

SERIOUS = {"serious", "critical"}
# The innermost elements that stick out past the right edge, to say what to fix.
WIDE_ELEMENTS = """() => {
  const limit = document.documentElement.clientWidth + 1;
  const wide = [...document.querySelectorAll("body *")].filter(
    (e) => e.getBoundingClientRect().right > limit);
  return wide.filter((e) => !wide.some((o) => o !== e && e.contains(o))).slice(0, 5)
    .map((e) => `${e.tagName.toLowerCase()}.${e.className} (${Math.round(
      e.getBoundingClientRect().right)}px)`);
}"""


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "long: a browser test that takes a minute or more; started before the others"
    )
    # Under `pytest -n 2`, a worker that runs out of tests takes half of the other
    # worker's waiting ones, so a long browser walk never holds short tests back.
    if getattr(config.option, "dist", "no") == "load":
        config.option.dist = "worksteal"


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    # Browser tests run last (pytest-django orders them after the other database
    # tests). Among them, start the long ones first (the longest last of those, so
    # nothing long waits behind it): under `pytest -n 2` they then run beside the
    # short ones on the other worker, instead of alone at the end.
    first = next((i for i, item in enumerate(items) if item.get_closest_marker("browser")), None)
    if first is None:
        return
    long = [item for item in items[first:] if item.get_closest_marker("long")]
    rest = [item for item in items[first:] if not item.get_closest_marker("long")]
    items[first:] = long + rest


def pytest_runtest_setup(item):
    # Skipped here rather than in a fixture, so the summary is one line, not one
    # per test, and no database or live server is set up for nothing.
    if item.get_closest_marker("browser") and not CHROMIUM.exists():
        pytest.skip(NO_CHROMIUM)


# ---- What the tests check --------------------------------------------------

_axe = None


def serious_barriers(page, label: str | None = None) -> list[str]:
    """Everything axe-core rates serious or critical on the page as it is now,
    one line each: where, which rule, which elements, what to do."""
    global _axe
    if _axe is None:
        from axe_playwright_python.sync_playwright import Axe

        _axe = Axe()
    where = label or urlsplit(page.url).path
    width = page.viewport_size["width"] if page.viewport_size else "?"
    found = []
    for violation in _axe.run(page).response["violations"]:
        if violation["impact"] in SERIOUS:
            nodes = "; ".join(", ".join(node["target"]) for node in violation["nodes"][:3])
            found.append(
                f"{where} ({width}px): {violation['id']} [{violation['impact']}] "
                f"{nodes} - {violation['help']}"
            )
    return found


def sideways(page) -> str | None:
    """What makes the page scroll sideways, or None when nothing does."""
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    if overflow <= 1:
        return None
    return f"scrolls sideways by {overflow}px: {page.evaluate(WIDE_ELEMENTS)}"


def focused(page) -> str:
    """What has the keyboard focus, in a few words (for a failing test's message)."""
    return page.evaluate(
        "(() => { const e = document.activeElement;"
        " return e ? `${e.tagName} ${e.name || e.id || ''} ${e.textContent.trim().slice(0, 40)}`"
        " : ''; })()"
    )


def tab_to(page, selector: str, limit: int = 150) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => !!document.activeElement?.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}; ended on {focused(page)}")


def visit(page, path: str, *, lands: str | None = None):
    """Go to `path` and fail unless it answers 200 where it was meant to
    (at `path` itself, or at `lands` after an intended redirect)."""
    response = page.goto(path)
    status = response.status if response else "nothing"
    assert response is not None and response.status == 200, f"{path} answered {status}"
    landed = urlsplit(page.url).path
    assert landed == urlsplit(lands or path).path, f"{path} led to {page.url}"
    return response


# ---- Fixtures ---------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    """One Chromium for this test process."""
    if not CHROMIUM.exists():
        pytest.skip(NO_CHROMIUM)
    from playwright.sync_api import expect, sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the
    # tests make themselves (creating members, reading rows) are still sync.
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    expect.set_options(timeout=TIMEOUT_MS)
    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()
    playwright.stop()
    if before is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


class Guard:
    """What the pages of one test tried to reach outside the live server."""

    def __init__(self):
        self.foreign: list[str] = []

    def refuse(self, route):
        self.foreign.append(route.request.url)
        route.abort()


def _weather(route):
    route.fulfill(status=200, content_type="text/html; charset=utf-8", body=WEATHER_PAGE)


@pytest.fixture
def open_context(browser, live_server, transactional_db):
    """Make a browser context: `open_context(width=360, javascript=False,
    permissions=["clipboard-read"])`. Closed after the test, which then fails
    if any page tried to reach another site."""
    opened = []

    def open_context(width: int = WIDE, *, javascript: bool = True, permissions=()):
        guard = Guard()
        phone = width <= PHONE
        context = browser.new_context(
            base_url=live_server.url,
            viewport={"width": width, "height": 640 if phone else 800},
            is_mobile=phone,
            has_touch=phone,
            java_script_enabled=javascript,
        )
        context.set_default_timeout(TIMEOUT_MS)
        # Routes registered later are asked first: the exit site, then everything else.
        context.route(ELSEWHERE, guard.refuse)
        context.route(EXIT_PATTERN, _weather)
        if permissions:
            context.grant_permissions(list(permissions))
        opened.append((context, guard))
        return context

    yield open_context
    for context, _guard in opened:
        context.close()
    foreign = [url for _context, guard in opened for url in guard.foreign]
    assert foreign == [], f"Haven tried to reach another site: {foreign}"


@pytest.fixture
def open_page(open_context):
    """A page in a context of its own: `open_page(width=360, javascript=False)`."""

    def open_page(width: int = WIDE, **options):
        return open_context(width, **options).new_page()

    return open_page


@pytest.fixture
def context(open_context):
    return open_context(WIDE)


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def small_context(open_context):
    """A cheap phone's screen: 320 by 640, touch."""
    return open_context(SMALL)


@pytest.fixture
def small_page(small_context):
    return small_context.new_page()


def sign_in_with(page, name: str, passphrase: str, expect_path: str = "/home/") -> None:
    page.goto("/sign-in/")
    page.fill("#id_username", name)
    page.fill("#id_passphrase", passphrase)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url(f"**{expect_path}")


@pytest.fixture
def sign_in():
    """Sign in through the form, as a person would, and land on the home page
    (or `expect_path`)."""
    return sign_in_with
