"""In Chromium on a phone-sized screen: subscribe, confirm from the mail, leave in one click.

Mail really crosses SMTP: the confirmation goes through Django's SMTP backend
and the issue through the newsletter's pool, both to an aiosmtpd server in
this process, where the test reads the links from the messages.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.test import override_settings
from django.utils import timezone
from playwright.sync_api import expect

from newsletter import sending
from newsletter.models import Issue, Subscriber, Suppression
from newsletter.tests.smtp import running_sink

pytestmark = pytest.mark.browser

SHOTS = "var/screens"


@pytest.fixture
def mail_sink(live_server):
    with running_sink() as (sink, port):
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=port,
            HAVEN_SITE_URL=live_server.url,
            HAVEN_NEWSLETTER_FROM="Notes <notes@haven.example>",
        ):
            yield sink


def link_in(message, prefix: str) -> str:
    text = message.get_body(preferencelist=("plain",)).get_content()
    found = re.search(rf"https?://\S+({re.escape(prefix)}\S+/)", text)
    assert found, text
    return found.group(1)


def test_subscribe_confirm_and_leave_in_one_click_on_a_phone(open_context, mail_sink, tmp_path):
    phone = open_context(360)
    page = phone.new_page()
    page.goto("/newsletter/?from=guide")
    expect(page.get_by_role("heading", name="Weekly notes by email")).to_be_visible()
    expect(page.locator("#quick-exit")).to_be_visible()

    # A typo is answered kindly and what was typed stays.
    page.fill("#id_address", "river.example.org")
    page.get_by_role("button", name="Send me the notes").click()
    expect(page.locator("label[for=id_address] .error")).to_contain_text("doesn't look like")
    assert page.input_value("#id_address") == "river.example.org"
    page.screenshot(path=str(tmp_path / "subscribe-error-360.png"), full_page=True)
    no_sideways = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert no_sideways

    page.fill("#id_address", "river@example.org")
    page.get_by_role("button", name="Send me the notes").click()
    page.wait_for_url("**/newsletter/check-your-inbox/")
    expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible()

    [confirmation] = mail_sink.messages()
    assert str(confirmation["Subject"]) == "Please confirm"
    page.goto(link_in(confirmation, "/newsletter/confirm/"))
    page.get_by_role("button", name="Yes, send me the notes").click()
    expect(page.get_by_role("heading", name="You're signed up")).to_be_visible()
    subscriber = Subscriber.objects.get()
    assert subscriber.state == Subscriber.State.CONFIRMED
    assert subscriber.consents.get().source == "guide"

    # The first notes go out; the mail program finds the one-click link in the headers.
    issue = Issue.objects.create(
        title="Rest",
        subject_open="Rest",
        tip="Rest counts too.",
        state="scheduled",
        send_at=timezone.now(),
    )
    sending.send(issue)
    notes = mail_sink.messages()[-1]
    https = re.search(r"<(https?://[^>]+)>", str(notes["List-Unsubscribe"])).group(1)
    assert str(notes["List-Unsubscribe-Post"]) == "List-Unsubscribe=One-Click"

    # A mail program's one-click POST: its own client, no cookie, no CSRF token.
    mail_program = open_context(1280).request
    answer = mail_program.post(https, form={"List-Unsubscribe": "One-Click"})
    assert answer.status == 200
    assert Subscriber.objects.get().state == Subscriber.State.WITHDRAWN
    assert Suppression.objects.get().reason == "unsubscribed"

    # The person opening the same link in the browser later gets a calm answer.
    page.goto(urlsplit(https).path)
    expect(page.get_by_role("heading", name="You won't get any more notes")).to_be_visible()
    page.screenshot(path=str(tmp_path / "unsubscribed-360.png"), full_page=True)


def test_the_unsubscribe_button_works_without_javascript(open_context, mail_sink):
    from newsletter import tokens
    from newsletter.tests.test_sending import make_subscriber

    subscriber = make_subscriber("nojs@example.org")
    page = open_context(360, javascript=False).new_page()
    page.goto(f"/newsletter/u/{tokens.make('unsubscribe', subscriber.id)}/")
    page.get_by_role("button", name="Stop the notes").click()
    expect(page.get_by_role("heading", name="Done. No more notes will come.")).to_be_visible()
    assert Subscriber.objects.get().state == Subscriber.State.WITHDRAWN


def test_the_manage_page_works_on_a_phone_and_keeps_choices(open_context, mail_sink, tmp_path):
    from newsletter import tokens
    from newsletter.tests.test_sending import make_subscriber

    subscriber = make_subscriber("phone.reader@example.org")
    page = open_context(360).new_page()
    page.goto(f"/newsletter/manage/{tokens.make('manage', subscriber.id)}/")
    expect(page.get_by_text("p•••@example.org", exact=False)).to_be_visible()
    page.get_by_label("A daily line of inspiration").check()
    page.get_by_label("Open", exact=False).check()
    page.get_by_role("button", name="Save my choices").click()
    expect(page.get_by_role("status")).to_contain_text("Saved")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=str(tmp_path / "manage-360.png"), full_page=True)
    subscriber.refresh_from_db()
    assert subscriber.daily and subscriber.wording == "open"
