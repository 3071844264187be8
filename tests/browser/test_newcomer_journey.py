"""A newcomer's first visit: the guide, the relationship check that stops for
safety, then a safety plan downloaded as a PDF and read back."""

import shutil
import subprocess

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from conftest import OWNER_NAME, OWNER_PASSPHRASE, make_member

pytestmark = pytest.mark.browser

PLACE = "Auntie Mira's flat, bus 12"
GREEK = "Σπίτι της Άννας"
ARABIC = "بيت سارة"


def test_from_the_guide_through_the_safety_stop_to_a_safety_plan_pdf(page, sign_in, tmp_path):
    call_command("load_guide", verbosity=0)
    # The guide, without an account.
    page.goto("/guide/")
    page.get_by_role("link", name="Recognising the pattern").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Recognising the pattern")
    page.get_by_role("link", name="Try the relationship check").first.click()
    page.wait_for_url("**/check/relationship/")

    # The check: a "yes" to being hurt stops it at once.
    page.get_by_label("A partner or ex-partner").check()
    page.locator("input[name=hurt][value=yes]").check()
    page.get_by_role("button", name="Next").click()
    page.wait_for_url("**/check/safety-first/**")
    expect(page.locator("main a[href='/safety-plan/']").first).to_be_visible()
    body = page.locator("main").inner_text()
    assert "emergency" in body.lower()
    assert "how often" not in body.lower()  # the pattern questions never came

    # Then, with a space of their own, a safety plan.
    make_member(OWNER_NAME, OWNER_PASSPHRASE)
    sign_in(page, OWNER_NAME, OWNER_PASSPHRASE)
    page.goto("/safety-plan/")
    page.get_by_role("link", name="Start with part 1").click()
    page.wait_for_url("**/safety-plan/checklist/")
    page.locator("[name=check-phone][value=done]").check()
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url("**/safety-plan/support/")
    page.get_by_role("button", name="Skip for now").click()
    page.wait_for_url("**/safety-plan/person/")
    page.fill("[name=person-name]", "Jo from work")
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url("**/safety-plan/places/")
    page.fill("[name=place-0-name]", PLACE)
    page.fill("[name=place-1-name]", GREEK)
    page.fill("[name=place-2-name]", ARABIC)
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url("**/safety-plan/papers/")
    page.goto("/safety-plan/places/")
    assert page.locator("[name=place-0-name]").input_value() == PLACE
    page.goto("/safety-plan/")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download as PDF").click()
    download = download_info.value
    saved = tmp_path / "plan.pdf"
    download.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")

    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext (Debian's poppler-utils) is needed to read the PDF back")
    text = subprocess.run([pdftotext, str(saved), "-"], capture_output=True, check=True).stdout
    text = text.decode()
    assert PLACE in text
    assert GREEK in text
    assert "Jo from work" in text
