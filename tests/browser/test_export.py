"""In Chromium: download everything from Settings, then bring the sealed file into a new space."""

import zipfile

import pytest
from playwright.sync_api import expect

from conftest import OTHER_NAME, OTHER_PASSPHRASE, OWNER_NAME, OWNER_PASSPHRASE, make_member

pytestmark = pytest.mark.browser

REASON = "I want to sleep without fear, Ζωή"


def test_a_person_downloads_both_copies_and_brings_the_sealed_one_into_a_new_space(
    page, sign_in, tmp_path
):
    make_member(OWNER_NAME, OWNER_PASSPHRASE)
    make_member(OTHER_NAME, OTHER_PASSPHRASE)
    sign_in(page, OWNER_NAME, OWNER_PASSPHRASE)
    page.goto("/reasons/")
    page.fill("[name=text]", REASON)
    page.get_by_role("button", name="Save").first.click()
    expect(page.locator("main")).to_contain_text(REASON)

    page.goto("/settings/")
    page.get_by_role("link", name="Download everything you wrote").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Download everything you wrote")

    # A wrong passphrase: a kind no, and the field is empty again.
    page.get_by_label("Your passphrase").fill("not my passphrase at all")
    page.get_by_role("button", name="Download the sealed file").click()
    expect(page.locator("main")).to_contain_text("That passphrase isn't right")
    assert page.get_by_label("Your passphrase").input_value() == ""

    page.get_by_label("Your passphrase").fill(OWNER_PASSPHRASE)
    with page.expect_download() as sealed_info:
        page.get_by_role("button", name="Download the sealed file").click()
    sealed = sealed_info.value
    assert sealed.suggested_filename.startswith("notes-")
    assert sealed.suggested_filename.endswith(".bin")
    sealed_path = tmp_path / sealed.suggested_filename
    sealed.save_as(sealed_path)
    assert REASON.encode() not in sealed_path.read_bytes()

    page.get_by_label("Your passphrase").fill(OWNER_PASSPHRASE)
    with page.expect_download() as readable_info:
        page.get_by_role("button", name="Download the readable folder").click()
    readable_path = tmp_path / readable_info.value.suggested_filename
    readable_info.value.save_as(readable_path)
    with zipfile.ZipFile(readable_path) as archive:
        assert REASON in archive.read("plan.json").decode()

    # A new space, in a fresh browser session.
    page.context.clear_cookies()
    sign_in(page, OTHER_NAME, OTHER_PASSPHRASE)
    page.goto("/settings/export/")
    page.get_by_role("link", name="Bring in a sealed file").click()
    page.get_by_label("The sealed file").set_input_files(str(sealed_path))
    page.get_by_label("The passphrase the file was sealed with").fill(OWNER_PASSPHRASE)
    page.get_by_role("button", name="Bring everything in").click()
    page.wait_for_url("**/home/")
    expect(page.locator("main")).to_contain_text("Everything from your file is here now.")
    page.goto("/reasons/")
    expect(page.locator("main")).to_contain_text(REASON)
