"""Creating a space through the real form, as a first-time visitor would."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

NAME = "wren at dusk"
WEAK = "password1234"
STRONG = "lantern orchard velvet tuesday"


def test_a_new_person_creates_a_space_keeps_the_code_and_arrives_home(page):
    page.goto("/start/")

    # A weak passphrase is refused kindly, and the chosen name is not lost.
    page.fill("#id_username", NAME)
    page.fill("#id_new_passphrase", WEAK)
    page.fill("#id_new_passphrase_again", WEAK)
    page.get_by_role("button", name="Create my space").click()
    advice = page.locator("label[for=id_new_passphrase] .error")
    expect(advice).to_contain_text("too easy for someone to guess")
    expect(advice).to_contain_text("lamp river tuesday orange")
    assert page.url.endswith("/start/")
    assert page.input_value("#id_username") == NAME
    # The refused passphrase is not sent back into the page.
    assert page.input_value("#id_new_passphrase") == ""
    assert WEAK not in page.content()

    page.fill("#id_new_passphrase", STRONG)
    page.fill("#id_new_passphrase_again", STRONG)
    page.get_by_role("button", name="Create my space").click()
    page.wait_for_url("**/recovery-code/")

    code = page.inner_text(".recovery-code code").strip()
    assert len(code.replace("-", "").replace(" ", "")) >= 16, code

    page.fill("#id_code", code)
    page.get_by_role("button", name="I've kept it safe").click()
    page.wait_for_url("**/home/")
    assert page.inner_text("h1") == f"Welcome, {NAME}"  # a first visit
    assert "Your recovery code is confirmed" in page.inner_text("main")
    # The space is open (it can be locked again from here).
    assert page.get_by_role("button", name="Lock").is_visible()
