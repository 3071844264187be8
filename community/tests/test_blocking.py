"""Two-way blocking: once either blocks, neither sees the other anywhere."""

import re

import pytest

from community import api
from community.models import Block
from community.tests.conftest import reply_to, said, thread_by

pytestmark = pytest.mark.django_db


@pytest.fixture
def blocked_pair(alex, blair, casey):
    """Heron wrote a thread, a reply in Pebble's thread, a reaction and a quote of
    Willow's words; then Willow blocked Heron."""
    willow, alex_client = alex
    heron, blair_client = blair
    _p, casey_client = casey
    herons_thread = thread_by(blair_client, "Heron's own thread", "HERONWORDS start")
    pebbles = thread_by(casey_client, "Pebble's thread", "Pebble's opening")
    willows_post = reply_to(alex_client, pebbles, "WILLOWWORDS in a reply")
    reply_to(blair_client, pebbles, "HERONWORDS reply", quote=str(willows_post.pk))
    blair_client.post(f"/community/p/{willows_post.pk}/react/", {"kind": "hug"})
    reminder = blair_client.post("/community/b/reminders/new/", {"body": "HERONWORDS reminder"})
    assert reminder.status_code == 302
    heron_post = herons_thread.posts.get(position=1)
    assert alex_client.get(f"/community/p/{heron_post.pk}/block/").status_code == 200
    assert alex_client.post(f"/community/p/{heron_post.pk}/block/").status_code == 302
    assert Block.objects.filter(blocker=willow, blocked=heron).exists()
    return {
        "willow": alex_client,
        "heron": blair_client,
        "herons_thread": herons_thread,
        "pebbles": pebbles,
        "willows_post": willows_post,
    }


def everything_seen(client, world) -> str:
    pages = [
        "/community/b/planning/",
        "/community/b/reminders/",
        f"/community/t/{world['pebbles'].pk}/",
        "/community/notifications/",
        "/community/bookmarks/",
    ]
    text = "".join(said(client.get(path)) for path in pages)
    for words in ("HERONWORDS", "WILLOWWORDS"):
        found = said(client.post("/community/search/", {"q": words}))
        assert "What we found" in found
        text += re.sub(r"<input[^>]*>", "", found)  # the search box holds the words typed
    return text


def test_the_blocker_sees_nothing_of_the_blocked(blocked_pair):
    willow = blocked_pair["willow"]
    seen = everything_seen(willow, blocked_pair)
    assert "HERONWORDS" not in seen and "Heron" not in seen
    assert willow.get(f"/community/t/{blocked_pair['herons_thread'].pk}/").status_code == 404
    # Heron's hug no longer counts on Willow's post.
    page = said(willow.get(f"/community/t/{blocked_pair['pebbles'].pk}/"))
    assert 'Hug <span class="n">0</span>' in page
    # Nor on the inspire room's reminders.
    from community.models import Member

    viewer = Member.objects.get(name="Willow").user
    assert all("HERONWORDS" not in r["html"] for r in api.latest_reminders(viewer))


def test_the_blocked_sees_nothing_of_the_blocker(blocked_pair):
    heron = blocked_pair["heron"]
    seen = everything_seen(heron, blocked_pair)
    assert "WILLOWWORDS" not in seen and "Willow" not in seen
    # Heron's quote of Willow's words is empty now, on Heron's side too.
    page = said(heron.get(f"/community/t/{blocked_pair['pebbles'].pk}/"))
    assert "no longer shown" in page
    post = blocked_pair["willows_post"]
    assert heron.post(f"/community/p/{post.pk}/react/", {"kind": "hug"}).status_code == 404
    assert heron.get(f"/community/p/{post.pk}/").status_code == 404


def test_a_notification_from_the_blocked_is_gone(alex, blair):
    willow, alex_client = alex
    heron, blair_client = blair
    thread = thread_by(alex_client, "Notify me", "Listening.")
    reply_to(blair_client, thread, "Hello from Heron")
    assert "Notify me" in said(alex_client.get("/community/notifications/"))
    Block.objects.create(blocker=heron, blocked=willow)  # blocked by the other side
    assert "Notify me" not in said(alex_client.get("/community/notifications/"))
    assert alex_client.get(f"/community/t/{thread.pk}/").status_code == 200
    assert "Hello from Heron" not in said(alex_client.get(f"/community/t/{thread.pk}/"))


def test_lifting_a_block_brings_them_back(blocked_pair):
    willow = blocked_pair["willow"]
    block = Block.objects.get()
    assert "Heron" in said(willow.get("/community/blocked/"))
    assert willow.post(f"/community/blocked/{block.pk}/lift/").status_code == 302
    assert willow.get(f"/community/t/{blocked_pair['herons_thread'].pk}/").status_code == 200
