import pytest
from playwright.sync_api import expect

from conftest import OWNER_NAME, OWNER_PASSPHRASE
from scripts import library
from scripts.models import Script
from tests.browser.plugin import serious_barriers, sideways, visit

pytestmark = pytest.mark.browser


def test_the_copy_button_copies_the_words_and_says_so(open_page):
    library.load()
    page = open_page(permissions=["clipboard-read", "clipboard-write"])
    visit(page, "/scripts/")
    card = page.locator("#script-saying-no-no-does-not-work-for-me")
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


def test_without_javascript_the_search_form_still_filters_and_copy_is_hidden(open_page):
    library.load()
    page = open_page(javascript=False)
    visit(page, "/scripts/")
    page.get_by_text("Search the words, or choose a tone").click()
    page.select_option("#id_tone", "firm")
    with page.expect_navigation():
        page.get_by_role("button", name="Show scripts").click()
    assert "match, out of" in page.locator(".script-count").inner_text()
    assert not page.get_by_role("button", name="Copy").first.is_visible()


def shown_scripts(page) -> set[str]:
    """The scripts a person can see, whatever situation they are listed under."""
    return set(
        page.eval_on_selector_all(
            "article.script[data-script]",
            "cards => cards.filter(c => c.offsetParent !== null).map(c => c.dataset.script)",
        )
    )


def scripts_for(situation: str) -> set[str]:
    return {s.slug for s in Script.objects.all() if situation in s.situations}


def test_choosing_a_situation_shows_only_its_scripts_without_leaving_the_page(open_page):
    library.load()
    page = open_page(360)
    visit(page, "/scripts/")
    every = {s.slug for s in Script.objects.all()}
    assert shown_scripts(page) == every
    picker = page.get_by_role("group", name="What's happening?")
    work = picker.get_by_role("button", name="At work")
    assert work.get_attribute("aria-pressed") == "false"
    # No submit button: the choice itself filters.
    assert picker.locator("button[type=submit]").count() == 0

    work.click()
    assert work.get_attribute("aria-pressed") == "true"
    assert shown_scripts(page) == scripts_for("work")
    status = page.locator("#script-count")
    assert status.get_attribute("role") == "status"
    expect(status).to_have_text(f"{len(scripts_for('work'))} scripts for “At work”.")
    assert not page.locator("[data-jump-list]").is_visible()
    assert page.url.endswith("/scripts/")  # nothing about the choice in the address

    family = picker.get_by_role("button", name="At a family gathering")
    family.click()
    assert shown_scripts(page) == scripts_for("family-gatherings")
    assert work.get_attribute("aria-pressed") == "false"
    # Pressing the chosen situation again shows them all.
    family.click()
    assert shown_scripts(page) == every
    assert picker.get_by_role("button", name="All situations").get_attribute("aria-pressed") == (
        "true"
    )
    problems = serious_barriers(page, "library with a situation chosen")
    if wide := sideways(page):
        problems.append(wide)
    assert not problems, "\n".join(problems)


def test_without_javascript_the_situation_links_filter_on_the_server(open_page):
    library.load()
    page = open_page(360, javascript=False)
    visit(page, "/scripts/")
    picker = page.locator("#situations")
    link = picker.get_by_role("link", name="They got in touch")
    assert link.get_attribute("href") == "?situation=got-in-touch#found"
    with page.expect_navigation():
        link.click()
    assert "situation=got-in-touch" in page.url
    assert shown_scripts(page) == scripts_for("got-in-touch")
    assert picker.get_by_role("link", name="They got in touch").get_attribute("aria-current") == (
        "true"
    )
    with page.expect_navigation():
        picker.get_by_role("link", name="All situations").click()
    assert shown_scripts(page) == {s.slug for s in Script.objects.all()}


def test_the_jump_list_leads_to_each_situation(open_page):
    library.load()
    page = open_page(360)
    visit(page, "/scripts/")
    page.locator("[data-jump-list]").get_by_role("link", name="Keeping it in writing").click()
    page.wait_for_url("**/scripts/#situation-one-channel")
    heading = page.locator("#heading-one-channel").bounding_box()
    assert heading is not None and 0 <= heading["y"] < 640


def tab_to(page, name: str, limit: int = 60) -> int:
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == name:
            return presses
    raise AssertionError(f"Tab never reached {name!r}")


def test_a_situation_can_be_chosen_with_the_keyboard_alone(open_page):
    library.load()
    page = open_page(360)
    visit(page, "/scripts/")
    tab_to(page, "Ending it")
    page.keyboard.press("Enter")
    assert shown_scripts(page) == scripts_for("ending-it")
    assert page.evaluate("document.activeElement.getAttribute('aria-pressed')") == "true"
    # The next choice is one Tab away, and Space works as well as Enter.
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert shown_scripts(page) == scripts_for("family-gatherings")
    page.keyboard.press("Space")
    assert shown_scripts(page) == {s.slug for s in Script.objects.all()}


def test_without_javascript_a_situation_can_be_chosen_with_the_keyboard(open_page):
    library.load()
    page = open_page(360, javascript=False)
    visit(page, "/scripts/")
    tab_to(page, "At work")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert shown_scripts(page) == scripts_for("work")
