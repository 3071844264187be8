import pytest

from conftest import OWNER_NAME, OWNER_PASSPHRASE
from tests.browser.plugin import serious_barriers, sideways, visit

pytestmark = pytest.mark.browser

PAGES = (
    "/money/",
    "/money/budget/",
    "/money/emergency-fund/",
    "/money/paperwork/",
    "/money/separate-account/",
)


def test_the_money_pages_have_no_serious_barriers_even_on_a_small_phone(owner, small_page, sign_in):
    page = small_page
    sign_in(page, OWNER_NAME, OWNER_PASSPHRASE)
    problems = []
    for path in PAGES:
        visit(page, path)
        problems += serious_barriers(page)
        if wide := sideways(page):
            problems.append(f"{path}: {wide}")
    visit(page, "/money/budget/")
    page.fill("#id_income-0-label", "Pay")
    page.fill("#id_income-0-amount", "lots")
    page.get_by_role("button", name="Save my budget").last.click()
    page.wait_for_selector(".error")
    problems += serious_barriers(page, "budget with errors")
    assert not problems, "\n".join(problems)


def test_pressing_enter_in_a_box_saves_rather_than_adding_rows(owner, page, sign_in):
    sign_in(page, OWNER_NAME, OWNER_PASSPHRASE)
    visit(page, "/money/budget/")
    page.fill("#id_income-0-label", "Pay")
    page.fill("#id_income-0-amount", "900")
    page.press("#id_income-0-amount", "Enter")
    page.wait_for_selector("text=Your budget is saved.")
    assert "900" in page.locator(".money-totals").inner_text()


def test_without_javascript_add_more_rows_keeps_everything_typed(owner, open_page, sign_in):
    page = open_page(javascript=False)
    sign_in(page, OWNER_NAME, OWNER_PASSPHRASE)
    visit(page, "/money/budget/")
    for i, (label, amount) in enumerate([("Pay", "1200"), ("Gift", "12,50"), ("Jar", "5")]):
        page.fill(f"#id_income-{i}-label", label)
        page.fill(f"#id_income-{i}-amount", amount)
    page.get_by_role("button", name="Add more lines for money coming in").click()
    assert page.input_value("#id_income-1-amount") == "12,50"
    assert page.locator("#id_income-5-label").is_visible()
    page.get_by_role("button", name="Save my budget").last.click()
    assert "1,217.50" in page.locator(".money-totals").inner_text()


def test_the_emergency_fund_bar_and_words_agree(owner, page, sign_in):
    sign_in(page, OWNER_NAME, OWNER_PASSPHRASE)
    visit(page, "/money/emergency-fund/")
    page.fill("#id_goal", "500")
    page.fill("#id_saved", "120")
    page.get_by_role("button", name="Save", exact=True).click()
    assert page.locator("#fund-progress-text").inner_text() == "120 of 500 saved"
    bar = page.locator("progress.fund-progress")
    assert bar.evaluate("el => [el.value, el.max]") == [120, 500]
