"""A few per-row subqueries of the most-read pages, written as SQL once per process.

The ORM resolves and compiles an Exists(OuterRef(...)) or Subquery
annotation again on every request. On the thread page each one cost about
0.8 ms of processor time, while the database answered it in 0.03 ms. These
build the same subqueries from the models' own table and column names
(quoted by the connection, so SQLite and PostgreSQL alike) and keep the text;
a request only adds its values, prepared by the fields as the ORM would.

They name the outer table by its own name: use them only on a queryset that
is evaluated as it is, never nested inside another query (where Django
renames the outer table and raw SQL can't follow).
"""

from __future__ import annotations

import uuid
from functools import cache, lru_cache

from django.db import connection
from django.db.models import BigIntegerField, BooleanField, Field, IntegerField
from django.db.models.expressions import RawSQL

from community.models import (
    Block,
    Bookmark,
    Member,
    Notification,
    Post,
    Reaction,
    Reading,
    Suspension,
    Thread,
)


def _name(model, field: str | None = None, *, alias: str | None = None) -> str:
    quote = connection.ops.quote_name
    if field is None:
        return quote(model._meta.db_table)
    owner = quote(alias) if alias else quote(model._meta.db_table)
    return f"{owner}.{quote(model._meta.get_field(field).column)}"


def _value(model, field: str, value):
    return model._meta.get_field(field).get_db_prep_value(value, connection)


@cache
def _suspended_sql() -> str:
    # Names from the models' own meta; values only ever as parameters.
    return (
        f"EXISTS (SELECT 1 FROM {_name(Suspension)} s WHERE "  # noqa: S608
        f"{_name(Suspension, 'member', alias='s')} = {_name(Member, 'id')} AND "
        f"{_name(Suspension, 'lifted_at', alias='s')} IS NULL AND "
        f"{_name(Suspension, 'ends_at', alias='s')} > %s)"
    )


def suspended(now) -> RawSQL:
    """On a Member query: whether a suspension is in force at `now`."""
    return RawSQL(  # noqa: S611 - the text above; values only as parameters
        _suspended_sql(), [_value(Suspension, "ends_at", now)], output_field=BooleanField()
    )


@cache
def _any_blocks_sql() -> str:
    # Names from the models' own meta; values only ever as parameters.
    return (
        f"EXISTS (SELECT 1 FROM {_name(Block)} b WHERE "  # noqa: S608
        f"{_name(Block, 'blocker', alias='b')} = {_name(Member, 'id')} OR "
        f"{_name(Block, 'blocked', alias='b')} = {_name(Member, 'id')})"
    )


def any_blocks() -> RawSQL:
    """On a Member query: whether any block touches the member, either way."""
    return RawSQL(_any_blocks_sql(), [], output_field=BooleanField())  # noqa: S611 - no values


@cache
def _bookmarked_sql() -> str:
    # Names from the models' own meta; values only ever as parameters.
    return (
        f"EXISTS (SELECT 1 FROM {_name(Bookmark)} k WHERE "  # noqa: S608
        f"{_name(Bookmark, 'member', alias='k')} = %s AND "
        f"{_name(Bookmark, 'post', alias='k')} = {_name(Post, 'id')})"
    )


def bookmarked_by(member) -> RawSQL:
    """On a Post query: whether this member bookmarked the post."""
    return RawSQL(  # noqa: S611 - the text above; values only as parameters
        _bookmarked_sql(), [_value(Bookmark, "member", member.pk)], output_field=BooleanField()
    )


@cache
def _reading_sql(field: str) -> str:
    # Names from the models' own meta; values only ever as parameters.
    return (
        f"(SELECT {_name(Reading, field, alias='r')} FROM {_name(Reading)} r WHERE "  # noqa: S608
        f"{_name(Reading, 'member', alias='r')} = %s AND "
        f"{_name(Reading, 'thread', alias='r')} = {_name(Thread, 'id')})"
    )


def reading_of(member, field: str) -> RawSQL:
    """On a Thread query: one field of the member's Reading of the thread (NULL: none yet)."""
    output: Field = {
        "id": BigIntegerField(),
        "read_up_to": IntegerField(),
        "following": BooleanField(),
    }[field]
    return RawSQL(_reading_sql(field), [_value(Reading, "member", member.pk)], output_field=output)  # noqa: S611


@lru_cache(maxsize=128)
def _reactions_sql(posts: int, hidden: int) -> str:
    post = _name(Reaction, "post", alias="x")
    who = _name(Reaction, "member", alias="x")
    kind = _name(Reaction, "kind", alias="x")
    marks = ", ".join(["%s"] * posts)
    leave_out = f" AND {who} NOT IN ({', '.join(['%s'] * hidden)})" if hidden else ""
    # Names from the models' own meta; values only ever as parameters.
    return (
        f"SELECT {post}, {kind}, COUNT(*), "  # noqa: S608
        f"SUM(CASE WHEN {who} = %s THEN 1 ELSE 0 END) FROM {_name(Reaction)} x "
        f"WHERE {post} IN ({marks}){leave_out} GROUP BY {post}, {kind}"
    )


def reaction_rows(post_ids: list, hidden, own) -> list[tuple]:
    """[(post id, kind, how many, how many of them `own`'s)] for these posts, `hidden` left out.

    Counts only, never who. `own`: the reader's member id, or None.
    """
    if not post_ids:
        return []
    hidden = sorted(hidden, key=str)
    params = [_value(Reaction, "member", own) if own is not None else None]
    params += [_value(Reaction, "post", pk) for pk in post_ids]
    params += [_value(Reaction, "member", pk) for pk in hidden]
    with connection.cursor() as cursor:
        cursor.execute(_reactions_sql(len(post_ids), len(hidden)), params)
        rows = cursor.fetchall()
    return [(_uuid(pk), kind, n, mine or 0) for pk, kind, n, mine in rows]


@cache
def _unseen_sql() -> str:
    # Names from the models' own meta; values only ever as parameters.
    return (
        f"SELECT {_name(Notification, 'id', alias='n')}, "  # noqa: S608
        f"{_name(Post, 'thread', alias='p')}, {_name(Post, 'position', alias='p')}, "
        f"{_name(Post, 'state', alias='p')}, {_name(Thread, 'state', alias='t')}, "
        f"{_name(Post, 'author', alias='p')}, {_name(Thread, 'author', alias='t')} "
        f"FROM {_name(Notification)} n "
        f"JOIN {_name(Post)} p ON {_name(Post, 'id', alias='p')} = "
        f"{_name(Notification, 'post', alias='n')} "
        f"JOIN {_name(Thread)} t ON {_name(Thread, 'id', alias='t')} = "
        f"{_name(Post, 'thread', alias='p')} "
        f"WHERE {_name(Notification, 'member', alias='n')} = %s "
        f"AND {_name(Notification, 'seen', alias='n')} = %s"
    )


def unseen_notifications(member) -> list[tuple]:
    """[(notification id, thread id, position, post state, thread state, writer id, starter id)]
    of the member's unseen notifications (the ids as the models hold them)."""
    params = [_value(Notification, "member", member.pk), _value(Notification, "seen", False)]
    with connection.cursor() as cursor:
        cursor.execute(_unseen_sql(), params)
        rows = cursor.fetchall()
    return [
        (pk, _uuid(thread), at, state, thread_state, _uuid(writer), _uuid(starter))
        for pk, thread, at, state, thread_state, writer, starter in rows
    ]


def _uuid(value):
    if value is None or isinstance(value, uuid.UUID):
        return value
    return uuid.UUID(value)
