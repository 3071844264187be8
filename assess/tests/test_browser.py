"""The checks in a real browser: no serious accessibility barriers, wide or at 320px."""

# The shared browser fixtures are imported by name, so tests taking them as
# arguments look like redefinitions to ruff.
# ruff: noqa: F811

import pytest
from axe_playwright_python.sync_playwright import Axe

from assess import content
from conftest import OWNER_NAME, OWNER_PASSPHRASE, make_member
from tests.browser.conftest import (  # noqa: F401  (pytest fixtures)
    chromium_browser,
    context,
    page,
    sign_in,
    small_context,
    small_page,
    visit,
)

pytestmark = pytest.mark.browser
axe = Axe()


def serious(page, label):
    found = []
    for violation in axe.run(page).response["violations"]:
        if violation["impact"] in {"serious", "critical"}:
            nodes = "; ".join(", ".join(node["target"]) for node in violation["nodes"])
            found.append(f"{label}: {violation['id']} {nodes} - {violation['help']}")
    return found


def walk_the_check(page, problems):
    page.goto("/check/")
    problems += serious(page, "/check/")
    page.get_by_role("link", name="Start the relationship check").click()
    page.get_by_role("button", name="Next").click()  # nothing chosen: kind errors
    page.wait_for_selector(".error-summary")
    problems += serious(page, "step one with errors")
    page.get_by_label("A family member").check()
    for group in ("hurt", "threatened", "afraid"):
        page.locator(f"#id_{group}_1").check()
    page.get_by_role("button", name="Next").click()
    page.wait_for_selector("text=How often does this happen?")
    problems += serious(page, "questions")
    for key in content.PATTERN_KEYS:
        page.locator(f"#id_{key}_2").check()
    page.get_by_role("button", name="See what this shows").click()
    page.wait_for_selector("text=One next step")
    problems += serious(page, "result")
    return page


def test_the_relationship_check_works_and_reads_well(page, small_page):
    problems = []
    for each in (page, small_page):
        walk_the_check(each, problems)
        assert "When it is family" in each.content()
        width = each.evaluate("document.documentElement.scrollWidth")
        assert width <= each.viewport_size["width"], "the result scrolls sideways"
    assert not problems, "\n".join(problems)


def test_a_yes_goes_straight_to_safety_in_the_browser(small_page):
    small_page.goto("/check/relationship/")
    small_page.locator("#id_hurt_0").check()
    small_page.get_by_role("button", name="Next").click()
    small_page.wait_for_url("**/check/safety-first/")
    assert "If you are in danger now" in small_page.content()
    assert not serious(small_page, "safety first")


def test_the_danger_screen_and_saved_pages_have_no_serious_barriers(page, sign_in):
    make_member(OWNER_NAME, OWNER_PASSPHRASE)
    sign_in(page, OWNER_NAME, OWNER_PASSPHRASE)
    problems = []
    page.goto("/check/danger/")
    problems += serious(page, "danger screen")
    for key in content.DANGER_KEYS:
        page.locator(f"#id_{key}_2").check()
    page.get_by_role("button", name="See what to do").click()
    page.wait_for_selector("text=What to do now")
    problems += serious(page, "danger result")
    page.get_by_role("button", name="Save this check").click()
    page.wait_for_selector("text=Your answers are saved")
    walk_the_check(page, problems)
    page.get_by_role("button", name="Save this check").click()
    page.wait_for_selector("text=Your check is saved")
    page.goto("/check/relationship/history/")
    problems += serious(page, "history")
    page.goto("/check/reconciliation/")
    page.get_by_label("When did you notice this?").fill("2025-01-15")
    page.get_by_label("Boundaries respected").check()
    page.get_by_label("Slipped").check()
    page.get_by_role("button", name="Save this note").click()
    page.wait_for_selector("text=Your note is saved")
    problems += serious(page, "reconciliation")
    page.goto("/check/reconciliation/if-you-go-ahead/")
    problems += serious(page, "if you go ahead")
    assert not problems, "\n".join(problems)
