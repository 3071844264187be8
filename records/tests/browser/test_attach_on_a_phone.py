"""A photo attached to an incident on a 360 px phone: chosen, sealed, shown as a
small copy, and kept without where it was taken."""

import pytest
from playwright.sync_api import expect

from conftest import OWNER_NAME, OWNER_PASSPHRASE
from records.models import Evidence
from tests.browser.plugin import sideways
from vault.tests import filemakers as make

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


def test_a_photo_from_a_phone_is_added_shown_and_stripped_of_its_place(
    owner, open_context, sign_in, tmp_path
):
    photo = tmp_path / "IMG_0042.jpg"
    photo.write_bytes(make.photo())
    assert make.gps_of(photo.read_bytes())  # the phone's photo says where it was taken

    context = open_context(PHONE["width"])
    page = context.new_page()
    page.set_viewport_size(PHONE)
    sign_in(page, OWNER_NAME, OWNER_PASSPHRASE)
    page.goto("/records/quick/")
    page.fill("#id_happened", "He broke the bathroom door.")
    with page.expect_navigation():
        page.click("form[data-draft] button[type=submit]")

    with page.expect_navigation():
        page.get_by_role("link", name="Add photos or files").click()
    page.set_input_files("#id_files", str(photo))
    with page.expect_navigation():
        page.get_by_role("button", name="Add these files").click()

    small = page.locator("main img").first
    expect(small).to_be_visible()
    page.wait_for_function(
        "(img) => img.complete && img.naturalWidth > 0", arg=small.element_handle()
    )
    assert 0 < small.evaluate("img => img.naturalWidth") <= 320
    assert sideways(page) is None
    assert "IMG_0042" not in page.url and "IMG_0042" not in page.title()

    evidence = Evidence.objects.get()
    response = page.request.get(f"/records/files/{evidence.pk}/")
    assert response.ok
    assert (
        response.headers["cache-control"].startswith("no-store")
        or "no-store" in response.headers["cache-control"]
    )
    assert make.gps_of(response.body()) == {}
