"""Reading the community: boards, threads, search, bookmarks, notifications."""

from __future__ import annotations

import uuid

from django.db.models import Q
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from community import members, paging, posting, rendering, sql
from community.access import community_view, get_post_for
from community.forms import ReminderForm, ReplyForm, SearchForm, ThreadForm
from community.models import Board, Bookmark, Reaction, State, Thread
from community.search import search as find_posts

THREADS_PER_PAGE = 30
# What a thread page reads of each post and its writer (community/rendering.py
# and _post.html); the Markdown source and moderation notes stay behind.
PAGE_POST_FIELDS = (
    "id",
    "thread",
    "position",
    "author",
    "html",
    "content_warning",
    "quote",
    "created_at",
    "edited_at",
    "author__name",
    "author__name_changed_at",
)


def _common(request, *, unseen: int | None = None) -> dict:
    """What every community page shows; `unseen` when the view counted it already."""
    member = request.member
    if unseen is None:
        unseen = posting.notifications_for(member).filter(seen=False).count() if member else 0
    return {
        "member": member,
        "decoy": request.user.is_decoy,
        "unseen": unseen,
        "suspension": members.suspension_of(member),
    }


@community_view
def index(request):
    boards = list(Board.objects.all())
    return render(request, "community/index.html", {**_common(request), "boards": boards})


@community_view
def board(request, slug):
    board = get_object_or_404(Board, slug=slug)
    threads = posting.visible_threads(request.reader, board).order_by("-last_post_at", "-id")
    before = request.GET.get("before", "")
    cursor = _cursor(board, before)
    if cursor is not None:
        when, last_id = cursor
        threads = threads.filter(Q(last_post_at__lt=when) | Q(last_post_at=when, id__lt=last_id))
    rows = list(threads[: THREADS_PER_PAGE + 1])
    older = None
    if len(rows) > THREADS_PER_PAGE:
        rows = rows[:THREADS_PER_PAGE]
        # Only the thread's id: a time in a link would tell when someone posted.
        older = str(rows[-1].id)
    read = posting.unread_counts(request.member, rows)
    for thread in rows:
        thread.unread = thread.last_published > read.get(thread.id, 0)
        thread.first_unread = read.get(thread.id, 0)
    reminders = []
    if board.is_reminders:
        firsts = posting.visible_posts(request.reader).filter(thread__in=rows, position=1)
        by_thread = {p.thread_id: p for p in firsts}
        reminders = [by_thread[t.id] for t in rows if t.id in by_thread]
        decorate(request.reader, reminders)
    return render(
        request,
        "community/board.html",
        {
            **_common(request),
            "board": board,
            "threads": rows,
            "reminders": reminders,
            "older": older,
            "first_page": not before,
        },
    )


def _cursor(board, value: str):
    """(last post time, id) of the thread `value` names, the last one on the page before."""
    try:
        last_id = uuid.UUID(value)
    except ValueError:
        return None
    when = Thread.objects.filter(board=board, id=last_id).values_list("last_post_at", flat=True)
    return (when[0], last_id) if when else None


def decorate(member, posts, *, marks_fetched: bool = False) -> None:
    """What a page shows beside each post: its quote as it is now, counts, the member's marks.

    Three queries at most, whatever the number of posts: reactions (counts and
    the member's own), bookmarks (unless `marks_fetched`: the posts came with
    `with_bookmarks`), and the quoted posts.
    """
    counts, pressed = posting.reactions_on(member, posts)
    marked = set()
    own = getattr(member, "pk", None)
    if marks_fetched:
        marked = {post.id for post in posts if post.is_bookmarked}
    elif own is not None and posts:
        marked = set(
            Bookmark.objects.filter(member=member, post__in=[p.pk for p in posts]).values_list(
                "post_id", flat=True
            )
        )
    quotes = posting.visible_quotes(member, posts)
    kinds = Reaction.Kind.choices
    for post in posts:
        post.quoted = quotes.get(post.quote_id) if post.quote_id else None
        shown = counts.get(post.id, {})
        post.counts = [
            (kind, label, shown.get(kind, 0), (post.id, kind) in pressed) for kind, label in kinds
        ]
        post.bookmarked = post.id in marked
        post.url = rendering.url("community:post", post.id)
        post.mine = own is not None and post.author_id == own


@community_view
def thread(request, thread_id):
    # The page needs the thread's board, not its starter (only whether there is one).
    threads = posting.visible_threads(request.reader).select_related(None).select_related("board")
    if request.member is not None:
        # How far they have read comes with the thread: one query, not two.
        threads = posting.with_reading(threads, request.member)
    thread = get_object_or_404(threads, pk=thread_id)
    # The Markdown source isn't shown: its cleaned HTML is. The thread is known.
    # The thread is published and its starter not hidden from this reader
    # (that is how it was found), so only the posts' own state and writers
    # are asked about: no join back to the thread, and each post's thread is
    # the one in hand.
    posts = thread.posts.filter(state=State.PUBLISHED)
    hidden = members.hidden_from(request.reader)
    if hidden:
        posts = posts.exclude(author_id__in=hidden)
    posts = posts.select_related("author").only(*PAGE_POST_FIELDS)
    if request.member is not None:
        posts = posts.annotate(is_bookmarked=sql.bookmarked_by(request.member))
    after = paging.number(request.GET.get("after"))
    before = paging.number(request.GET.get("before"))
    if request.GET.get("last"):
        before = thread.next_position
    page = paging.thread_page(posts, after=after, before=before, end=thread.next_position)
    decorate(request.reader, page.posts, marks_fetched=request.member is not None)
    reading = unseen = None
    if request.member is not None:
        last = page.posts[-1].position if page.posts else 0
        reading, unseen = posting.read_to(
            request.member, thread, last, reading=posting.reading_in(request.member, thread)
        )
    common = _common(request, unseen=unseen)
    can_act = (
        request.member is not None and not request.user.is_decoy and common["suspension"] is None
    )
    can_reply = can_act and not thread.locked and not thread.board.is_reminders
    form = ReplyForm(initial={"quote": request.GET.get("quote", "")}) if can_reply else None
    quoting = None
    if form is not None and request.GET.get("quote"):
        try:
            quoting = get_post_for(request, request.GET["quote"])
        except Exception:  # noqa: BLE001 - a stale or foreign quote id: simply no quote
            quoting = None
        if quoting is None:
            form = ReplyForm()
    labels = rendering.Labels.now()
    csrf = get_token(request)
    moderator = request.member is not None and request.member.is_moderator
    rendering.thread_posts(
        page.posts,
        labels=labels,
        csrf=csrf,
        can_act=can_act,
        can_quote=form is not None,
        moderator=moderator,
    )
    return render(
        request,
        "community/thread.html",
        {
            **common,
            "thread": thread,
            "board": thread.board,
            "thread_links": rendering.thread_links(thread),
            "page": page,
            "reading": reading,
            "form": form,
            "quoting": quoting,
            "wait": posting.slow_mode_wait(request.member, thread) if request.member else 0,
            "can_act": can_act,
            # Its starter deleted their account: a kind line where their first post was.
            # An empty reply form is the same for everyone: made once, not per page.
            "reply_fields": rendering.blank_reply_fields(ReplyForm)
            if form is not None and quoting is None
            else "",
            "starter_gone": thread.author_id is None and page.older is None and not after,
        },
    )


@community_view
def post_link(request, post_id):
    """Where a post lives: the page of its thread that starts with it."""
    post = get_post_for(request, post_id)
    url = reverse("community:thread", args=[post.thread_id])
    return redirect(f"{url}?after={post.position - 1}#post-{post.id}")


@community_view
def search(request):
    """Posted, not put in the address: what someone looked for stays out of history."""
    form = SearchForm(request.POST if request.method == "POST" else None)
    results = None
    if form.is_bound and form.is_valid():
        results = find_posts(request.reader, form.cleaned_data["q"])
        decorate(request.reader, results)
    return render(
        request, "community/search.html", {**_common(request), "form": form, "results": results}
    )


@community_view
def bookmarks(request):
    posts = []
    if request.member is not None:
        visible = posting.visible_posts(request.reader)
        posts = list(
            visible.filter(bookmarks__member=request.member).order_by("-bookmarks__created_at")
        )
        decorate(request.reader, posts)
    return render(request, "community/bookmarks.html", {**_common(request), "posts": posts})


@community_view
def notifications(request):
    found = list(posting.notifications_for(request.member)[:50]) if request.member else []
    return render(
        request, "community/notifications.html", {**_common(request), "notifications": found}
    )


def new_form_for(board):
    return ReminderForm if board.is_reminders else ThreadForm
