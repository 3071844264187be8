"""The community's cast: members with names, a moderator, an admin.

`join` makes a member the way the join page does, then (unless `new=True`)
gives them three approved posts and a few days, so their posts go straight up like a settled
member's instead of waiting for review.
"""

import datetime

import pytest
from django.utils import timezone

from community import members
from community.boards import ensure_boards
from community.models import Board, Member, Post, State, Thread
from conftest import make_member, signed_in_client

PASS = "quiet river morning bread"


def join(sign_in: str, community_name: str, role=Member.Role.MEMBER, *, new=False):
    ensure_boards()
    user, _dek, _code = make_member(sign_in, PASS)
    member = Member.objects.create(
        user=user, name=community_name, name_key=members.name_key(community_name), role=role
    )
    if not new:
        settle(member)
    return member, signed_in_client(sign_in, PASS)


def settle(member: Member) -> None:
    """Three approved posts of their own in a thread on Wins, and four days in: trust level 1."""
    Member.objects.filter(pk=member.pk).update(
        joined_at=timezone.now() - datetime.timedelta(days=4)
    )
    member.refresh_from_db()
    thread = Thread.objects.create(
        board=Board.objects.get(slug="wins"),
        author=member,
        title=f"{member.name} says hello",
        next_position=4,
        last_published=3,
    )
    for position in (1, 2, 3):
        Post.objects.create(
            thread=thread,
            position=position,
            author=member,
            body="Hello, everyone.",
            html="<p>Hello, everyone.</p>",
            state=State.PUBLISHED,
        )


def thread_by(client, title: str, body: str, board: str = "planning") -> Thread:
    response = client.post(f"/community/b/{board}/new/", {"title": title, "body": body})
    assert response.status_code == 302, response.content.decode()[-2000:]
    return Thread.objects.get(title=title)


def reply_to(client, thread: Thread, body: str, **extra) -> Post:
    response = client.post(f"/community/t/{thread.pk}/reply/", {"body": body, **extra})
    assert response.status_code == 302, response.content.decode()[-2000:]
    return Post.objects.filter(thread=thread).order_by("-position").first()


@pytest.fixture
def alex(db):
    return join("alex-sign-in", "Willow")


@pytest.fixture
def blair(db):
    return join("blair-sign-in", "Heron")


@pytest.fixture
def casey(db):
    return join("casey-sign-in", "Pebble")


@pytest.fixture
def moderator(db):
    return join("mo-sign-in", "Lantern", Member.Role.MODERATOR)


@pytest.fixture
def admin(db):
    return join("ad-sign-in", "Harbour", Member.Role.ADMIN)


def said(response) -> str:
    """A page's text as a person reads it (entities such as &#x27; turned back)."""
    from html import unescape

    return unescape(response.content.decode())
