"""Operators write an issue from the content library, preview it and schedule it."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from newsletter import jobs
from newsletter.models import Issue, SendSettings, Subscriber
from newsletter.tests.test_sending import make_subscriber

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def operator_client(operator):
    client = Client()
    client.force_login(operator)
    return client


def library_rows():
    from django.apps import apps

    script = apps.get_model("scripts.Script").objects.create(
        slug="a-calm-no",
        title="A calm no",
        situations=["saying-no"],
        tone="gentle",
        body="I hear you. My answer is still no.",
    )
    section = apps.get_model("guide.Section").objects.create(
        number=3, slug="staying-safe", title="Staying safe", body_markdown="Text."
    )
    return script, section


def test_an_issue_is_written_from_the_library_previewed_and_sent(operator_client, sink):
    make_subscriber("reader@example.org")
    library_rows()
    form = operator_client.get("/operator/admin/newsletter/issue/add/").content.decode()
    assert "A calm no" in form and "Staying safe" in form
    response = operator_client.post(
        "/operator/admin/newsletter/issue/add/",
        {
            "kind": "weekly",
            "title": "Calm answers",
            "subject_open": "This week: saying no calmly",
            "summary": "",
            "tip": "Write your answer down before the call.",
            "reflection": "",
            "from_script": "a-calm-no",
            "script_title": "",
            "script_words": "",
            "from_guide": "staying-safe",
            "guide_title": "",
            "guide_path": "",
            "send_at_0": "",
            "send_at_1": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    issue = Issue.objects.get()
    assert issue.script_words == "I hear you. My answer is still no."
    assert issue.guide_path == "/guide/staying-safe/"

    preview = operator_client.get(f"/operator/admin/newsletter/issue/{issue.pk}/preview/")
    body = preview.content.decode()
    assert "Weekly notes" in body and "I hear you. My answer is still no." in body
    assert "&lt;a href=" in body  # the HTML part, shown as source
    open_preview = operator_client.get(
        f"/operator/admin/newsletter/issue/{issue.pk}/preview/?wording=open"
    )
    assert "This week: saying no calmly" in open_preview.content.decode()
    shown = operator_client.get(f"/operator/admin/newsletter/issue/{issue.pk}/preview/html/")
    assert "I hear you. My answer is still no." in shown.content.decode()
    assert shown["Content-Security-Policy"].startswith("default-src 'none'")
    assert sink.accepted == []  # a preview sends nothing

    operator_client.post(
        "/operator/admin/newsletter/issue/",
        {"action": "schedule_at_send_at", "_selected_action": [str(issue.pk)]},
    )
    # Tasks run inline in tests: the job sent the issue when the action committed.
    assert sink.recipients() == ["reader@example.org"]
    issue.refresh_from_db()
    assert issue.state == Issue.State.SENT


def test_an_issue_without_any_words_is_refused_kindly(operator_client):
    response = operator_client.post(
        "/operator/admin/newsletter/issue/add/",
        {"kind": "weekly", "title": "Empty", "subject_open": "Empty"},
    )
    assert response.status_code == 200
    assert "An issue needs a tip, a reflection or a script." in response.content.decode()
    assert not Issue.objects.exists()


def test_the_next_weekly_slot_is_the_operators_day_and_hour():
    options = SendSettings.current()
    options.weekday, options.hour = 2, 9  # Wednesday 09:00 UTC
    options.save()
    monday = datetime.datetime(2026, 11, 30, 12, 0, tzinfo=datetime.UTC)
    assert jobs.next_weekly_slot(monday) == datetime.datetime(
        2026, 12, 2, 9, 0, tzinfo=datetime.UTC
    )
    wednesday_late = datetime.datetime(2026, 12, 2, 10, 0, tzinfo=datetime.UTC)
    assert jobs.next_weekly_slot(wednesday_late).day == 9


def test_a_moved_issue_is_sent_once_at_its_new_time(sink, django_capture_on_commit_callbacks):
    from django.db import transaction

    from core.models import OnceJob

    make_subscriber("moved@example.org")
    later = timezone.now() + datetime.timedelta(days=1)
    issue = Issue.objects.create(
        title="Moved", subject_open="Moved", tip="Rest.", state="scheduled", send_at=later
    )
    with transaction.atomic():
        jobs.schedule(issue)
    issue.send_at = timezone.now()
    issue.save()
    with transaction.atomic():
        jobs.schedule(issue)
    assert sink.recipients() == ["moved@example.org"]
    # The first job, when its day comes, finds the issue moved and sends nothing.
    from core import jobs as core_jobs

    first = OnceJob.objects.get(key__endswith=str(int(later.timestamp())))
    OnceJob.objects.filter(pk=first.pk).update(run_after=timezone.now())
    assert core_jobs.run(first.pk) == "rescheduled"
    assert sink.recipients() == ["moved@example.org"]


def test_operators_see_subscribers_but_never_an_address(operator_client):
    make_subscriber("hidden.person@example.org")
    subscriber = Subscriber.objects.get()
    listing = operator_client.get("/operator/admin/newsletter/subscriber/").content.decode()
    detail = operator_client.get(
        f"/operator/admin/newsletter/subscriber/{subscriber.pk}/change/"
    ).content.decode()
    assert "confirmed" in listing
    for page in (listing, detail):
        assert "hidden.person" not in page
