"""Discreet mode (T1): the tab and icon say "Notes", even after signing out."""

import pytest
from playwright.sync_api import expect

from conftest import OWNER_NAME, OWNER_PASSPHRASE

pytestmark = pytest.mark.browser


def test_choosing_notes_renames_the_tab_and_icon_on_this_device(owner, page, sign_in):
    sign_in(page, OWNER_NAME, OWNER_PASSPHRASE)
    assert "Haven" in page.title()

    page.goto("/settings/")
    page.select_option("#id_discreet", "notes")
    page.get_by_role("button", name="Save settings").click()
    expect(page.locator(".messages")).to_contain_text("Your settings are saved.")

    assert page.title() == "Notes"
    assert "notes.svg" in page.get_attribute("link[rel=icon]", "href")
    assert "Haven" not in page.inner_text("header")

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/sign-in/")
    expect(page.locator(".messages")).to_contain_text("You are signed out.")
    assert page.title() == "Notes"
    assert "notes.svg" in page.get_attribute("link[rel=icon]", "href")
