"""What the browser may remember (T1): no autofill of private text, no visible passphrases."""

import pytest

from conftest import OWNER_NAME, OWNER_PASSPHRASE

pytestmark = pytest.mark.browser

PUBLIC_PASSPHRASE_FIELDS = {
    "/sign-in/": ["#id_passphrase"],
    "/start/": ["#id_new_passphrase", "#id_new_passphrase_again"],
    "/recover/": ["#id_new_passphrase", "#id_new_passphrase_again"],
}
PRIVATE_PASSPHRASE_FIELDS = {
    "/settings/passphrase/": ["#id_current", "#id_new_passphrase", "#id_new_passphrase_again"],
    "/settings/recovery-code/": ["#id_current"],
    "/settings/duress/": ["#id_current", "#id_duress", "#id_duress_again"],
    "/settings/delete/": ["#id_current"],
}


def assert_hidden_as_typed(page, path, selectors):
    page.goto(path)
    for selector in selectors:
        field = page.locator(selector)
        assert field.get_attribute("type") == "password", f"{path} {selector} shows what is typed"


def test_passphrases_are_never_shown_as_they_are_typed(owner, page, sign_in):
    for path, selectors in PUBLIC_PASSPHRASE_FIELDS.items():
        assert_hidden_as_typed(page, path, selectors)
    sign_in(page, OWNER_NAME, OWNER_PASSPHRASE)
    for path, selectors in PRIVATE_PASSPHRASE_FIELDS.items():
        assert_hidden_as_typed(page, path, selectors)
    page.get_by_role("button", name="Lock").click()
    page.wait_for_url("**/unlock/**")
    assert_hidden_as_typed(page, page.url, ["#id_passphrase"])


def test_private_writing_is_not_offered_to_the_browser_to_remember(owner, page, sign_in):
    sign_in(page, OWNER_NAME, OWNER_PASSPHRASE)
    page.goto("/reasons/")
    assert page.get_attribute("textarea#id_text", "autocomplete") == "off"

    page.goto("/recover/")
    assert page.get_attribute("#id_code", "autocomplete") == "off"
