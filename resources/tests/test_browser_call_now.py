"""Call buttons on a 360 x 740 phone: on the first screen of every safety stop,
and choosing a country keeps the person where they were."""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from assess import content
from tests.browser.plugin import serious_barriers, sideways, visit

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def phone(open_page, transactional_db):
    call_command("load_resources", stdout=StringIO())

    def phone(javascript=True):
        page = open_page(width=PHONE["width"], javascript=javascript)
        page.set_viewport_size(PHONE)
        return page

    return phone


def choose_by_cookie(page, country):
    """As if chosen on an earlier visit."""
    visit(page, "/help/")
    root = page.url.split("/help/")[0] + "/"
    page.context.add_cookies([{"name": "hv_cc", "value": country, "url": root}])


def first_call_button_on_first_screen(page) -> str:
    """The first tel: link, which must lie wholly inside the first screen."""
    link = page.locator('a[href^="tel:"]').first
    box = link.bounding_box()
    assert box is not None, f"{page.url}: no call button"
    scrolled = page.evaluate("window.scrollY")
    top, bottom = box["y"] + scrolled, box["y"] + box["height"] + scrolled
    assert top >= 0 and bottom <= PHONE["height"], f"{page.url}: the call button ends at {bottom}px"
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    return link.get_attribute("href")


def say_yes_to_a_safety_question(page):
    visit(page, "/check/relationship/")
    page.locator("#id_hurt_0").check()
    page.get_by_role("button", name="Next").click()
    page.wait_for_url("**/check/safety-first/")


def see_the_danger_result(page):
    visit(page, "/check/danger/")
    for key in content.DANGER_KEYS:
        page.locator(f"#id_{key}_2").check()
    page.get_by_role("button", name="See what to do").click()
    page.wait_for_selector("text=The signs you said yes to")


@pytest.mark.parametrize("country", [None, "GB", "CA"])
def test_every_safety_stop_has_a_call_button_on_the_first_phone_screen(phone, country):
    page = phone()
    if country:
        choose_by_cookie(page, country)
    stops = []
    say_yes_to_a_safety_question(page)
    stops.append(("the relationship check's yes", first_call_button_on_first_screen(page)))
    see_the_danger_result(page)
    stops.append(("the danger result", first_call_button_on_first_screen(page)))
    visit(page, "/help/")
    stops.append(("/help/", first_call_button_on_first_screen(page)))
    expected = {None: "tel:911", "GB": "tel:999", "CA": "tel:911"}[country]
    assert [href for _where, href in stops] == [expected] * 3, stops
    assert sideways(page) is None


def test_help_for_a_country_fits_its_two_numbers_on_the_first_screen(phone):
    page = phone()
    choose_by_cookie(page, "US")
    visit(page, "/help/")
    calls = page.locator("#call-now a[href^='tel:']")
    assert calls.count() == 2
    for index in range(2):
        box = calls.nth(index).bounding_box()
        assert box["y"] + box["height"] <= PHONE["height"]
    # The rest folds away: legal help is there, closed, further down.
    legal = page.locator("details.help-group", has_text="Legal help").first
    assert legal.get_attribute("open") is None
    assert legal.bounding_box()["y"] > PHONE["height"]
    assert not serious_barriers(page, "help for a country")


def test_choosing_a_country_keeps_the_page_where_it_was(phone):
    page = phone()
    say_yes_to_a_safety_question(page)
    page.evaluate("window.scrollTo(0, 60)")
    page.wait_for_function("window.scrollY === 60")
    page.get_by_role("button", name="United Kingdom").tap()
    # (999 is among the numbers shown before the choice too: wait for the UK's own.)
    page.wait_for_selector("text=Call for help in United Kingdom")
    assert page.url.endswith("/check/safety-first/")
    assert page.evaluate("window.scrollY") == 60
    # The next key press calls: focus is on the emergency button.
    assert page.evaluate("document.activeElement.getAttribute('href')") == "tel:999"
    assert "Thank you for telling us" in page.content()


def test_choosing_a_country_leaves_the_rest_of_the_page_alone(phone):
    page = phone()
    say_yes_to_a_safety_question(page)
    # Something the person typed elsewhere on the page (as on a page with a form).
    page.evaluate(
        """() => {
        const field = document.createElement("textarea");
        field.id = "typed";
        document.querySelector("main").append(field);
    }"""
    )
    page.fill("#typed", "still here")
    page.get_by_role("button", name="Canada").click()
    page.wait_for_selector("text=Call for help in Canada")
    assert page.input_value("#typed") == "still here"
    # The help lines box further down follows the choice too.
    assert "Help in Canada" in page.locator(".help-lines").inner_text()


def test_without_javascript_the_choice_comes_back_to_the_same_buttons(phone):
    page = phone(javascript=False)
    say_yes_to_a_safety_question(page)
    page.get_by_role("button", name="New Zealand").click()
    page.wait_for_url("**/check/safety-first/#call-now")
    page.wait_for_selector("text=Call for help in New Zealand")
    first_call_button_on_first_screen(page)
    assert page.locator("#call-now a[href^='tel:']").first.get_attribute("href") == "tel:111"


@pytest.mark.parametrize("javascript", [True, False])
def test_choosing_on_the_danger_result_keeps_the_result(phone, javascript):
    page = phone(javascript=javascript)
    see_the_danger_result(page)
    page.get_by_role("button", name="Australia").click()
    page.wait_for_selector("text=Call for help in Australia")
    # Waits for the whole page: without JavaScript it is a new page still loading.
    expect(page.locator("text=The signs you said yes to")).to_have_count(1)
    assert "answers" not in page.url and "neck" not in page.url
    assert page.url.split("#")[0].endswith("/check/danger/")


def test_by_keyboard_a_country_is_one_key_from_its_call_button(phone):
    page = phone()
    visit(page, "/help/")
    page.get_by_role("button", name="Ireland").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Call for help in Ireland")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "tel:112"
