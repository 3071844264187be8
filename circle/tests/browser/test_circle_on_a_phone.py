"""The circle on a 360 px phone: add a person, they confirm from their email,
check in, miss one, and read what was sent (the person's side and the contact's)."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from circle.models import CheckIn
from circle.tests.helpers import CONTACT_LINK, sweep_at
from conftest import OWNER_NAME, OWNER_PASSPHRASE, make_member
from tests.browser.plugin import serious_barriers, sideways

pytestmark = pytest.mark.browser

PHONE = 360
SHOTS = "var/screens"


def look(page, name: str) -> None:
    """Nothing sticks out sideways, nothing serious for assistive tech; keep a picture."""
    assert sideways(page) is None, sideways(page)
    assert serious_barriers(page) == []
    page.screenshot(path=f"{SHOTS}/circle-{name}.png", full_page=True)


def test_add_confirm_check_in_miss_and_read_the_alert(open_page, sign_in, smtp_sink):
    make_member(OWNER_NAME, OWNER_PASSPHRASE)
    page = open_page(PHONE)
    sign_in(page, OWNER_NAME, OWNER_PASSPHRASE)
    page.get_by_role("link", name="Open your circle").click()
    expect(page.locator("h1")).to_have_text("Your circle")
    look(page, "empty")

    # Add a person, by keyboard: a kind error first, and nothing typed is lost.
    page.get_by_role("link", name="Add a person").click()
    page.fill("#id_name", "Sam")
    page.fill("#id_email", "sam@example")
    page.fill("#id_phone", "+44 7700 900123")
    page.check("#id_for_checkins")
    page.keyboard.press("Enter")
    expect(page.locator(".error").first).to_contain_text("email address")
    expect(page.locator("#id_name")).to_have_value("Sam")
    look(page, "add-error")
    page.fill("#id_email", "sam@example.org")
    page.check("#id_for_tempted")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".message")).to_contain_text("asked them to confirm")
    expect(page.locator(".circle-state").first).to_have_text("Waiting for them to confirm")

    # Sam confirms from the link in the email (no account).
    invitation = smtp_sink.to("sam@example.org")
    assert len(invitation) == 1
    path = CONTACT_LINK.search(invitation[0].text).group(1)
    sam = open_page(PHONE)
    sam.goto(path)
    look(sam, "contact-invited")
    sam.get_by_role("button", name="Yes, I'll be there").click()
    expect(sam.locator(".lead")).to_contain_text("You said yes")
    page.reload()
    expect(page.locator(".circle-state").first).to_have_text("Confirmed")

    # Set a check-in and keep it with one tap.
    page.get_by_role("link", name="Set a check-in").click()
    page.fill("#id_at", "21:00")
    page.get_by_role("button", name="Set it").click()
    expect(page.locator(".message")).to_contain_text("Your check-in is set")
    page.get_by_role("button", name="Check in now").click()
    expect(page.locator(".message")).to_contain_text("Checked in")
    assert CheckIn.objects.get().state == CheckIn.State.DONE

    # Set another and miss it: within a minute Sam has the words.
    page.get_by_role("link", name="Set a check-in").click()
    page.fill("#id_at", "21:00")
    page.get_by_role("button", name="Set it").click()
    due = CheckIn.objects.get(state=CheckIn.State.ACTIVE).due_at
    sweep_at(due + timedelta(seconds=59))
    alert = smtp_sink.to("sam@example.org")[-1]
    assert "I didn't check in when I said I would" in alert.text
    page.reload()
    sent = page.locator(".circle-sent")
    expect(sent).to_contain_text("Missed check-in")
    expect(sent).to_contain_text("Sam: accepted by the mail server")
    look(page, "sent")

    # Sam opens the alert's link: what it means, what to do and not do, how to stop.
    sam.goto(CONTACT_LINK.search(alert.text).group(1))
    expect(sam.get_by_role("heading", name="If a note comes")).to_be_visible()
    expect(sam.get_by_role("button", name="Stop sending me these notes")).to_be_visible()
    look(sam, "contact-confirmed")
