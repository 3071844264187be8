"""The daily note: made from the day's reminder at the operator's hour, sent once a day.

Time is moved with time-machine; the mail crosses a real SMTP conversation
(aiosmtpd, the `sink` fixture); the worker's sweeper is `jobs.sweep()`, which
calls the periodic hooks, and tasks run inline as in every test.
"""

import datetime
import re
from contextlib import contextmanager
from urllib.parse import urlsplit

import pytest
import time_machine
from django.test import Client, override_settings
from django.utils import timezone

from core import jobs
from core.models import OnceJob
from inspire import api as inspire_api
from inspire import content_files
from newsletter import actions, addresses, tokens
from newsletter import jobs as newsletter_jobs
from newsletter.models import Issue, SendSettings, Subscriber, Suppression, Wording
from newsletter.tests.test_sending import make_issue, make_subscriber

pytestmark = pytest.mark.django_db(transaction=True)

DAY = datetime.date(2026, 12, 1)


@pytest.fixture
def library():
    """The real reminder library, from inspire/data/reminders.yaml."""
    content_files.load()


def in_state(subscriber: Subscriber, state: str) -> Subscriber:
    subscriber.state = state
    subscriber.save(update_fields=["state"])
    return subscriber


@pytest.fixture
def readers():
    """Who is on the list: only the first two chose the daily note, confirmed, and may be
    written to."""
    cast = {
        "quiet": make_subscriber("daily@example.org", daily=True, weekly=False),
        "open": make_subscriber("open@example.org", daily=True, wording=Wording.OPEN),
        "weekly": make_subscriber("weekly@example.org", daily=False, weekly=True),
        "pending": in_state(make_subscriber("pending@example.org", daily=True), "pending"),
        "gone": in_state(make_subscriber("gone@example.org", daily=True), "withdrawn"),
        "bounced": make_subscriber("bounced@example.org", daily=True),
    }
    actions.suppress(cast["bounced"].address_hash, Suppression.Reason.HARD_BOUNCE)
    return cast


@pytest.fixture
def operator_client(operator):
    client = Client()
    client.force_login(operator)
    return client


def at(moment: str):
    return time_machine.travel(f"{moment} +0000", tick=False)


def daily_jobs() -> list[tuple[str, str, str]]:
    return list(
        OnceJob.objects.filter(kind="newsletter.daily")
        .order_by("key")
        .values_list("key", "state", "outcome")
    )


def test_the_days_note_is_made_at_the_hour_not_before_and_goes_once(sink, library, readers):
    with at("2026-12-01 06:59:59"):
        jobs.sweep()
    assert Issue.objects.count() == 0 and sink.accepted == [] and daily_jobs() == []

    with at("2026-12-01 07:00:00"):
        jobs.sweep()
    issue = Issue.objects.get()
    assert (issue.kind, issue.day, issue.state) == (Issue.Kind.DAILY, DAY, Issue.State.SENT)
    assert sorted(sink.recipients()) == ["daily@example.org", "open@example.org"]
    assert daily_jobs() == [("2026-12-01", "done", "sent")]

    # Asked again and again the same day, by the sweeper or the hook itself: nothing more.
    for moment in ("2026-12-01 07:00:05", "2026-12-01 12:00", "2026-12-01 23:59:59"):
        with at(moment):
            jobs.sweep()
            newsletter_jobs.daily_when_due()
    assert Issue.objects.count() == 1
    assert len(sink.accepted) == 2
    assert daily_jobs() == [("2026-12-01", "done", "sent")]

    # The next morning: not before the hour, then the next reminder.
    with at("2026-12-02 06:30"):
        jobs.sweep()
    assert len(sink.accepted) == 2
    with at("2026-12-02 07:10"):
        jobs.sweep()
    second = Issue.objects.get(day=DAY + datetime.timedelta(days=1))
    assert second.reflection == inspire_api.reminder_for(second.day)["text"]
    assert second.reflection != issue.reflection
    assert len(sink.accepted) == 4
    assert [key for key, _s, _o in daily_jobs()] == ["2026-12-01", "2026-12-02"]


def test_the_note_carries_the_days_reminder_discreetly_with_one_click_unsubscribe(
    sink, library, readers
):
    with at("2026-12-01 07:00"):
        jobs.sweep()
    reminder = inspire_api.reminder_for(DAY)
    by_to = {str(m["To"]): m for m in sink.messages()}

    quiet = by_to["daily@example.org"]
    assert str(quiet["From"]) == "Notes <notes@haven.example>"
    assert str(quiet["Subject"]) == "Daily note"
    text = quiet.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")
    html = quiet.get_body(preferencelist=("html",)).get_content()
    # The inbox preview (the first line) says nothing about the topic.
    assert text.startswith("Here is today's note.\n")
    assert reminder["text"] in text
    assert "https://haven.example/today/2026-12-01/" in text
    links = re.findall(r'href="([^"]+)"', html)
    assert "https://haven.example/today/2026-12-01/" in links
    assert all(link.startswith("https://haven.example/") for link in links)
    assert "<img" not in html.lower()

    # The subscriber's own choice of open wording is respected.
    opened = by_to["open@example.org"]
    assert str(opened["From"]) == "Haven <notes@haven.example>"
    assert str(opened["Subject"]) == f"Today's reminder from Haven: {reminder['theme']}"

    # RFC 2369 and RFC 8058, as on every weekly issue.
    uris = re.findall(r"<([^>]+)>", str(quiet["List-Unsubscribe"]))
    https = [u for u in uris if u.startswith("https://haven.example/newsletter/")]
    assert len(https) == 1 and any(u.startswith("mailto:unsubscribe@haven.example") for u in uris)
    assert str(quiet["List-Unsubscribe-Post"]) == "List-Unsubscribe=One-Click"
    assert str(quiet["List-Id"]).startswith("Daily note <daily.notes.")
    token = urlsplit(https[0]).path.split("/")[3]
    subscriber = Subscriber.objects.get(address_hash=addresses.address_hash("daily@example.org"))
    assert tokens.read("unsubscribe", token).subscriber_id == subscriber.id

    # One click, and tomorrow's note doesn't come.
    Client(enforce_csrf_checks=True).post(
        urlsplit(https[0]).path,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    with at("2026-12-02 07:00"):
        jobs.sweep()
    tomorrow = [m for m in sink.messages() if "2026-12-02" in str(m)]
    assert [str(m["To"]) for m in tomorrow] == ["open@example.org"]


def test_plain_wording_shows_the_date_only(sink, library):
    make_subscriber("plain@example.org", daily=True, wording=Wording.PLAIN)
    with at("2026-12-01 09:00"):
        jobs.sweep()
    assert str(sink.messages()[0]["Subject"]) == "Daily note: 1 December"


def test_a_paused_note_sends_nothing_and_resuming_that_day_sends_it(sink, library, readers):
    options = SendSettings.current()
    options.daily_paused = True
    options.save()
    for moment in ("2026-12-01 07:00", "2026-12-01 08:30"):
        with at(moment):
            jobs.sweep()
    assert Issue.objects.count() == 0 and sink.accepted == [] and daily_jobs() == []

    options.daily_paused = False
    options.save()
    with at("2026-12-01 09:15"):
        jobs.sweep()
    assert Issue.objects.get().day == DAY
    assert sorted(sink.recipients()) == ["daily@example.org", "open@example.org"]


def test_a_pause_between_asking_and_running_still_sends_nothing(sink, library, readers):
    # The hook asked (not paused then); the operator pauses before a worker runs it.
    with at("2026-12-01 07:00"):
        job = OnceJob.objects.create(kind="newsletter.daily", key="2026-12-01")
        options = SendSettings.current()
        options.daily_paused = True
        options.save()
        assert jobs.run(job.pk) == "paused"
    assert Issue.objects.count() == 0 and sink.accepted == []


def test_the_operators_hour_decides(sink, library, readers):
    options = SendSettings.current()
    options.daily_hour = 18
    options.save()
    with at("2026-12-01 17:59"):
        jobs.sweep()
    assert sink.accepted == []
    with at("2026-12-01 18:00"):
        jobs.sweep()
    assert len(sink.accepted) == 2


def test_without_readers_no_note_is_made(sink, library):
    make_subscriber("weekly@example.org", daily=False)
    with at("2026-12-01 07:00"):
        jobs.sweep()
    assert Issue.objects.count() == 0 and daily_jobs() == []


def test_an_operators_own_daily_issue_that_day_is_the_days_note(sink, library, readers):
    with at("2026-12-01 06:00"):
        make_issue(kind=Issue.Kind.DAILY, send_at=timezone.now() + datetime.timedelta(hours=3))
    with at("2026-12-01 07:00"):
        jobs.sweep()
    assert daily_jobs() == [("2026-12-01", "done", "written_by_hand")]
    assert Issue.objects.filter(day__isnull=False).count() == 0
    assert sink.accepted == []


def test_a_job_that_runs_after_its_day_makes_nothing(sink, library, readers):
    with at("2026-12-01 23:59:59"):
        job = jobs.once("newsletter.daily", "2026-11-30")  # runs at once, inline
        assert jobs.run(job.pk) == "not claimed"  # and only once
    assert daily_jobs() == [("2026-11-30", "done", "too_late")]
    assert Issue.objects.count() == 0 and sink.accepted == []


@contextmanager
def without_inspire():
    """Haven as installed without the inspire room: not in INSTALLED_APPS, nor in the admin."""
    from django.conf import settings
    from django.contrib import admin

    kept = {m: type(a) for m, a in admin.site._registry.items() if m._meta.app_label == "inspire"}
    for model in kept:
        admin.site.unregister(model)
    try:
        apps = [app for app in settings.INSTALLED_APPS if app != "inspire"]
        with override_settings(INSTALLED_APPS=apps):
            yield
    finally:
        for model, model_admin in kept.items():
            admin.site.register(model, model_admin)


def test_without_inspire_nothing_is_made_and_the_admin_says_so_once(sink, readers, operator_client):
    with without_inspire():
        with at("2026-12-01 07:00"):
            jobs.sweep()
        assert Issue.objects.count() == 0 and sink.accepted == [] and daily_jobs() == []
        listed = operator_client.get("/operator/admin/newsletter/sendsettings/")
        assert listed.status_code == 200
        assert listed.content.decode().count("The daily note is off") == 1
        options = SendSettings.current()
        page = operator_client.get(f"/operator/admin/newsletter/sendsettings/{options.pk}/change/")
        assert page.content.decode().count("The daily note is off") == 1
        preview = operator_client.get("/operator/admin/newsletter/issue/daily/preview/")
        assert "The daily note is off" in preview.content.decode()
        # Even a job asked for before inspire went away makes nothing.
        with at("2026-12-01 07:01"):
            job = jobs.once("newsletter.daily", "2026-12-01")  # runs at once, inline
            assert jobs.run(job.pk) == "not claimed"
        assert daily_jobs() == [("2026-12-01", "done", "no_inspire")]
        assert Issue.objects.count() == 0 and sink.accepted == []


def test_operators_see_the_daily_notes_and_preview_tomorrows(
    sink, library, readers, operator_client
):
    with at("2026-12-01 07:00"):
        jobs.sweep()
    with at("2026-12-01 10:00"):
        listed = operator_client.get("/operator/admin/newsletter/issue/?kind__exact=daily")
        assert listed.status_code == 200
        assert "1 December" in listed.content.decode()

        settings_page = operator_client.get(
            f"/operator/admin/newsletter/sendsettings/{SendSettings.current().pk}/change/"
        ).content.decode()
        assert "Preview tomorrow" in settings_page and "daily_paused" in settings_page

        preview = operator_client.get("/operator/admin/newsletter/issue/daily/preview/")
        tomorrow = inspire_api.reminder_for(DAY + datetime.timedelta(days=1))
        body = preview.content.decode()
        assert preview.status_code == 200
        assert "Daily note" in body and tomorrow["text"].split()[0] in body
        assert "/today/2026-12-02/" in body
        opened = operator_client.get("/operator/admin/newsletter/issue/daily/preview/?wording=open")
        assert f"Today&#x27;s reminder from Haven: {tomorrow['theme']}" in opened.content.decode()
        html = operator_client.get("/operator/admin/newsletter/issue/daily/preview/html/")
        assert html["Content-Security-Policy"].startswith("default-src 'none'")
        assert "/today/2026-12-02/" in html.content.decode()

        # Pausing from the settings page.
        options = SendSettings.current()
        response = operator_client.post(
            f"/operator/admin/newsletter/sendsettings/{options.pk}/change/",
            {
                "rate_per_second": options.rate_per_second,
                "connections": options.connections,
                "weekday": options.weekday,
                "hour": options.hour,
                "daily_hour": 7,
                "daily_paused": "on",
            },
        )
        assert response.status_code == 302
        paused = operator_client.get("/operator/admin/newsletter/issue/daily/preview/")
        assert "paused" in paused.content.decode()
    # A preview made nothing and sent nothing; paused, the next day sends nothing either.
    with at("2026-12-02 07:00"):
        jobs.sweep()
    assert Issue.objects.count() == 1
    assert len(sink.accepted) == 2


def test_a_daily_hour_past_23_is_refused_kindly(operator_client):
    options = SendSettings.current()
    response = operator_client.post(
        f"/operator/admin/newsletter/sendsettings/{options.pk}/change/",
        {
            "rate_per_second": 100,
            "connections": 4,
            "weekday": 1,
            "hour": 9,
            "daily_hour": 24,
        },
    )
    assert response.status_code == 200
    assert "less than or equal to 23" in response.content.decode()
    assert SendSettings.current().daily_hour == 7
