"""A member who deletes their account takes their words; other people's stay."""

import pytest

from community.models import Member, Post, Thread
from community.tests.conftest import PASS, reply_to, said, thread_by

pytestmark = pytest.mark.django_db


def delete_account(client) -> None:
    response = client.post("/settings/delete/", {"current": PASS, "understood": "on"})
    assert response.status_code == 302


def test_another_members_reply_survives_when_the_starter_deletes_their_account(alex, blair):
    willow, willow_client = alex
    heron, heron_client = blair
    thread = thread_by(willow_client, "Sleeping through the night", "WILLOW-WROTE-THIS first")
    first = Post.objects.get(thread=thread, position=1)
    reply = reply_to(heron_client, thread, "HERON-REPLY it gets easier", quote=str(first.pk))
    reply_to(willow_client, thread, "WILLOW-WROTE-THIS again")
    lonely = thread_by(willow_client, "Nobody replied here", "WILLOW-WROTE-THIS alone")

    delete_account(willow_client)

    assert not Member.objects.filter(pk=willow.pk).exists()
    assert not Post.objects.filter(body__contains="WILLOW-WROTE-THIS").exists()
    assert not Thread.objects.filter(pk=lonely.pk).exists()
    kept = Thread.objects.get(pk=thread.pk)
    assert kept.author is None
    assert Post.objects.get(pk=reply.pk).author == heron

    page = said(heron_client.get(f"/community/t/{thread.pk}/"))
    assert "This post was removed by the person who wrote it." in page
    assert "HERON-REPLY it gets easier" in page
    assert "WILLOW-WROTE-THIS" not in page and "Willow" not in page
    # The quote of their words is gone from the reply too.
    assert 'class="quoted"' not in page

    board = said(heron_client.get("/community/b/planning/"))
    assert "Sleeping through the night" in board and "a former member" in board
    # Only where the first post was: a later page has no such line.
    later = said(heron_client.get(f"/community/t/{thread.pk}/?after=1"))
    assert "removed by the person who wrote it" not in later
    assert "HERON-REPLY" in later


def test_a_thread_with_only_its_starters_posts_goes_with_them(alex, blair):
    _willow, willow_client = alex
    _heron, heron_client = blair
    thread = thread_by(willow_client, "Just thinking aloud", "first")
    reply_to(willow_client, thread, "second")
    heron_own = thread_by(heron_client, "Heron's own", "kept")

    delete_account(willow_client)

    assert not Thread.objects.filter(pk=thread.pk).exists()
    assert Thread.objects.filter(pk=heron_own.pk).exists()
    assert heron_client.get(f"/community/t/{thread.pk}/").status_code == 404
