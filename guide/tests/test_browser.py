"""The guide in a real browser: no serious accessibility barriers, at 320px too,
and the small enhancements (copy link, print button) work."""

# The shared browser fixtures are imported by name, so tests taking them as
# arguments look like redefinitions to ruff.
# ruff: noqa: F811

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from tests.browser.conftest import (  # noqa: F401  (pytest fixtures)
    chromium_browser,
    context,
    page,
    small_context,
    small_page,
    visit,
)

pytestmark = pytest.mark.browser
axe = Axe()
PAGES = (
    "/guide/",
    "/guide/safety-first/",
    "/guide/loved-ones/",
    "/guide/preparing-to-leave/print/",
    "/guide/for-supporters/",
)


def serious(page, label):
    found = []
    for violation in axe.run(page).response["violations"]:
        if violation["impact"] in {"serious", "critical"}:
            nodes = "; ".join(", ".join(node["target"]) for node in violation["nodes"])
            found.append(f"{label}: {violation['id']} {nodes} - {violation['help']}")
    return found


def test_guide_pages_read_well_wide_and_at_320px(page, small_page):
    call_command("load_guide", verbosity=0)
    problems = []
    for each in (page, small_page):
        for path in PAGES:
            each.goto(path)
            problems += serious(each, f"{path} at {each.viewport_size['width']}px")
            width = each.evaluate("document.documentElement.scrollWidth")
            assert width <= each.viewport_size["width"], f"{path} scrolls sideways"
    assert not problems, "\n".join(problems)


def test_searching_from_the_contents_shows_highlighted_results(small_page):
    call_command("load_guide", verbosity=0)
    small_page.goto("/guide/")
    small_page.get_by_label("Search the guide").fill("eggshells")
    small_page.get_by_role("button", name="Search").click()
    small_page.wait_for_url("**/guide/search/")
    assert small_page.locator("mark", has_text="eggshells").count() >= 1
    assert "eggshells" not in small_page.url  # the query stays out of the address bar
    assert not serious(small_page, "search results")


def test_the_copy_button_copies_the_supporter_link(context, page):
    call_command("load_guide", verbosity=0)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto("/guide/for-supporters/")
    button = page.get_by_role("button", name="Copy link")
    button.click()
    status = page.locator("[data-copy-status]")
    status.wait_for(state="visible")
    assert status.inner_text() == "Link copied."
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith("/guide/for-supporters/")


def test_the_print_button_appears_when_javascript_runs(page):
    call_command("load_guide", verbosity=0)
    page.goto("/guide/safety-first/print/")
    assert page.get_by_role("button", name="Print this page").is_visible()
    assert page.locator("#quick-exit").is_visible()
    assert not page.locator(".site-nav").is_visible()
