"""Pages of a thread by position (keyset), never by OFFSET.

A page is "the posts after position N" or "the posts before position N", so
the database walks the (thread, position) index straight to the page: the
last page of a 50,000-post thread costs what the first does.
"""

from __future__ import annotations

from dataclasses import dataclass

PAGE_SIZE = 20


@dataclass
class Page:
    posts: list
    older: int | None  # "before" value for the page before, if there is one
    newer: int | None  # "after" value for the page after, if there is one


def thread_page(
    posts, *, after: int | None = None, before: int | None = None, size=PAGE_SIZE, end=None
):
    """`posts`: a thread's visible posts (a queryset). One of after/before, or neither.

    `end`: the position no post reaches (the thread's next one), so the last
    page needn't ask whether anything follows it.
    """
    if before is not None:
        rows = list(posts.filter(position__lt=before).order_by("-position")[: size + 1])
        more_before = len(rows) > size
        rows = rows[:size][::-1]
        older = rows[0].position if rows and more_before else None
        later = end is None or before < end
        if rows and later and posts.filter(position__gte=before).exists():
            return Page(rows, older, rows[-1].position)
        return Page(rows, older, None)
    start = after or 0
    rows = list(posts.filter(position__gt=start).order_by("position")[: size + 1])
    more_after = len(rows) > size
    rows = rows[:size]
    newer = rows[-1].position if rows and more_after else None
    older = (
        rows[0].position if rows and start and posts.filter(position__lte=start).exists() else None
    )
    return Page(rows, older, newer)


def number(value) -> int | None:
    try:
        found = int(value)
    except (TypeError, ValueError):
        return None
    return found if 0 <= found < 2**31 else None
