"""Joining, names, threads, replies, quotes, reactions, bookmarks, following, unread."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from community.models import Member, Notification, Post, State
from community.tests.conftest import PASS, join, reply_to, said, thread_by
from conftest import make_member, signed_in_client

pytestmark = pytest.mark.django_db


def test_a_member_is_told_the_community_is_shared_before_they_can_post(db):
    make_member("river-sign-in", PASS)
    client = signed_in_client("river-sign-in", PASS)
    writing = client.get("/community/b/planning/new/")
    assert writing.status_code == 302 and writing["Location"] == "/community/join/"
    page = client.get("/community/join/").content.decode()
    assert "The community is shared" in page
    assert 'autocomplete="off"' in page
    refused = client.post("/community/join/", {"name": "Fern"})
    assert "Please tick this box" in refused.content.decode()
    assert 'value="Fern"' in refused.content.decode()  # their typing stays
    assert client.post("/community/join/", {"name": "Fern", "understood": "on"}).status_code == 302
    assert Member.objects.get(name="Fern").user.username == "river-sign-in"


def test_a_community_name_is_never_the_sign_in_name_and_unique_in_any_case(alex):
    make_member("Meadow", PASS)
    client = signed_in_client("Meadow", PASS)
    own = client.post("/community/join/", {"name": "meadow", "understood": "on"})
    assert "That's your sign-in name" in said(own)
    taken = client.post("/community/join/", {"name": "WILLOW", "understood": "on"})
    assert "Someone already uses that name" in said(taken)
    # A look-alike in full-width letters is the same name.
    alike = client.post("/community/join/", {"name": "Ｗｉｌｌｏｗ", "understood": "on"})
    assert "Someone already uses that name" in said(alike)
    odd = client.post("/community/join/", {"name": "<b>", "understood": "on"})
    assert "3 to 24 letters" in said(odd)
    assert not Member.objects.filter(user__username="Meadow").exists()


def test_a_name_can_change_then_waits_thirty_days(alex):
    member, client = alex
    Member.objects.filter(pk=member.pk).update(
        name_changed_at=timezone.now() - datetime.timedelta(days=31)
    )
    assert client.post("/community/name/", {"name": "Birch"}).status_code == 302
    assert Member.objects.get(pk=member.pk).name == "Birch"
    again = client.post("/community/name/", {"name": "Aspen"})
    assert "You changed your name recently" in said(again)
    assert Member.objects.get(pk=member.pk).name == "Birch"


def test_a_thread_a_reply_and_a_quote_show_on_the_thread_page(alex, blair):
    _a, alex_client = alex
    _b, blair_client = blair
    thread = thread_by(alex_client, "Where to start", "It has been **hard** lately.")
    reply = reply_to(blair_client, thread, "You are not alone.")
    quote = reply_to(alex_client, thread, "Thank you.", quote=str(reply.pk))
    page = alex_client.get(f"/community/t/{thread.pk}/").content.decode()
    assert "<strong>hard</strong>" in page
    assert "Heron wrote:" in page and page.count("You are not alone.") == 2
    assert quote.quote_id == reply.pk


def test_a_quote_is_made_when_the_page_is_shown_so_removed_words_leave_it(alex, blair):
    _a, alex_client = alex
    _b, blair_client = blair
    thread = thread_by(alex_client, "Quoting", "First words.")
    reply = reply_to(blair_client, thread, "Words that will go.")
    reply_to(alex_client, thread, "Replying to that.", quote=str(reply.pk))
    Post.objects.filter(pk=reply.pk).update(state=State.REMOVED)
    page = alex_client.get(f"/community/t/{thread.pk}/").content.decode()
    assert "Words that will go." not in page
    assert "no longer shown" in page


def test_reactions_show_counts_and_never_who(alex, blair, casey):
    _a, alex_client = alex
    thread = thread_by(alex_client, "A win", "I said no today.")
    post = thread.posts.get(position=1)
    for _m, client in (blair, casey):
        assert client.post(f"/community/p/{post.pk}/react/", {"kind": "proud"}).status_code == 302
    page = alex_client.get(f"/community/t/{thread.pk}/").content.decode()
    assert 'Proud of you <span class="n">2</span>' in page
    assert "Heron" not in page and "Pebble" not in page
    # Pressing again takes the reaction back.
    blair[1].post(f"/community/p/{post.pk}/react/", {"kind": "proud"})
    page = alex_client.get(f"/community/t/{thread.pk}/").content.decode()
    assert 'Proud of you <span class="n">1</span>' in page


def test_a_content_note_folds_the_post(alex):
    _a, client = alex
    client.post(
        "/community/b/after/new/",
        {"title": "Nights", "body": "What happened that night.", "content_warning": "violence"},
    )
    thread = Post.objects.get(body="What happened that night.").thread
    page = client.get(f"/community/t/{thread.pk}/").content.decode()
    assert '<details class="cw"><summary>Content note: violence' in page


def test_bookmarks_following_notifications_and_unread_markers(alex, blair):
    _a, alex_client = alex
    _b, blair_client = blair
    thread = thread_by(alex_client, "Following along", "Anyone else?")
    first = thread.posts.get(position=1)
    blair_client.post(f"/community/p/{first.pk}/bookmark/")
    assert "Anyone else?" in blair_client.get("/community/bookmarks/").content.decode()
    # The writer follows their own thread: a reply reaches them.
    reply_to(blair_client, thread, "Me too, often.")
    board = alex_client.get("/community/b/planning/").content.decode()
    assert 'class="badge">new<' in board
    notes = alex_client.get("/community/notifications/").content.decode()
    assert "A new reply in a thread you follow" in notes
    assert Notification.objects.filter(member__name="Willow", seen=False).count() == 1
    alex_client.get(f"/community/t/{thread.pk}/")
    assert Notification.objects.filter(member__name="Willow", seen=False).count() == 0
    board = alex_client.get("/community/b/planning/").content.decode()
    assert 'class="badge">new<' not in board
    # Unfollowing stops them.
    alex_client.post(f"/community/t/{thread.pk}/follow/")
    reply_to(blair_client, thread, "Still here.")
    assert Notification.objects.filter(member__name="Willow").count() == 1


def test_a_quote_tells_the_quoted_writer(alex, blair):
    _a, alex_client = alex
    _b, blair_client = blair
    thread = thread_by(alex_client, "Quote me", "A thought.")
    first = thread.posts.get(position=1)
    alex_client.post(f"/community/t/{thread.pk}/follow/")  # not following: only the quote counts
    reply_to(blair_client, thread, "So true.", quote=str(first.pk))
    assert "Someone quoted you" in alex_client.get("/community/notifications/").content.decode()


def test_a_thread_pages_by_position_and_the_last_page_has_the_newest(alex):
    member, client = alex
    thread = thread_by(client, "Long one", "post 1")
    for n in range(2, 46):
        Post.objects.create(
            thread=thread, position=n, author=member, body=f"post {n}", html=f"<p>post {n}</p>"
        )
    thread.next_position = 46
    thread.save()
    first = client.get(f"/community/t/{thread.pk}/").content.decode()
    assert "<p>post 20</p>" in first and "<p>post 21</p>" not in first
    assert "?after=20" in first
    last = client.get(f"/community/t/{thread.pk}/?last=1").content.decode()
    assert "<p>post 45</p>" in last and "<p>post 26</p>" in last and "<p>post 25</p>" not in last
    assert "?before=26" in last
    middle = client.get(f"/community/t/{thread.pk}/?after=20").content.decode()
    assert "<p>post 21</p>" in middle and "<p>post 40</p>" in middle


def test_markdown_is_a_small_subset_and_cleaned(alex):
    _a, client = alex
    body = (
        "# Big\n\n<script>alert(1)</script> [x](javascript:alert(1)) "
        "[ok](https://example.org) ![img](https://example.org/a.png)"
    )
    thread = thread_by(client, "Markup", body)
    html = thread.posts.get(position=1).html
    assert "<h1>" not in html and "<script>" not in html and "<img" not in html
    assert "javascript:" not in html
    assert '<a href="https://example.org" rel="nofollow noopener noreferrer">ok</a>' in html


def test_rate_limits_slow_a_new_member_and_keep_their_words(db):
    _m, client = join("newbie-sign-in", "Sparrow", new=True)
    for n in range(3):
        client.post("/community/b/work/new/", {"title": f"t{n}", "body": "hello"})
    limited = client.post("/community/b/work/new/", {"title": "one more", "body": "kept words"})
    page = said(limited)
    assert "take a breather" in page and "kept words" in page


def test_trust_grows_with_time_and_approved_posts(alex):
    from community.members import trust_level

    member, _client = alex
    assert trust_level(member) == 1  # three approved posts, four days in
    for n in range(4, 21):
        Post.objects.create(
            thread=member.threads.first(),
            position=n,
            author=member,
            body="x",
            html="x",
        )
    assert trust_level(member) == 1
    with time_machine.travel(timezone.now() + datetime.timedelta(days=27)):
        assert trust_level(member) == 2


def test_each_control_on_a_post_reaches_its_own_page(alex, blair, moderator):
    import re

    from django.urls import resolve

    _a, alex_client = alex
    thread = thread_by(alex_client, "Controls", "Press things")
    post = thread.posts.get(position=1)
    page = moderator[1].get(f"/community/t/{thread.pk}/").content.decode()
    start = f'<article class="card post" id="post-{post.pk}">'
    article = re.search(re.escape(start) + ".*?</article>", page, re.S)
    targets = re.findall(r'(?:action|href)="(/community/[^"]*)"', article.group(0))
    names = {resolve(t).url_name for t in targets}
    assert names == {"post", "react", "bookmark", "flag", "block", "review"}
    assert all(str(post.pk) in t for t in targets)
