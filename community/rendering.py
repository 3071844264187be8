"""A thread's posts as HTML: the shared part from a cache, the reader's part in Python.

A thread page shows twenty posts. Each has a part that is the same for
everyone who may see it (its writer's name, its time and link, its content
note and its words: community/templates/community/_post.html) and a part
that depends on who is looking ("you" beside their own, the quote as this
reader may see it, which reactions they pressed, their bookmark, and the
flag, block and moderate links).

The shared part is rendered from the template once and kept in a cache of
this process (Django's local-memory backend), keyed by the post, its edit
time, its writer's last name change and the language: whatever would change
it changes the key, so a kept copy is never stale and no worker needs
telling. It stays out of the shared default cache on purpose: that one holds
sign-in and posting rate-limit counts, and thousands of posts must never
push those out. Nothing that depends on the reader is ever kept.

The reader's part is built here as plain strings: its only values are
UUIDs, whole numbers, fixed reaction keys and labels escaped once per page,
so it needs none of the template engine's per-node cost (which had been
three times the rest of the page). The words are still wrapped for
translation. community/tests/test_discussion.py checks the controls post
where the URL patterns say.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from django.core.cache.backends.locmem import LocMemCache
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from community.models import Reaction

ZERO = "00000000-0000-0000-0000-000000000000"
YOU_MARK = "<!--you-->"
QUOTE_MARK = "<!--quote-->"

# Shared parts of about a kilobyte or two each: up to ~20 MB per worker.
FRAMES = LocMemCache(
    "community-post-frames", {"TIMEOUT": 60 * 60 * 24, "OPTIONS": {"MAX_ENTRIES": 10_000}}
)


@cache
def _pattern(name: str) -> str:
    # Reversed once per process (as core.features.url does); each post's
    # address is this with its id in place.
    return reverse(name, args=[ZERO])


def url(name: str, object_id) -> str:
    """The path of a post's or a thread's page (`name` takes that one UUID)."""
    return _pattern(name).replace(ZERO, str(object_id))


@lru_cache(maxsize=64)
def _board_url(slug: str) -> str:
    return reverse("community:board", args=[slug])


def thread_links(thread) -> dict[str, str]:
    """The thread page's own links, from patterns reversed once per process."""
    return {
        "thread": url("community:thread", thread.id),
        "follow": url("community:follow", thread.id),
        "reply": url("community:reply", thread.id),
        "slow": url("community:slow", thread.id),
        "board": _board_url(thread.board.slug),
    }


@dataclass
class Labels:
    """The words of a post's controls, translated and escaped once per page."""

    you: str
    gone: str
    reactions: str
    quote: str
    bookmark: str
    unbookmark: str
    flag: str
    block: str
    moderate: str
    kinds: dict

    @classmethod
    def now(cls) -> Labels:
        return cls(
            you=escape(_("you")),
            gone=escape(_("(The words quoted here are no longer shown.)")),
            reactions=escape(_("Reactions")),
            quote=escape(_("Quote")),
            bookmark=escape(_("Bookmark")),
            unbookmark=escape(_("Remove bookmark")),
            flag=escape(_("Flag")),
            block=escape(_("Block this person")),
            moderate=escape(_("Moderate")),
            kinds={kind: escape(label) for kind, label in Reaction.Kind.choices},
        )


def _key(post) -> str:
    edited = post.edited_at.timestamp() if post.edited_at else 0
    renamed = post.author.name_changed_at.timestamp()
    return f"{post.id}:{edited}:{renamed}:{get_language()}"


def _frame(post) -> tuple[str, str, str]:
    html = render_to_string(
        "community/_post.html", {"post": post, "url": url("community:post", post.id)}
    )
    head, _mark, rest = html.partition(YOU_MARK)
    middle, _mark, body = rest.partition(QUOTE_MARK)
    return head, middle, body


def frames(posts) -> dict:
    """{post id: the shared part in three pieces}, from the cache or made now."""
    keys = {_key(post): post for post in posts}
    found = FRAMES.get_many(keys)
    made = {key: _frame(post) for key, post in keys.items() if key not in found}
    if made:
        FRAMES.set_many(made)
        found.update(made)
    return {post.id: found[key] for key, post in keys.items()}


def _quote(post, labels: Labels) -> str:
    if post.quoted is not None:
        return format_html(
            '<blockquote class="quoted"><p class="post-meta">{}</p>{}</blockquote>',
            _("%(name)s wrote:") % {"name": post.quoted.author.name},
            mark_safe(post.quoted.html),  # noqa: S308 - cleaned by nh3 when written
        )
    if post.quote_id:
        return f'<p class="post-meta quote-gone">{labels.gone}</p>'
    return ""


def thread_posts(posts, *, labels: Labels, csrf: str, can_act, can_quote, moderator) -> None:
    """Sets `post.rendered` on each post of a page (decorated by views_read.decorate)."""
    token = escape(csrf)
    shared = frames(posts)
    for post in posts:
        head, middle, body = shared[post.id]
        you = f' <span class="badge">{labels.you}</span>' if post.mine else ""
        parts = [
            f'<article class="card post" id="post-{post.id}">',
            head,
            you,
            middle,
            _quote(post, labels),
            body,
            _reactions(post, labels, token, can_act and not post.mine),
            _actions(post, labels, token, can_quote, moderator) if can_act else "",
            "</article>",
        ]
        post.rendered = mark_safe("".join(parts))  # noqa: S308 - every value escaped above


def _reactions(post, labels: Labels, token: str, pressable: bool) -> str:
    kinds = labels.kinds
    if not pressable:
        shown = "".join(
            f'<span class="reaction">{kinds[kind]} <span class="n">{n}</span></span>'
            for kind, _label, n, _mine in post.counts
        )
        return f'<div class="reactions">{shown}</div>'
    buttons = "".join(
        f'<button type="submit" name="kind" value="{kind}" class="reaction'
        f'{" chosen" if mine else ""}" aria-pressed="{"true" if mine else "false"}">'
        f'{kinds[kind]} <span class="n">{n}</span></button>'
        for kind, _label, n, mine in post.counts
    )
    return (
        f'<form autocomplete="off" method="post" action="{url("community:react", post.id)}" '
        f'class="reactions" aria-label="{labels.reactions}">'
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">{buttons}</form>'
    )


def _actions(post, labels: Labels, token: str, can_quote: bool, moderator: bool) -> str:
    quote = f'<a href="?quote={post.id}#reply">{labels.quote}</a>' if can_quote else ""
    others = ""
    if not post.mine:
        others = (
            f'<a href="{url("community:flag", post.id)}">{labels.flag}</a> '
            f'<a href="{url("community:block", post.id)}">{labels.block}</a>'
        )
    moderate = (
        f' <a href="{url("community:review", post.id)}">{labels.moderate}</a>' if moderator else ""
    )
    return (
        f'<div class="row-actions">{quote}<form autocomplete="off" method="post" '
        f'action="{url("community:bookmark", post.id)}" class="inline">'
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
        f'<button type="submit" class="link-button">'
        f"{labels.unbookmark if post.bookmarked else labels.bookmark}</button></form>"
        f"{others}{moderate}</div>"
    )


def blank_reply_fields(form_class) -> str:
    """The inside of an empty reply form (no errors, no quote, no words), made once per language.

    It is the same for every reader: the CSRF token, the one part that is
    theirs, is written by the page around it.
    """
    key = f"reply-fields:{form_class.__name__}:{get_language()}"
    found = FRAMES.get(key)
    if found is None:
        found = render_to_string("community/_write_fields.html", {"form": form_class()})
        FRAMES.set(key, found)
    return mark_safe(found)  # noqa: S308 - rendered by the template engine, escaped there
