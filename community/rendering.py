"""A thread's posts as HTML, made in Python for speed.

A thread page shows twenty posts, each with its reactions, bookmark and
flag controls; through the template engine that cost three times the rest
of the page. Here each post is one `format_html` call. The words are still
wrapped for translation (gettext), and every value is escaped by
`format_html` except the post's own HTML, which was cleaned by nh3 when it
was written (community/markup.py). community/templates/community/thread.html
holds the rest of the page; community/tests/test_discussion.py checks the
controls here post where the URL patterns say.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from community.models import Reaction

ZERO = "00000000-0000-0000-0000-000000000000"


@cache
def _pattern(name: str) -> str:
    # Reversed once per process (as core.features.url does); each post's
    # address is this with its id in place.
    return reverse(name, args=[ZERO])


def url(name: str, post_id) -> str:
    return _pattern(name).replace(ZERO, str(post_id))


@dataclass
class Labels:
    """The words of a post's frame, translated once per page."""

    you: str
    link: str
    note: str
    open: str
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
            you=_("you"),
            link=_("Link to post"),
            note=_("Content note:"),
            open=_("(open to read)"),
            gone=_("(The words quoted here are no longer shown.)"),
            reactions=_("Reactions"),
            quote=_("Quote"),
            bookmark=_("Bookmark"),
            unbookmark=_("Remove bookmark"),
            flag=_("Flag"),
            block=_("Block this person"),
            moderate=_("Moderate"),
            kinds={kind: str(label) for kind, label in Reaction.Kind.choices},
        )


def _wrote(name: str) -> str:
    return _("%(name)s wrote:") % {"name": name}


def post_html(post, *, labels: Labels, csrf: str, can_act: bool, can_quote: bool, moderator: bool):
    when = timezone.localtime(post.created_at)
    meta = format_html(
        '<p class="post-meta"><span class="author">{}</span>{} · <time datetime="{}">{}</time> · '
        '<a href="{}"><span class="visually-hidden">{} </span>#{}</a></p>',
        post.author.name,
        format_html(' <span class="badge">{}</span>', labels.you) if post.mine else "",
        when.isoformat(),
        dateformat.format(when, "j M Y, H:i"),
        post.url,
        labels.link,
        post.position,
    )
    if post.quoted is not None:
        quote = format_html(
            '<blockquote class="quoted"><p class="post-meta">{}</p>{}</blockquote>',
            _wrote(post.quoted.author.name),
            mark_safe(post.quoted.html),  # noqa: S308 - cleaned by nh3 when written
        )
    elif post.quote_id:
        quote = format_html('<p class="post-meta quote-gone">{}</p>', labels.gone)
    else:
        quote = ""
    body = format_html(
        '{}<div class="post-body">{}</div>',
        quote,
        mark_safe(post.html),  # noqa: S308 - cleaned by nh3 when written
    )
    if post.content_warning:
        body = format_html(
            '<details class="cw"><summary>{} {} <span class="hint">{}</span></summary>{}</details>',
            labels.note,
            post.content_warning,
            labels.open,
            body,
        )
    return format_html(
        '<article class="card post" id="post-{}">{}{}{}{}</article>',
        post.id,
        meta,
        body,
        _reactions(post, labels, csrf, can_act and not post.mine),
        _actions(post, labels, csrf, can_quote, moderator) if can_act else "",
    )


def _reactions(post, labels: Labels, csrf: str, pressable: bool) -> SafeString:
    if not pressable:
        return format_html(
            '<div class="reactions">{}</div>',
            format_html_join(
                "",
                '<span class="reaction">{} <span class="n">{}</span></span>',
                ((labels.kinds[kind], n) for kind, _label, n, _mine in post.counts),
            ),
        )
    buttons = format_html_join(
        "",
        '<button type="submit" name="kind" value="{}" class="reaction{}" aria-pressed="{}">'
        '{} <span class="n">{}</span></button>',
        (
            (kind, " chosen" if mine else "", "true" if mine else "false", labels.kinds[kind], n)
            for kind, _label, n, mine in post.counts
        ),
    )
    return format_html(
        '<form autocomplete="off" method="post" action="{}" class="reactions" aria-label="{}">'
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">{}</form>',
        url("community:react", post.id),
        labels.reactions,
        csrf,
        buttons,
    )


def _actions(post, labels: Labels, csrf: str, can_quote: bool, moderator: bool) -> SafeString:
    quote = (
        format_html('<a href="?quote={}#reply">{}</a>', post.id, labels.quote) if can_quote else ""
    )
    others = ""
    if not post.mine:
        others = format_html(
            '<a href="{}">{}</a> <a href="{}">{}</a>',
            url("community:flag", post.id),
            labels.flag,
            url("community:block", post.id),
            labels.block,
        )
    return format_html(
        '<div class="row-actions">{}<form autocomplete="off" method="post" action="{}" '
        'class="inline"><input type="hidden" name="csrfmiddlewaretoken" value="{}">'
        '<button type="submit" class="link-button">{}</button></form>{}{}</div>',
        quote,
        url("community:bookmark", post.id),
        csrf,
        labels.unbookmark if post.bookmarked else labels.bookmark,
        others,
        format_html(' <a href="{}">{}</a>', url("community:review", post.id), labels.moderate)
        if moderator
        else "",
    )
