import pytest

from conftest import OWNER_NAME, OWNER_PASSPHRASE
from scripts import library
from tests.browser.plugin import serious_barriers, sideways, visit

pytestmark = pytest.mark.browser


def test_the_copy_button_copies_the_words_and_says_so(open_page):
    library.load()
    page = open_page(permissions=["clipboard-read", "clipboard-write"])
    visit(page, "/scripts/")
    card = page.locator("#script-no-does-not-work-for-me")
    card.get_by_role("button", name="Copy").click()
    status = card.locator(".copy-status")
    status.wait_for(state="visible")
    assert "Copied" in status.inner_text()
    assert page.evaluate("navigator.clipboard.readText()") == "That doesn't work for me."


def test_the_builder_preview_follows_the_typing(owner, page, sign_in):
    sign_in(page, OWNER_NAME, OWNER_PASSPHRASE)
    visit(page, "/scripts/builder/")
    page.fill("#id_feel", "I feel tense.")
    page.fill("#id_when", "raise your voice")
    page.fill("#id_need", "calm words")
    preview = page.locator("#preview-words")
    assert " ".join(preview.inner_text().split()) == (
        "I feel tense when you raise your voice. I need calm words."
    )
    page.fill("#id_then", "leave the room")
    assert preview.inner_text().strip().endswith("If it happens again, I will leave the room.")
    page.get_by_role("button", name="Save to my scripts").click()
    page.wait_for_url("**/scripts/mine/")
    assert "raise your voice" in page.locator("main").inner_text()


def test_the_script_pages_have_no_serious_barriers_even_on_a_small_phone(
    owner, small_page, sign_in
):
    library.load()
    page = small_page
    sign_in(page, OWNER_NAME, OWNER_PASSPHRASE)
    problems = []
    for path in ("/scripts/", "/scripts/builder/", "/scripts/mine/"):
        visit(page, path)
        problems += serious_barriers(page)
        if wide := sideways(page):
            problems.append(f"{path}: {wide}")
    visit(page, "/scripts/builder/")
    page.get_by_role("button", name="Save to my scripts").click()
    page.wait_for_selector(".error")
    problems += serious_barriers(page, "builder with errors")
    assert not problems, "\n".join(problems)


def test_without_javascript_the_library_still_filters_and_hides_copy(open_page):
    library.load()
    page = open_page(javascript=False)
    visit(page, "/scripts/")
    page.select_option("#id_situation", "work")
    with page.expect_navigation():
        page.get_by_role("button", name="Show scripts").click()
    assert "match, out of" in page.locator(".script-count").inner_text()
    assert not page.get_by_role("button", name="Copy").first.is_visible()
