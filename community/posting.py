"""Writing in the community: threads, replies, and what happens when a post goes live.

Views check the form; these functions change state inside one transaction.
A post is numbered in its thread by taking the thread's row lock
(select_for_update), so two replies at once never share a position.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from accounts import throttle
from community import members
from community.checks import Findings
from community.markup import render, tidy
from community.models import (
    Board,
    Flag,
    Member,
    ModAction,
    Notification,
    Post,
    Reaction,
    Reading,
    State,
    Thread,
)

# Posts per rate-limit window (accounts.throttle's window, 15 minutes by
# default), by trust level.
POSTS_PER_WINDOW = {0: 3, 1: 10, 2: 30}
THREADS_PER_WINDOW = {0: 1, 1: 3, 2: 10}
FLAGS_TO_HIDE = 3


def post_buckets(member: Member, *, new_thread: bool) -> list[throttle.Bucket]:
    level = members.trust_level(member)
    buckets = [throttle.Bucket("community-post", str(member.pk), POSTS_PER_WINDOW[level])]
    if new_thread:
        buckets.append(
            throttle.Bucket("community-thread", str(member.pk), THREADS_PER_WINDOW[level])
        )
    return buckets


def slow_mode_wait(member: Member, thread: Thread) -> int:
    """Seconds until this member may post in the thread again (0: now)."""
    if not thread.slow_mode_seconds or member.is_moderator:
        return 0
    last = thread.posts.filter(author=member).order_by("-position").first()
    if last is None:
        return 0
    ready = last.created_at + datetime.timedelta(seconds=thread.slow_mode_seconds)
    return max(0, int((ready - timezone.now()).total_seconds()))


# ---- What a member may see -------------------------------------------------


def visible_threads(member: Member | None, board: Board | None = None):
    threads = Thread.objects.filter(state=State.PUBLISHED).select_related("author", "board")
    if board is not None:
        threads = threads.filter(board=board)
    hidden = members.hidden_from(member)
    return threads.exclude(author_id__in=hidden) if hidden else threads


def visible_posts(member: Member | None):
    posts = Post.objects.filter(state=State.PUBLISHED, thread__state=State.PUBLISHED)
    hidden = members.hidden_from(member)
    if hidden:
        posts = posts.exclude(author_id__in=hidden).exclude(thread__author_id__in=hidden)
    return posts.select_related("author", "thread")


def reaction_counts(member: Member | None, posts) -> dict:
    """{post id: {kind: count}}: counts only, never who; blocked members' reactions left out."""
    rows = Reaction.objects.filter(post__in=posts)
    hidden = members.hidden_from(member)
    if hidden:
        rows = rows.exclude(member_id__in=hidden)
    counts: dict = {}
    for row in rows.values("post_id", "kind").annotate(n=Count("id")):
        counts.setdefault(row["post_id"], {})[row["kind"]] = row["n"]
    return counts


def reactions_on(member: Member | None, posts) -> tuple[dict, set]:
    """One query for a page: ({post id: {kind: count}}, {(post id, kind) this member pressed}).

    Counts only, never who; blocked members' reactions left out.
    """
    from community import sql

    own = getattr(member, "pk", None)
    rows = sql.reaction_rows([post.pk for post in posts], members.hidden_from(member), own)
    counts: dict = {}
    pressed = set()
    for post_id, kind, n, mine in rows:
        counts.setdefault(post_id, {})[kind] = n
        if mine:
            pressed.add((post_id, kind))
    return counts, pressed


def visible_quote(member: Member | None, post: Post) -> Post | None:
    """The quoted post as it is now, if this member may see it."""
    if post.quote_id is None:
        return None
    return visible_posts(member).filter(pk=post.quote_id).first()


def visible_quotes(member: Member | None, posts) -> dict:
    """{quoted post id: the quoted post as it is now} for a page, in one query."""
    wanted = {post.quote_id for post in posts if post.quote_id is not None}
    if not wanted:
        return {}
    found = (
        visible_posts(member).filter(pk__in=wanted).select_related(None).select_related("author")
    )
    return {post.pk: post for post in found.only("id", "html", "author__name")}


# ---- Writing ----------------------------------------------------------------


def _state_for(member: Member, findings: Findings) -> tuple[str, str]:
    if findings.crisis:
        return State.HELD, "crisis words"
    if findings.hold_for:
        return State.HELD, f"watched word: {findings.hold_for}"
    if members.needs_review(member):
        return State.HELD, "a new member's first posts"
    return State.PUBLISHED, ""


def _new_post(member, thread, body, warning, quote, findings) -> Post:
    state, because = _state_for(member, findings)
    locked = Thread.objects.select_for_update().get(pk=thread.pk)
    post = Post.objects.create(
        thread=locked,
        position=locked.next_position,
        author=member,
        body=tidy(body),
        html=render(body),
        content_warning=tidy(warning),
        quote=quote,
        state=state,
        held_because=because,
        crisis=findings.crisis,
    )
    Thread.objects.filter(pk=locked.pk).update(next_position=F("next_position") + 1)
    if findings.flag_for and state == State.PUBLISHED:
        Flag.objects.create(
            post=post,
            member=None,
            reason=Flag.Reason.OTHER,
            note=f"watched word: {findings.flag_for}",
        )
    Reading.objects.update_or_create(
        member=member, thread=locked, defaults={"following": True, "read_up_to": post.position}
    )
    return post


@transaction.atomic
def start_thread(member, board, title, body, warning, findings) -> Thread:
    thread = Thread.objects.create(board=board, author=member, title=tidy(title))
    post = _new_post(member, thread, body, warning, None, findings)
    if post.state == State.PUBLISHED:
        publish(post)
    else:
        Thread.objects.filter(pk=thread.pk).update(state=State.HELD)
    thread.refresh_from_db()
    return thread


@transaction.atomic
def reply(member, thread, body, warning, quote, findings) -> Post:
    post = _new_post(member, thread, body, warning, quote, findings)
    if post.state == State.PUBLISHED:
        publish(post)
    return post


def publish(post: Post) -> None:
    """A post goes live: the thread moves up, followers and the quoted writer hear of it."""
    now = timezone.now()
    thread = post.thread
    post.state = State.PUBLISHED
    post.save(update_fields=["state"])
    updates = {"last_post_at": now}
    if post.position == 1:
        updates["state"] = State.PUBLISHED
    Thread.objects.filter(pk=thread.pk).update(**updates)
    Thread.objects.filter(pk=thread.pk, last_published__lt=post.position).update(
        last_published=post.position
    )
    followers = (
        Reading.objects.filter(thread=thread, following=True)
        .exclude(member=post.author)
        .values_list("member_id", flat=True)
    )
    if post.position > 1:
        Notification.objects.bulk_create(
            [Notification(member_id=m, post=post, kind=Notification.Kind.REPLY) for m in followers],
            ignore_conflicts=True,
        )
    if post.quote_id and post.quote.author_id != post.author_id:
        Notification.objects.get_or_create(
            member_id=post.quote.author_id, post=post, kind=Notification.Kind.QUOTE
        )


def mark_read(member: Member, thread: Thread, position: int) -> Reading:
    """Notes how far the member has read (writing only when that moved on)."""
    return read_to(member, thread, position)[0]


def read_to(
    member: Member, thread: Thread, position: int, *, reading: Reading | None | bool = False
) -> tuple[Reading, int]:
    """mark_read, and how many of the member's notifications are still unseen after it.

    The count is what `notifications_for(member).filter(seen=False).count()`
    gives (the nav's number), worked out from the same single query.
    `reading`: the member's Reading of the thread when the caller fetched it
    already (None: they have none yet); left out, it is looked up here.
    """
    if reading is False:
        reading = Reading.objects.filter(member=member, thread=thread).first()
    if reading is None:
        reading, _created = Reading.objects.get_or_create(
            member=member, thread=thread, defaults={"read_up_to": position}
        )
    elif position > reading.read_up_to:
        Reading.objects.filter(pk=reading.pk, read_up_to__lt=position).update(read_up_to=position)
        reading.read_up_to = position
    # A member's unseen notifications are few: start from them, not from the
    # thread's posts (which may number tens of thousands).
    from community import sql

    unseen = sql.unseen_notifications(member)
    hidden = members.hidden_from(member)
    read = []
    left = 0
    for pk, thread_id, at, state, thread_state, writer, starter in unseen:
        if thread_id == thread.pk and at <= position:
            read.append(pk)
        elif (
            state == State.PUBLISHED
            and thread_state == State.PUBLISHED
            and writer not in hidden
            and starter not in hidden
        ):
            left += 1
    if read:
        Notification.objects.filter(pk__in=read).update(seen=True)
    return reading, left


def with_reading(threads, member: Member):
    """Threads with this member's Reading of each folded into the same query (see reading_in)."""
    from community import sql

    return threads.annotate(
        reading_pk=sql.reading_of(member, "id"),
        reading_up_to=sql.reading_of(member, "read_up_to"),
        reading_following=sql.reading_of(member, "following"),
    )


def reading_in(member: Member, thread: Thread) -> Reading | None:
    """The member's Reading of a thread fetched through with_reading (None: they have none)."""
    if thread.reading_pk is None:
        return None
    return Reading(
        pk=thread.reading_pk,
        member=member,
        thread=thread,
        read_up_to=thread.reading_up_to,
        following=bool(thread.reading_following),
    )


def toggle_follow(member: Member, thread: Thread) -> bool:
    reading, _created = Reading.objects.get_or_create(member=member, thread=thread)
    reading.following = not reading.following
    reading.save(update_fields=["following"])
    return reading.following


def react(member: Member, post: Post, kind: str) -> None:
    made = Reaction.objects.filter(member=member, post=post, kind=kind)
    if made.exists():
        made.delete()
    else:
        Reaction.objects.create(member=member, post=post, kind=kind)


@transaction.atomic
def flag(member: Member, post: Post, reason: str, note: str) -> bool:
    """Flags a post; hides it once enough members have. True when it was hidden now."""
    Flag.objects.get_or_create(
        post=post, member=member, defaults={"reason": reason, "note": tidy(note)}
    )
    open_flags = post.flags.filter(outcome=Flag.Outcome.OPEN, member__isnull=False).count()
    if post.state == State.PUBLISHED and open_flags >= FLAGS_TO_HIDE:
        Post.objects.filter(pk=post.pk).update(state=State.HIDDEN)
        ModAction.objects.create(
            moderator=None,
            kind=ModAction.Kind.AUTO_HIDE,
            post=post,
            thread=post.thread,
            subject=post.author,
            reason=f"{open_flags} members flagged it",
        )
        return True
    return False


def unread_counts(member: Member | None, threads) -> dict:
    """{thread id: how far this member has read} for the threads listed."""
    if member is None:
        return {}
    return dict(
        Reading.objects.filter(member=member, thread__in=threads).values_list(
            "thread_id", "read_up_to"
        )
    )


def notifications_for(member: Member):
    hidden = members.hidden_from(member)
    found = Notification.objects.filter(
        member=member, post__state=State.PUBLISHED, post__thread__state=State.PUBLISHED
    ).select_related("post", "post__thread", "post__author")
    if hidden:
        found = found.exclude(Q(post__author_id__in=hidden) | Q(post__thread__author_id__in=hidden))
    return found
