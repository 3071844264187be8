"""A reason written in the browser is there on the home page."""

import pytest
from playwright.sync_api import expect

from conftest import OWNER_NAME, OWNER_PASSPHRASE

pytestmark = pytest.mark.browser

REASON = "I want my evenings to feel calm again."


def test_a_reason_written_on_my_reasons_shows_on_home(owner, page, sign_in):
    sign_in(page, OWNER_NAME, OWNER_PASSPHRASE)
    page.goto("/reasons/")

    page.fill("#id_text", REASON)
    page.get_by_role("button", name="Save this reason").click()
    expect(page.locator(".messages")).to_contain_text("Your reason is saved.")
    assert page.input_value("#id_text") == ""

    page.goto("/home/")
    assert page.locator(".reason-list li").all_inner_texts() == [REASON]
