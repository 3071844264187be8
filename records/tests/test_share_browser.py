"""A share in two browsers on a phone (360 px): the owner makes it, a reader in a
fresh browser opens it with the passphrase and reads the PDF back."""

import subprocess

import pytest

from conftest import OWNER_NAME, OWNER_PASSPHRASE, make_member
from records.tests.export_world import three_incidents
from tests.browser.plugin import serious_barriers, sideways
from vault.box import Box

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


def phone(open_context):
    page = open_context(PHONE["width"]).new_page()
    page.set_viewport_size(PHONE)
    return page


def test_a_share_made_on_a_phone_opens_for_the_reader_and_its_pdf_reads_back(open_context, sign_in):
    user, dek, _code = make_member(OWNER_NAME, OWNER_PASSPHRASE)
    incidents = three_incidents(Box(dek), user)

    owner = phone(open_context)
    sign_in(owner, OWNER_NAME, OWNER_PASSPHRASE)
    owner.goto("/records/shares/new/")
    assert sideways(owner) is None
    # Share only the second entry (the one with a photo).
    owner.locator(f'input[name="entries"][value="{incidents[1].pk}"]').check()
    owner.select_option("#id_lasts", "24")
    owner.fill("#id_note", "For my advocate")
    owner.get_by_role("button", name="Make the link").click()
    owner.wait_for_selector("#share-link")
    link = owner.text_content("#share-link").strip()
    passphrase = owner.text_content("#share-passphrase").strip()
    assert link.startswith("http") and "/records/shared/" in link
    assert sideways(owner) is None

    reader = phone(open_context)  # a fresh browser: no account, no cookies
    reader.goto(link)
    assert reader.title() == "Shared notes"
    assert reader.locator("#quick-exit").is_visible()
    assert reader.locator(".site-nav").count() == 0
    reader.fill("#id_passphrase", passphrase)
    reader.get_by_role("button", name="Open the notes").click()
    reader.wait_for_selector(".share-entry")
    assert reader.locator(".share-entry").count() == 1
    body = reader.text_content("main")
    assert "Took my phone and read it" in body
    assert "corridor" not in body and "Followed me" not in body
    # The picture loads after the page: wait until the browser is done with it,
    # then a width of 0 means it could not be shown.
    picture = reader.locator(".share-files img")
    reader.wait_for_function("(img) => img.complete", arg=picture.element_handle())
    assert picture.evaluate("img => img.naturalWidth") > 0
    assert sideways(reader) is None
    assert serious_barriers(reader) == []

    with reader.expect_download() as download_info:
        reader.get_by_role("link", name="Download as PDF").click()
    download = download_info.value
    assert download.suggested_filename == "notes.pdf"
    text = subprocess.run(
        ["pdftotext", "-layout", download.path(), "-"], capture_output=True, check=True
    ).stdout.decode()
    assert "Took my phone and read it" in text
    assert "corridor" not in text
    assert "Signed by key t1" in text

    owner.goto("/records/shares/")
    assert "Opened 1 time" in owner.text_content("main")
    assert "For my advocate" in owner.text_content("main")
