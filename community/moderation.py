"""The moderators' side: the review queue and every action taken from it.

Each action is logged with the moderator and a reason (ModAction). The queue
holds posts waiting for review, posts hidden after flags, and published
posts with open flags; crisis posts come first, then the oldest.
A moderator sees community posts only: nothing here reads a private space.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from community import posting
from community.members import name_key
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


def queue():
    open_flags = Count("flags", filter=Q(flags__outcome=Flag.Outcome.OPEN))
    return (
        Post.objects.annotate(open_flags=open_flags)
        .filter(
            Q(state__in=[State.HELD, State.HIDDEN]) | Q(state=State.PUBLISHED, open_flags__gt=0)
        )
        .exclude(thread__state=State.REMOVED)
        .select_related("author", "thread", "thread__board")
        .order_by("-crisis", "created_at")
    )


def log(moderator, kind, reason, *, post=None, thread=None, subject=None) -> ModAction:
    return ModAction.objects.create(
        moderator=moderator,
        kind=kind,
        reason=reason,
        post=post,
        thread=thread or (post.thread if post else None),
        subject=subject or (post.author if post else None),
    )


@transaction.atomic
def approve(moderator: Member, post: Post, reason: str) -> None:
    """Publishes a held post, or restores a hidden one (its flags dismissed)."""
    kind = ModAction.Kind.RESTORE if post.state == State.HIDDEN else ModAction.Kind.APPROVE
    post.flags.filter(outcome=Flag.Outcome.OPEN).update(outcome=Flag.Outcome.DISMISSED)
    if post.state != State.PUBLISHED:
        posting.publish(post)
    log(moderator, kind, reason, post=post)


@transaction.atomic
def remove(moderator: Member, post: Post, reason: str) -> None:
    """Removes a post (its flags upheld); a thread's first post takes the thread with it."""
    post.flags.filter(outcome=Flag.Outcome.OPEN).update(outcome=Flag.Outcome.UPHELD)
    Post.objects.filter(pk=post.pk).update(state=State.REMOVED)
    if post.position == 1:
        Thread.objects.filter(pk=post.thread_id).update(state=State.REMOVED)
    log(moderator, ModAction.Kind.REMOVE, reason, post=post)


@transaction.atomic
def suspend(moderator: Member, member: Member, reason: str, ends_at) -> Suspension:
    suspension = Suspension.objects.create(member=member, reason=reason, ends_at=ends_at)
    log(moderator, ModAction.Kind.SUSPEND, reason, subject=member)
    return suspension


@transaction.atomic
def answer_appeal(moderator: Member, appeal: Appeal, *, lift: bool, reason: str) -> None:
    appeal.outcome = Appeal.Outcome.LIFTED if lift else Appeal.Outcome.KEPT
    appeal.answer = reason
    appeal.save(update_fields=["outcome", "answer"])
    if lift:
        Suspension.objects.filter(pk=appeal.suspension_id).update(lifted_at=timezone.now())
    kind = ModAction.Kind.LIFT if lift else ModAction.Kind.KEEP
    log(moderator, kind, reason, subject=appeal.suspension.member)


@transaction.atomic
def set_slow_mode(moderator: Member, thread: Thread, seconds: int, locked: bool, reason: str):
    Thread.objects.filter(pk=thread.pk).update(slow_mode_seconds=seconds, locked=locked)
    log(moderator, ModAction.Kind.SLOW, reason, thread=thread, subject=thread.author)


@transaction.atomic
def add_word(moderator: Member, word: str, action: str) -> WatchedWord:
    key = " ".join(word.casefold().split())
    found, _created = WatchedWord.objects.update_or_create(
        word_key=key, defaults={"word": word.strip(), "action": action}
    )
    log(moderator, ModAction.Kind.WORD, f"{found.get_action_display()}: {found.word}")
    return found


@transaction.atomic
def remove_word(moderator: Member, word: WatchedWord) -> None:
    log(moderator, ModAction.Kind.WORD, f"no longer watched: {word.word}")
    word.delete()


@transaction.atomic
def set_role(moderator: Member, name: str, role: str, reason: str) -> Member | None:
    member = Member.objects.filter(name_key=name_key(name)).first()
    if member is None or member.pk == moderator.pk:
        return None
    Member.objects.filter(pk=member.pk).update(role=role)
    log(moderator, ModAction.Kind.ROLE, f"{role}: {reason}", subject=member)
    return member
