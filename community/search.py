"""Searching the community's published posts.

On PostgreSQL: full text, through a GIN index on the same expression
(migration 0002). On SQLite: every word must appear, matched in Python's
casefold sense by the database's LIKE. Blocked members' words never show.
"""

from __future__ import annotations

from django.db import connection

from community import posting

CONFIG = "english"
RESULTS = 50
# The indexed expression; the query must use it exactly for the index to serve.
VECTOR = f"to_tsvector('{CONFIG}', community_post.body)"


def words(query: str) -> list[str]:
    return [w for w in query.split() if w][:8]


def search(member, query: str):
    found = posting.visible_posts(member)
    terms = words(query)
    if not terms:
        return []
    if connection.vendor == "postgresql":
        # The SQL is fixed text (the indexed expression); the words go as a parameter.
        found = found.extra(  # noqa: S610
            where=[f"{VECTOR} @@ plainto_tsquery('{CONFIG}', %s)"], params=[" ".join(terms)]
        )
    else:
        for term in terms:
            found = found.filter(body__icontains=term)
    return list(found.order_by("-created_at")[:RESULTS])
