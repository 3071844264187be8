"""The safety plan in a phone's browser (360 px wide), by keyboard alone:
part by part, skipping one and coming back, the start page's states, call
buttons on the first screen, and how long the longest part page is."""

import pytest
from playwright.sync_api import expect

from conftest import OWNER_NAME, OWNER_PASSPHRASE
from plan.tests.helpers import PART_SLUGS
from tests.browser.plugin import serious_barriers, tab_to

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


def phone_page(open_context, live_server, *, country: str | None = None):
    context = open_context(PHONE["width"])
    if country:
        context.add_cookies([{"name": "hv_cc", "value": country, "url": live_server.url}])
    page = context.new_page()
    page.set_viewport_size(PHONE)
    return page


def press_to_go(page, key: str, lands: str) -> None:
    with page.expect_navigation():
        page.keyboard.press(key)
    assert page.url.split("?")[0].endswith(lands), f"{page.url}, not {lands}"


SAVE = "button.button:not(.secondary):not(.quiet)"
SKIP = "button[name=go][value=skip]"


def states(page) -> dict[str, str]:
    return {slug: page.locator(f"#state-{slug}").inner_text().strip() for slug in PART_SLUGS}


def test_the_plan_is_filled_part_by_part_with_the_keyboard_alone(
    owner, open_context, live_server, sign_in
):
    page = phone_page(open_context, live_server, country="GB")
    sign_in(page, OWNER_NAME, OWNER_PASSPHRASE)
    page.goto("/safety-plan/")
    assert states(page) == dict.fromkeys(PART_SLUGS, "Not yet")
    tab_to(page, "a.button[href='/safety-plan/checklist/']")
    press_to_go(page, "Enter", "/safety-plan/checklist/")

    # 1. Five questions: Tab into each group, Space for "Done", arrows for another answer.
    for key in ("places", "phone", "documents", "person", "accounts"):
        tab_to(page, f"input[name=check-{key}]")
        page.keyboard.press("Space")
        if key == "accounts":
            page.keyboard.press("ArrowDown")
            page.keyboard.press("ArrowDown")
        if key == "places":
            page.keyboard.press("Tab")
            page.keyboard.type("my sister's flat")
    tab_to(page, SAVE)
    press_to_go(page, "Enter", "/safety-plan/support/")

    # 2. The numbers: the country's are there already; add one and press Enter.
    assert page.locator("[name=number-0-number]").input_value() == "999"
    tab_to(page, "[name=number-2-label]")
    page.keyboard.type("Sam")
    page.keyboard.press("Tab")
    page.keyboard.type("07700 900123")
    press_to_go(page, "Enter", "/safety-plan/person/")

    # 3. The trusted person: begun, then skipped for now.
    tab_to(page, "[name=person-name]")
    page.keyboard.type("Jo")
    tab_to(page, SKIP)
    press_to_go(page, "Enter", "/safety-plan/places/")

    # 4 to 6: a place, a paper, a bag, each saved with Enter in a box.
    tab_to(page, "[name=place-0-name]")
    page.keyboard.type("The library")
    press_to_go(page, "Enter", "/safety-plan/papers/")
    tab_to(page, "[name=doc-id-done]")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.type("copy with Sam")
    press_to_go(page, "Enter", "/safety-plan/bag/")
    tab_to(page, "[name=bag-charger]")
    page.keyboard.press("Space")
    tab_to(page, "[name=ownbag-0-name]")
    page.keyboard.type("Torch")
    press_to_go(page, "Enter", "/safety-plan/devices/")

    # 7. Devices: a note (Enter there is a new line), then the Save button.
    tab_to(page, "[name=sec-passwords]")
    page.keyboard.press("Space")
    tab_to(page, "[name=sec-note]")
    page.keyboard.type("new email is with Sam")
    tab_to(page, SAVE)
    press_to_go(page, "Enter", "/safety-plan/check/")

    summary = page.locator("main").inner_text()
    for words in ("my sister's flat", "Sam", "07700 900123", "The library", "copy with Sam"):
        assert words in summary, words
    assert "Not for me" in summary

    # The skipped part waits, started; come back to it from the start page.
    tab_to(page, "a[href='/safety-plan/']")
    press_to_go(page, "Enter", "/safety-plan/")
    assert states(page) == {**dict.fromkeys(PART_SLUGS, "Done"), "person": "Started"}
    expect(page.locator("#parts-title")).to_have_text("6 of 7 parts done")
    tab_to(page, "a[href='/safety-plan/person/']")
    press_to_go(page, "Enter", "/safety-plan/person/")
    assert page.locator("[name=person-name]").input_value() == "Jo"
    tab_to(page, "[name=person-codeword]")
    page.keyboard.type("pineapple")
    press_to_go(page, "Enter", "/safety-plan/places/")
    page.goto("/safety-plan/")
    assert states(page) == dict.fromkeys(PART_SLUGS, "Done")


def test_a_form_error_on_a_phone_keeps_what_was_typed(owner, open_context, live_server, sign_in):
    page = phone_page(open_context, live_server)
    sign_in(page, OWNER_NAME, OWNER_PASSPHRASE)
    page.goto("/safety-plan/places/")
    tab_to(page, "[name=place-0-route]")
    page.keyboard.type("Left at the bakery")
    tab_to(page, SAVE)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Give this place a short name")
    assert page.locator("[name=place-0-route]").input_value() == "Left at the bakery"


@pytest.mark.parametrize("country", ["US", "GB", None])
def test_a_call_button_is_on_the_first_screen_of_the_numbers_part(
    owner, open_context, live_server, sign_in, country
):
    page = phone_page(open_context, live_server, country=country)
    sign_in(page, OWNER_NAME, OWNER_PASSPHRASE)
    page.goto("/safety-plan/support/")
    first_call = page.locator("main a[href^='tel:']").first
    box = first_call.bounding_box()
    assert box is not None
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], box
    assert page.evaluate("window.scrollY") == 0


def test_no_part_page_is_long_on_a_phone(owner, open_context, live_server, sign_in, capsys):
    """Each part's page height in phone screens (height / 740 at 360 px wide).
    The one long form this replaced measured 16.6 screens."""
    page = phone_page(open_context, live_server, country="GB")
    sign_in(page, OWNER_NAME, OWNER_PASSPHRASE)
    screens = {}
    for slug in ("", *PART_SLUGS, "check"):
        path = f"/safety-plan/{slug}/" if slug else "/safety-plan/"
        page.goto(path)
        height = page.evaluate("document.documentElement.scrollHeight")
        screens[path] = round(height / PHONE["height"], 1)
        sideways = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert sideways <= 1, f"{path} scrolls sideways by {sideways}px"
    longest = max(screens, key=screens.get)
    with capsys.disabled():
        print(f"\nsafety plan, phone screens at 360x740: {screens}; longest {longest}")
    assert screens[longest] < 5, screens


def test_every_page_of_the_plan_has_no_serious_barriers(owner, open_context, live_server, sign_in):
    page = phone_page(open_context, live_server, country="GB")
    sign_in(page, OWNER_NAME, OWNER_PASSPHRASE)
    problems = []
    paths = ["/safety-plan/", *[f"/safety-plan/{slug}/" for slug in PART_SLUGS]]
    for path in [*paths, "/safety-plan/check/", "/safety-plan/print/"]:
        page.goto(path)
        problems += serious_barriers(page)
    page.goto("/safety-plan/support/")
    page.fill("[name=number-2-number]", "ask at the desk")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator(".error-summary")).to_be_visible()
    problems += serious_barriers(page, "/safety-plan/support/ with an error")
    assert not problems, "axe found serious problems:\n" + "\n".join(problems)


def test_choosing_a_country_on_the_numbers_part_fills_in_its_numbers(
    owner, open_context, live_server, sign_in
):
    """With no country yet, the numbers part offers the row of countries; a tap
    brings the page back at the call buttons with that country's numbers
    written into the plan's first rows."""
    page = phone_page(open_context, live_server)
    sign_in(page, OWNER_NAME, OWNER_PASSPHRASE)
    page.goto("/safety-plan/support/")
    assert page.locator("[name=number-0-number]").input_value() == ""
    page.get_by_role("button", name="United Kingdom").click()
    page.wait_for_url("**/safety-plan/support/#call-now")
    assert page.locator("[name=number-0-number]").input_value() == "999"
    expect(page.locator("#call-now a[href^='tel:']").first).to_be_in_viewport()
