"""The checks in a real browser: no serious accessibility barriers, wide or at 320px."""

import pytest

from assess import content
from conftest import OWNER_NAME, OWNER_PASSPHRASE, make_member
from tests.browser.plugin import serious_barriers, sideways, visit

pytestmark = pytest.mark.browser


def walk_the_check(page, problems):
    visit(page, "/check/")
    problems += serious_barriers(page)
    page.get_by_role("link", name="Start the relationship check").click()
    page.get_by_role("button", name="Next").click()  # nothing chosen: kind errors
    page.wait_for_selector(".error-summary")
    problems += serious_barriers(page, "step one with errors")
    page.get_by_label("A family member").check()
    for group in ("hurt", "threatened", "afraid"):
        page.locator(f"#id_{group}_1").check()
    page.get_by_role("button", name="Next").click()
    page.wait_for_selector("text=How often does this happen?")
    problems += serious_barriers(page, "questions")
    for key in content.PATTERN_KEYS:
        page.locator(f"#id_{key}_2").check()
    page.get_by_role("button", name="See what this shows").click()
    page.wait_for_selector("text=One next step")
    problems += serious_barriers(page, "result")
    return page


def test_the_relationship_check_works_and_reads_well(page, small_page):
    problems = []
    for each in (page, small_page):
        walk_the_check(each, problems)
        assert "When it is family" in each.content()
        assert (wide := sideways(each)) is None, f"the result {wide}"
    assert not problems, "\n".join(problems)


def test_a_yes_goes_straight_to_safety_in_the_browser(small_page):
    visit(small_page, "/check/relationship/")
    small_page.locator("#id_hurt_0").check()
    small_page.get_by_role("button", name="Next").click()
    small_page.wait_for_url("**/check/safety-first/")
    assert "If you are in danger now" in small_page.content()
    assert not serious_barriers(small_page, "safety first")


def test_the_danger_screen_and_saved_pages_have_no_serious_barriers(page, sign_in):
    make_member(OWNER_NAME, OWNER_PASSPHRASE)
    sign_in(page, OWNER_NAME, OWNER_PASSPHRASE)
    problems = []
    visit(page, "/check/danger/")
    problems += serious_barriers(page, "danger screen")
    for key in content.DANGER_KEYS:
        page.locator(f"#id_{key}_2").check()
    page.get_by_role("button", name="See what to do").click()
    page.wait_for_selector("text=What to do now")
    problems += serious_barriers(page, "danger result")
    page.get_by_role("button", name="Save this check").click()
    page.wait_for_selector("text=Your answers are saved")
    walk_the_check(page, problems)
    page.get_by_role("button", name="Save this check").click()
    page.wait_for_selector("text=Your check is saved")
    visit(page, "/check/relationship/history/")
    problems += serious_barriers(page, "history")
    visit(page, "/check/reconciliation/")
    page.get_by_label("When did you notice this?").fill("2025-01-15")
    page.get_by_label("Boundaries respected").check()
    page.get_by_label("Slipped").check()
    page.get_by_role("button", name="Save this note").click()
    page.wait_for_selector("text=Your note is saved")
    problems += serious_barriers(page, "reconciliation")
    visit(page, "/check/reconciliation/if-you-go-ahead/")
    problems += serious_barriers(page, "if you go ahead")
    assert not problems, "\n".join(problems)
