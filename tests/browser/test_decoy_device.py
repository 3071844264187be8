"""Forced to unlock with the duress passphrase (T2): the device stays as it was.

The person chose discreet mode, a short auto-lock and their own exit site on
this device after setting up the decoy. Someone makes them unlock: the decoy
opens, and nothing about the device (the tab's name and icon, how soon it
locks, where quick exit goes) gives it away.
"""

import pytest
from playwright.sync_api import expect

from accounts import actions
from conftest import DURESS_PASSPHRASE, OWNER_NAME, OWNER_PASSPHRASE
from plan import actions as plan_actions
from vault.box import Box

pytestmark = pytest.mark.browser

FOOD = "https://www.bbc.com/food"
REAL_REASON = "He checks my phone every night 4417."
DECOY_REASON = "Get to bed before eleven on weeknights."


def test_a_duress_unlock_keeps_the_devices_settings(owner_dek, page, sign_in):
    member, dek = owner_dek
    plan_actions.add_reason(member, Box(dek), REAL_REASON)
    actions.set_duress(member, dek, DURESS_PASSPHRASE)

    sign_in(page, OWNER_NAME, OWNER_PASSPHRASE)
    page.goto("/settings/")
    page.select_option("#id_auto_lock_minutes", "2")
    page.select_option("#id_exit_url", FOOD)
    page.select_option("#id_discreet", "notes")
    page.get_by_role("button", name="Save settings").click()
    expect(page.locator(".messages")).to_contain_text("Your settings are saved.")
    assert page.title() == "Notes"

    page.get_by_role("button", name="Lock").click()
    page.wait_for_url("**/unlock/")
    assert page.title() == "Notes"
    page.fill("#id_passphrase", DURESS_PASSPHRASE)
    page.get_by_role("button", name="Unlock").click()
    page.wait_for_url("**/home/")

    # The decoy, under the same disguise...
    assert DECOY_REASON in page.inner_text("main")
    assert REAL_REASON not in page.content()
    assert page.title() == "Notes"
    assert "notes.svg" in page.get_attribute("link[rel=icon]", "href")
    assert "Haven" not in page.inner_text("header")
    # ...locking after the same two quiet minutes...
    assert page.get_attribute("body", "data-idle-minutes") == "2"
    # ...showing the same settings...
    page.goto("/settings/")
    assert page.input_value("#id_auto_lock_minutes") == "2"
    assert page.input_value("#id_exit_url") == FOOD
    assert page.input_value("#id_discreet") == "notes"
    # ...and leaving for the same site.
    page.click("#quick-exit")
    page.wait_for_url(FOOD)
    assert page.title() == "Weather"  # the test's stand-in for any outside page
