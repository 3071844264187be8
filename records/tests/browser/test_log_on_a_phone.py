"""The incident log on a 360 px phone, by keyboard alone: from the dashboard's
card, a quick entry in a few keys, then the details added later."""

import pytest
from playwright.sync_api import expect

from conftest import OWNER_NAME, OWNER_PASSPHRASE
from records.models import Incident, IncidentVersion
from tests.browser.plugin import serious_barriers, sideways, tab_to

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


def test_a_quick_entry_from_the_dashboard_then_its_details_by_keyboard(
    owner, open_context, sign_in
):
    context = open_context(PHONE["width"])
    page = context.new_page()
    page.set_viewport_size(PHONE)
    sign_in(page, OWNER_NAME, OWNER_PASSPHRASE)

    tab_to(page, "a[href='/records/quick/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/records/quick/")
    # The box and the save button are on the first screen of a phone.
    box = page.locator("#id_happened")
    expect(box).to_be_in_viewport()
    tab_to(page, "#id_happened")
    page.keyboard.type("He took my keys and locked the door.")
    tab_to(page, "form[data-draft] button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("It's written down.")).to_be_visible()
    expect(page.locator("main")).to_contain_text("He took my keys and locked the door.")
    problems = serious_barriers(page, "a quick entry")
    assert not problems, problems
    assert sideways(page) is None

    tab_to(page, "a.button[href$='/edit/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Add the details")).to_be_visible()
    tab_to(page, "#id_where")
    page.keyboard.type("Hallway at home")
    tab_to(page, "#id_witnesses")
    page.keyboard.type("My neighbour Sam heard it")
    tab_to(page, "input[name=tags][value=verbal]")
    page.keyboard.press("Space")
    tab_to(page, "form[data-draft] button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    main = page.locator("main")
    expect(main).to_contain_text("Saved as a new version")
    expect(main).to_contain_text("Hallway at home")
    expect(main).to_contain_text("My neighbour Sam heard it")
    expect(main).to_contain_text("Verbal")
    expect(main).to_contain_text("Edited 1 time")
    assert sideways(page) is None
    incident = Incident.objects.get()
    assert IncidentVersion.objects.filter(incident=incident).count() == 2

    page.goto("/home/")
    card = page.locator("section[aria-labelledby=records-card-heading]")
    expect(card).to_contain_text("1 entry · last written")
    assert "keys" not in card.inner_text()
