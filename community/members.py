"""A member's community self: their name, their standing, who they have blocked.

Trust grows with time and good standing (Discourse's idea, made small):

    0 new       first posts wait for a moderator
    1 settled   3+ approved posts, 3+ days since joining, no upheld flag in 30 days
    2 trusted   20+ approved posts, 30+ days, no upheld flag in 30 days

Moderators and admins count as trusted.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from community.markup import tidy
from community.models import Block, Flag, Member, State, Suspension

NAME_COOLDOWN = datetime.timedelta(days=30)
NAME_SHAPE = re.compile(r"^[\w][\w .'-]{1,22}[\w]$")
HELD_FIRST_POSTS = 2


def member_for(user) -> Member | None:
    """The community self of a signed-in space; a decoy never has one."""
    if not user.is_authenticated or user.is_decoy:
        return None
    cached = getattr(user, "_community_member", False)
    if cached is False:
        # Whether a suspension is in force, and whether any block touches
        # this member, come along: most pages then never ask again.
        from community import sql

        cached = (
            Member.objects.filter(user=user)
            .annotate(_suspended=sql.suspended(timezone.now()), _any_blocks=sql.any_blocks())
            .first()
        )
        user._community_member = cached
    return cached


@dataclass(frozen=True)
class Reader:
    """Someone who reads without a community self: a decoy space.

    A decoy never shows the person's own community name or words: from
    inside it, their community self is hidden as if blocked.
    """

    hidden: frozenset
    pk: None = None
    is_moderator: bool = False


def reader_for(user):
    """Whose eyes a page is made for: the member, a decoy's reader, or None."""
    if not user.is_authenticated:
        return None
    if user.is_decoy:
        real = Member.objects.filter(user=user.owner).values_list("pk", flat=True)
        return Reader(hidden=frozenset(real))
    return member_for(user)


def name_key(name: str) -> str:
    """Names are matched as people read them: compatibility forms, any case, no spacing."""
    folded = unicodedata.normalize("NFKC", tidy(name)).casefold()
    return re.sub(r"[\s._'-]+", "", folded)


def tidy_name(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", tidy(name)).split())


def name_problem(user, name: str, *, member: Member | None = None) -> str:
    """Why a community name can't be used ("" when it can). Words for the person."""
    from django.utils.translation import gettext as _

    if not NAME_SHAPE.match(name):
        return _(
            "Please use 3 to 24 letters or numbers. Spaces, dots, dashes and "
            "apostrophes are fine between them."
        )
    key = name_key(name)
    if key == name_key(user.username):
        return _(
            "That's your sign-in name. Please choose a different name here, so no one "
            "can learn how you sign in."
        )
    taken = Member.objects.filter(name_key=key)
    if member is not None:
        taken = taken.exclude(pk=member.pk)
    if taken.exists():
        return _("Someone already uses that name. Please try another.")
    return ""


def next_rename(member: Member) -> datetime.datetime:
    return member.name_changed_at + NAME_COOLDOWN


def trust_level(member: Member) -> int:
    if member.is_moderator:
        return 2
    now = timezone.now()
    upheld = Flag.objects.filter(
        post__author=member,
        outcome=Flag.Outcome.UPHELD,
        created_at__gte=now - datetime.timedelta(days=30),
    ).exists()
    if upheld:
        return 0
    approved = member.posts.filter(state=State.PUBLISHED).count()
    age = now - member.joined_at
    if approved >= 20 and age >= datetime.timedelta(days=30):
        return 2
    if approved >= 3 and age >= datetime.timedelta(days=3):
        return 1
    return 0


def needs_review(member: Member) -> bool:
    """New members' first posts wait for a moderator."""
    if member.is_moderator:
        return False
    return member.posts.filter(state=State.PUBLISHED).count() < HELD_FIRST_POSTS


def suspension_of(member: Member | None) -> Suspension | None:
    if member is None or getattr(member, "_suspended", None) is False:
        return None
    return (
        member.suspensions.filter(lifted_at__isnull=True, ends_at__gt=timezone.now())
        .order_by("-ends_at")
        .first()
    )


def hidden_from(member: Member | None) -> set:
    """Ids of the members this one must not see, nor be seen by: both directions."""
    if member is None:
        return set()
    if isinstance(member, Reader):
        return set(member.hidden)
    cached = getattr(member, "_hidden", None)
    if cached is None and getattr(member, "_any_blocks", None) is False:
        # Known from the member's own query: no block either way.
        cached = member._hidden = set()
    if cached is None:
        pairs = Block.objects.filter(Q(blocker=member) | Q(blocked=member)).values_list(
            "blocker_id", "blocked_id"
        )
        cached = {b for pair in pairs for b in pair} - {member.pk}
        member._hidden = cached
    return cached


def block(member: Member, other: Member) -> None:
    if member.pk != other.pk:
        Block.objects.get_or_create(blocker=member, blocked=other)
        member._hidden = None
        member._any_blocks = None
