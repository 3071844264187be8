"""The community and the rest of Haven: the decoy, the private space, the inspire room."""

import pytest
from django.apps import apps
from django.db import models
from django.test import Client

from accounts.models import User
from community import api
from community.models import Member, Post, State
from community.tests.conftest import PASS, reply_to, said, thread_by
from tests.world import fill_every_feature

pytestmark = pytest.mark.django_db

DURESS = "pebble orchard silver monday"


@pytest.fixture
def decoy_client(alex, blair):
    """Willow has posted, bookmarked and been replied to; then someone makes her open the decoy."""
    willow, client = alex
    thread = thread_by(client, "Willow's thread", "Willow's words")
    reply_to(blair[1], thread, "Heron answers")
    client.post(f"/community/p/{thread.posts.get(position=2).pk}/bookmark/")
    client.post("/community/b/reminders/new/", {"body": "Be gentle."})
    user = willow.user
    client.post("/settings/duress/", {"current": PASS, "duress": DURESS, "duress_again": DURESS})
    decoy = Client()
    assert (
        decoy.post("/sign-in/", {"username": user.username, "passphrase": DURESS}).status_code
        == 302
    )
    assert User.objects.filter(decoy_for=user).exists()
    return decoy, thread


def test_the_decoy_reads_along_and_never_shows_the_persons_name_or_words(decoy_client, casey):
    decoy, thread = decoy_client
    others = thread_by(casey[1], "Pebble's thread", "Pebble's words")
    pages = [
        "/community/",
        "/community/b/planning/",
        "/community/bookmarks/",
        "/community/notifications/",
        "/community/join/",
        f"/community/t/{others.pk}/",
    ]
    for path in pages:
        response = decoy.get(path)
        assert response.status_code == 200, path
        page = said(response)
        assert "Willow" not in page and 'class="badge">you<' not in page, path
    assert "Pebble's thread" in said(decoy.get("/community/b/planning/"))
    # The person's own thread is not there from inside the decoy, nor found by search.
    assert decoy.get(f"/community/t/{thread.pk}/").status_code == 404
    found = said(decoy.post("/community/search/", {"q": "words"}))
    assert "Pebble's words" in found and "Willow's words" not in found
    assert "Nothing bookmarked yet" in said(decoy.get("/community/bookmarks/"))
    assert "Nothing new" in said(decoy.get("/community/notifications/"))
    assert "You can read along here" in said(decoy.get("/community/"))
    # Nor through the inspire room's reminders.
    decoy_user = User.objects.get(is_decoy=True)
    assert [r["html"] for r in api.latest_reminders(casey[0].user)] == ["<p>Be gentle.</p>"]
    assert api.latest_reminders(decoy_user) == []


def test_the_decoy_cannot_post_react_or_get_a_community_name(decoy_client):
    decoy, thread = decoy_client
    post = thread.posts.get(position=1)
    assert decoy.post("/community/b/planning/new/", {"title": "x", "body": "y"}).status_code == 403
    assert decoy.post(f"/community/t/{thread.pk}/reply/", {"body": "y"}).status_code == 403
    assert decoy.post(f"/community/p/{post.pk}/react/", {"kind": "hug"}).status_code == 403
    assert (
        decoy.post("/community/join/", {"name": "Decoyname", "understood": "on"}).status_code == 200
    )
    decoy_user = User.objects.get(is_decoy=True)
    assert not Member.objects.filter(user=decoy_user).exists()
    assert Post.objects.filter(body="y").count() == 0


def test_nothing_from_the_private_space_reaches_the_community_tables(alex):
    """The canary, typed into every private field, is nowhere in a community row."""
    canary = "PRIVCANARY93"
    _w, client = alex
    fill_every_feature(client, canary)
    thread_by(client, "Community words", "Shared on purpose")
    found = []
    for model in apps.get_app_config("community").get_models():
        text_fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField)
        ]
        for field in text_fields:
            if model.objects.filter(**{f"{field}__contains": canary}).exists():
                found.append(f"{model.__name__}.{field}")
    assert found == []
    assert Post.objects.filter(body="Shared on purpose").exists()  # the check looks at real rows


def test_latest_reminders_for_the_inspire_room(alex, blair):
    _w, alex_client = alex
    _h, blair_client = blair
    alex_client.post("/community/b/reminders/new/", {"body": "You are *enough*."})
    blair_client.post("/community/b/reminders/new/", {"body": "Rest is allowed."})
    held = Post.objects.get(body="Rest is allowed.")
    Post.objects.filter(pk=held.pk).update(state=State.HELD)
    thread_by(alex_client, "Not a reminder", "Elsewhere")
    mine = Post.objects.get(body="You are *enough*.")
    blair_client.post(f"/community/p/{mine.pk}/react/", {"kind": "hug"})
    found = api.latest_reminders(blair[0].user)
    assert [r["html"] for r in found] == ["<p>You are <em>enough</em>.</p>"]
    assert found[0]["reactions"] == {"hug": 1, "me_too": 0, "proud": 0}
    assert found[0]["url"] == f"/community/p/{mine.pk}/"
    assert alex_client.get(found[0]["url"]).status_code == 302
    assert api.reminder_post_url() == "/community/b/reminders/new/"
    assert len(api.latest_reminders(None, limit=0)) == 0


def test_a_reminder_is_short_and_takes_no_replies(alex):
    _w, client = alex
    long = said(client.post("/community/b/reminders/new/", {"body": "x" * 281}))
    assert "Reminders are short" in long
    client.post("/community/b/reminders/new/", {"body": "Breathe."})
    post = Post.objects.get(body="Breathe.")
    refused = client.post(f"/community/t/{post.thread_id}/reply/", {"body": "reply"})
    assert refused.status_code == 302
    assert not Post.objects.filter(body="reply").exists()
