"""The guide in a real browser: no serious accessibility barriers, at 320px too,
and the small enhancements (copy link, print button) work."""

import pytest
from django.core.management import call_command

from tests.browser.plugin import serious_barriers, sideways, visit

pytestmark = pytest.mark.browser
PAGES = (
    "/guide/",
    "/guide/safety-first/",
    "/guide/loved-ones/",
    "/guide/preparing-to-leave/print/",
    "/guide/for-supporters/",
)


def test_guide_pages_read_well_wide_and_at_320px(page, small_page):
    call_command("load_guide", verbosity=0)
    problems = []
    for each in (page, small_page):
        for path in PAGES:
            visit(each, path)
            problems += serious_barriers(each)
            if wide := sideways(each):
                problems.append(f"{path} ({each.viewport_size['width']}px): {wide}")
    assert not problems, "\n".join(problems)


def test_searching_from_the_contents_shows_highlighted_results(small_page):
    call_command("load_guide", verbosity=0)
    visit(small_page, "/guide/")
    small_page.get_by_label("Search the guide").fill("eggshells")
    small_page.get_by_role("button", name="Search").click()
    small_page.wait_for_url("**/guide/search/")
    assert small_page.locator("mark", has_text="eggshells").count() >= 1
    assert "eggshells" not in small_page.url  # the query stays out of the address bar
    assert not serious_barriers(small_page, "search results")


def test_the_copy_button_copies_the_supporter_link(open_page):
    call_command("load_guide", verbosity=0)
    page = open_page(permissions=["clipboard-read", "clipboard-write"])
    visit(page, "/guide/for-supporters/")
    button = page.get_by_role("button", name="Copy link")
    button.click()
    status = page.locator("[data-copy-status]")
    status.wait_for(state="visible")
    assert status.inner_text() == "Link copied."
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith("/guide/for-supporters/")


def test_the_print_button_appears_when_javascript_runs(page):
    call_command("load_guide", verbosity=0)
    visit(page, "/guide/safety-first/print/")
    assert page.get_by_role("button", name="Print this page").is_visible()
    assert page.locator("#quick-exit").is_visible()
    assert not page.locator(".site-nav").is_visible()


def test_the_welcome_page_shows_the_way_in_for_someone_worried_about_another(open_page):
    call_command("load_guide", verbosity=0)
    page = open_page(360)
    page.set_viewport_size({"width": 360, "height": 740})
    visit(page, "/")
    link = page.get_by_role("link", name="Worried about someone?")
    box = link.bounding_box()
    assert box is not None, "the link for supporters is not shown"
    assert 0 <= box["y"] and box["y"] + box["height"] <= 740, box
    assert 0 <= box["x"] and box["x"] + box["width"] <= 360, box
    assert page.evaluate("window.scrollY") == 0
    link.click()
    page.wait_for_url("**/guide/for-supporters/")
    assert "someone" in page.locator("h1").inner_text().lower()
