"""Review of first posts, flags, watched words, the crisis prompt, suspensions and appeals."""

import pytest

from community.models import (
    Appeal,
    Flag,
    Member,
    ModAction,
    Post,
    State,
    Suspension,
    Thread,
    WatchedWord,
)
from community.tests.conftest import join, reply_to, said, thread_by

pytestmark = pytest.mark.django_db


def test_a_new_members_first_posts_wait_for_a_moderator(moderator, alex):
    _n, newbie = join("new-sign-in", "Sparrow", new=True)
    _m, mod_client = moderator
    response = newbie.post("/community/b/family/new/", {"title": "First", "body": "Hello all"})
    assert "A moderator will look at your post soon" in said(newbie.get(response["Location"]))
    post = Post.objects.get(body="Hello all")
    assert post.state == State.HELD
    # Others don't see it yet.
    assert "First" not in said(alex[1].get("/community/b/family/"))
    assert alex[1].get(f"/community/t/{post.thread_id}/").status_code == 404
    queue = said(mod_client.get("/community/mod/"))
    assert "First" in queue and "Sparrow" in queue
    done = mod_client.post(
        f"/community/mod/p/{post.pk}/", {"decision": "approve", "reason": "kind first post"}
    )
    assert done.status_code == 302
    assert "First" in said(alex[1].get("/community/b/family/"))
    entry = ModAction.objects.get(kind=ModAction.Kind.APPROVE)
    assert entry.reason == "kind first post" and entry.moderator.name == "Lantern"
    assert "kind first post" in said(mod_client.get("/community/mod/log/"))


def test_a_review_without_a_reason_is_refused_kindly(moderator):
    _n, newbie = join("new-sign-in", "Sparrow", new=True)
    newbie.post("/community/b/family/new/", {"title": "First", "body": "Hello all"})
    post = Post.objects.get(body="Hello all")
    page = said(moderator[1].post(f"/community/mod/p/{post.pk}/", {"decision": "approve"}))
    assert "Please write something here first." in page
    assert Post.objects.get(pk=post.pk).state == State.HELD


def test_members_cannot_reach_the_moderators_pages(alex, moderator):
    _m, client = alex
    post = Post.objects.filter(author__name="Lantern").first()
    for path in (
        "/community/mod/",
        "/community/mod/log/",
        "/community/mod/appeals/",
        f"/community/mod/p/{post.pk}/",
        "/community/mod/words/",
        "/community/mod/team/",
    ):
        assert client.get(path).status_code == 404, path
    # Moderators are not admins.
    assert moderator[1].get("/community/mod/words/").status_code == 404


def test_three_flags_hide_a_post_until_a_moderator_decides(alex, blair, casey, moderator):
    _a, alex_client = alex
    thread = thread_by(alex_client, "Flag me", "Hurtful words here")
    post = thread.posts.get(position=1)
    _r, other = join("dana-sign-in", "Moss")
    for client in (blair[1], casey[1]):
        client.post(f"/community/p/{post.pk}/flag/", {"reason": "unkind", "note": "mean"})
    assert Post.objects.get(pk=post.pk).state == State.PUBLISHED
    other.post(f"/community/p/{post.pk}/flag/", {"reason": "unkind"})
    assert Post.objects.get(pk=post.pk).state == State.HIDDEN
    assert ModAction.objects.filter(kind=ModAction.Kind.AUTO_HIDE, post=post).exists()
    assert "Hurtful words" in said(moderator[1].get("/community/mod/"))
    moderator[1].post(f"/community/mod/p/{post.pk}/", {"decision": "remove", "reason": "unkind"})
    assert Post.objects.get(pk=post.pk).state == State.REMOVED
    assert Thread.objects.get(pk=thread.pk).state == State.REMOVED
    assert set(Flag.objects.values_list("outcome", flat=True)) == {Flag.Outcome.UPHELD}
    # An upheld flag puts the writer back at the start of trust.
    from community.members import trust_level

    assert trust_level(Member.objects.get(name="Willow")) == 0


def test_a_flag_needs_a_reason(alex, blair):
    thread = thread_by(alex[1], "Flag reason", "Words")
    post = thread.posts.get(position=1)
    page = said(blair[1].post(f"/community/p/{post.pk}/flag/", {"note": "kept note"}))
    assert "Please choose the closest reason." in page and "kept note" in page
    assert not Flag.objects.exists()


def test_watched_words_stop_hold_or_flag(admin, alex):
    _ad, admin_client = admin
    for word, action in (("buy pills", "block"), ("meetup", "hold"), ("lawyer", "flag")):
        response = admin_client.post("/community/mod/words/", {"word": word, "action": action})
        assert response.status_code == 302
    assert WatchedWord.objects.count() == 3
    _a, client = alex
    stopped = client.post("/community/b/work/new/", {"title": "Offer", "body": "BUY PILLS here"})
    assert "doesn't allow the word" in said(stopped) and "BUY PILLS here" in said(stopped)
    assert not Post.objects.filter(body__contains="PILLS").exists()
    thread_by(client, "Meet", "Anyone for a meetup?", board="work")
    assert Post.objects.get(body__contains="meetup").state == State.HELD
    thread_by(client, "Law", "My lawyer said wait.", board="work")
    flagged = Post.objects.get(body__contains="lawyer")
    assert flagged.state == State.PUBLISHED and flagged.flags.get().member is None
    assert ModAction.objects.filter(kind=ModAction.Kind.WORD).count() == 3


def test_crisis_words_show_help_lines_first_and_go_to_the_front_of_the_queue(alex, moderator):
    from tests.world import load_content

    load_content()
    _a, client = alex
    client.cookies["hv_cc"] = "GB"  # the country chosen on this device
    thread_by(client, "Ordinary", "ordinary worry", board="after")
    Post.objects.filter(body="ordinary worry").update(state=State.HELD)
    form = {"title": "Tonight", "body": "I want to die tonight"}
    first = client.post("/community/b/after/new/", form)
    page = said(first)
    assert first.status_code == 200
    assert "Before you post: you matter" in page and "I want to die tonight" in page
    assert "Call for help in United Kingdom" in page and 'href="tel:999"' in page
    assert not Post.objects.filter(body__contains="die").exists()
    again = client.post("/community/b/after/new/", {**form, "seen_crisis": "on"})
    assert again.status_code == 302
    post = Post.objects.get(body__contains="die")
    assert post.state == State.HELD and post.crisis
    queue = said(moderator[1].get("/community/mod/"))
    assert queue.index("Tonight") < queue.index("Ordinary")
    assert "may be in danger" in queue


def test_personal_details_bring_a_warning_not_a_refusal(alex):
    _a, client = alex
    form = {"title": "Help", "body": "Call me on 07700 900123 or at 12 Elm Street"}
    warned = said(client.post("/community/b/work/new/", form))
    assert "a gentle check" in warned
    assert "a phone number" in warned and "a street address" in warned
    assert not Post.objects.filter(body__contains="07700").exists()
    posted = client.post("/community/b/work/new/", {**form, "seen_personal": "on"})
    assert posted.status_code == 302
    assert Post.objects.filter(body__contains="07700").exists()


def test_slow_mode_asks_a_member_to_wait_and_keeps_their_words(alex, blair, moderator):
    thread = thread_by(alex[1], "Busy", "Lots to say")
    moderator[1].post(f"/community/mod/t/{thread.pk}/pace/", {"seconds": "600", "reason": "heated"})
    reply_to(blair[1], thread, "first reply")
    waited = said(blair[1].post(f"/community/t/{thread.pk}/reply/", {"body": "second reply"}))
    assert "slow mode" in waited and "second reply" in waited
    assert ModAction.objects.filter(kind=ModAction.Kind.SLOW, reason="heated").exists()


def test_suspension_pauses_posting_and_an_appeal_can_lift_it(alex, moderator):
    member, client = alex
    _m, mod_client = moderator
    post = thread_by(client, "Mine", "Something").posts.get(position=1)
    done = mod_client.post(
        f"/community/mod/p/{post.pk}/suspend/", {"reason": "Unkind replies", "days": "7"}
    )
    assert done.status_code == 302
    stopped = client.get("/community/b/work/new/")
    assert stopped["Location"] == "/community/suspended/"
    page = said(client.get("/community/suspended/"))
    assert "Unkind replies" in page and "Appeal" in page
    empty = said(client.post("/community/suspended/", {"text": ""}))
    assert "Please write something here first." in empty
    client.post("/community/suspended/", {"text": "I was upset; I'm sorry."})
    appeal = Appeal.objects.get()
    assert "sorry" in said(mod_client.get("/community/mod/appeals/"))
    mod_client.post(
        f"/community/mod/appeals/{appeal.pk}/", {"decision": "lift", "reason": "Thank you."}
    )
    assert Suspension.objects.get().lifted_at is not None
    assert client.get("/community/b/work/new/").status_code == 200
    assert ModAction.objects.filter(kind=ModAction.Kind.LIFT, subject=member).exists()


def test_an_admin_makes_a_moderator(admin, alex):
    _ad, admin_client = admin
    admin_client.post(
        "/community/mod/team/", {"name": "willow", "role": "moderator", "reason": "x"}
    )
    assert Member.objects.get(name="Willow").role == Member.Role.MODERATOR
    assert alex[1].get("/community/mod/").status_code == 200
    missing = said(
        admin_client.post(
            "/community/mod/team/", {"name": "nobody", "role": "moderator", "reason": "x"}
        )
    )
    assert "No other member has that community name." in missing


def test_the_moderators_view_shows_community_content_only(moderator, alex):
    """A moderator's pages never open a private space: the member's reasons stay sealed."""
    _a, client = alex
    client.post("/reasons/", {"text": "PRIVATE-REASON-4412"})
    thread_by(client, "Shared", "Shared words")
    _n, newbie = join("new-sign-in", "Sparrow", new=True)
    newbie.post("/community/b/work/new/", {"title": "Held", "body": "held words"})
    post = Post.objects.get(body="held words")
    for path in ("/community/mod/", f"/community/mod/p/{post.pk}/", "/community/mod/log/"):
        assert "PRIVATE-REASON-4412" not in said(moderator[1].get(path))


def test_an_operator_makes_the_first_admin_in_the_admin(alex, operator):
    from django.test import Client

    member, _client = alex
    client = Client()
    client.force_login(operator)
    page = client.get(f"/operator/admin/community/member/{member.pk}/change/")
    assert page.status_code == 200 and "alex-sign-in" not in page.content.decode()
    client.post(f"/operator/admin/community/member/{member.pk}/change/", {"role": "admin"})
    assert Member.objects.get(pk=member.pk).role == Member.Role.ADMIN
