"""Full-text search over the guide: SQLite FTS5 on a laptop, PostgreSQL at scale.

Privacy: what a person types into search is never stored, never logged and
never sent to the database. The query is split into words in Python, and each
word is matched against the guide's own vocabulary (the words the guide
already uses). Only those guide words are sent to the database, so a name, an
address or anything else private that someone types cannot reach a query log,
a slow-query log or a statement trace. A word the guide never uses cannot
match anything anyway, so nothing is lost by leaving it out.
"""

import re
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import reduce
from operator import and_, or_

from django.db import DatabaseError, connection, transaction
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from guide.rendering import MARK_END, MARK_START

FTS_TABLE = "guide_section_fts"
WORD = re.compile(r"[^\W_]+")
MAX_QUERY_CHARS = 200
MAX_WORDS = 8
MAX_FORMS_PER_WORD = 24
# Words too common to help; dropped the same way on both databases.
STOPWORDS = frozenset(
    """a an and are as at be but by do does for from had has have how i if in into is it its
    me my of on or so than that the their them then there these they this to was we what
    when where which who why will with you your""".split()
)


def words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return WORD.findall(folded)


def stem(word: str) -> str:
    """The English Snowball (Porter2) stem, only used to group the guide's own
    words ("leave", "leaving", "leaves"); the database does its own stemming."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        # A stemmer keeps the word it works on: one per thread. Imported on
        # first use, so a worker that never searches doesn't carry it.
        import snowballstemmer

        stemmer = _local.stemmer = snowballstemmer.stemmer("english")
    return stemmer.stemWord(word)


_local = threading.local()


@dataclass
class Vocabulary:
    words: frozenset[str]
    by_stem: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def build(cls, texts) -> "Vocabulary":
        found: set[str] = set()
        for text in texts:
            found.update(words(text))
        by_stem: dict[str, set[str]] = {}
        for word in found:
            by_stem.setdefault(stem(word), set()).add(word)
        return cls(frozenset(found), by_stem)

    def forms(self, typed: str) -> list[str]:
        """The guide's own words that a typed word should find."""
        matches = set(self.by_stem.get(stem(typed), ()))
        if typed in self.words:
            matches.add(typed)
        elif len(typed) >= 4:
            # Half-typed words: "bound" finds "boundary" and "boundaries".
            matches.update(word for word in self.words if word.startswith(typed))
        return sorted(matches, key=lambda w: (w != typed, len(w), w))[:MAX_FORMS_PER_WORD]


@dataclass
class Plan:
    """What will be asked of the database: groups of guide words (OR inside a
    group, AND between groups), and the typed words the guide does not use."""

    groups: list[list[str]]
    unknown: list[str]
    too_common: bool = False


_cache: dict = {}


def vocabulary() -> Vocabulary:
    from guide.models import Section

    # Every save changes updated_at, so this key changes whenever any
    # section's text could have changed, in this process or another.
    key = tuple(Section.objects.order_by("pk").values_list("pk", "updated_at"))
    if _cache.get("key") != key:
        texts = Section.objects.values_list("title", "summary", "body_text")
        _cache["vocabulary"] = Vocabulary.build(" ".join(row) for row in texts)
        _cache["key"] = key
    return _cache["vocabulary"]


def plan(query: str, vocab: Vocabulary) -> Plan:
    typed = []
    for word in words(query[:MAX_QUERY_CHARS]):
        if word not in typed:
            typed.append(word)
    meaningful = [w for w in typed if w not in STOPWORDS][:MAX_WORDS]
    groups, unknown = [], []
    for word in meaningful:
        forms = vocab.forms(word)
        if forms:
            groups.append(forms)
        else:
            unknown.append(word)
    return Plan(groups, unknown, too_common=bool(typed) and not meaningful)


def search(query: str) -> list[tuple]:
    """Sections matching every known word of the query, best first, each with a
    short snippet of safe HTML in which only our own <mark> tags are markup."""
    return run(plan(query, vocabulary()))


def run(query_plan: Plan) -> list[tuple]:
    if not query_plan.groups:
        return []
    try:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                return _search_postgresql(query_plan.groups)
            if connection.vendor == "sqlite":
                return _search_sqlite(query_plan.groups)
    except DatabaseError:
        # Never log the error text: it could quote the words being searched.
        return []
    return []


def highlight(snippet: str) -> SafeString:
    if not snippet:
        return mark_safe("")  # noqa: S308
    text = str(escape(snippet))
    opened = text.count(MARK_START)
    text = text.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    text += "</mark>" * max(0, opened - snippet.count(MARK_END))
    return mark_safe(text)  # noqa: S308 - escaped above; only our <mark> is added


# ---- SQLite: FTS5 ------------------------------------------------------------


def _fts5_expression(groups: list[list[str]]) -> str:
    def quoted(word: str) -> str:
        return '"' + word.replace('"', '""') + '"'

    return " AND ".join("(" + " OR ".join(quoted(w) for w in group) + ")" for group in groups)


def _search_sqlite(groups):
    from guide.models import Section

    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT section_id, snippet({FTS_TABLE}, 3, %s, %s, '…', 28) "  # noqa: S608
            f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "
            f"ORDER BY bm25({FTS_TABLE}, 0.0, 10.0, 4.0, 1.0)",
            [MARK_START, MARK_END, _fts5_expression(groups)],
        )
        rows = cursor.fetchall()
    sections = {s.pk.hex: s for s in Section.objects.filter(pk__in=[r[0] for r in rows])}
    return [(sections[sid], _snippet(sections[sid], snip)) for sid, snip in rows if sid in sections]


def _snippet(section, snippet: str):
    if MARK_START in (snippet or ""):
        return highlight(snippet)
    # The match was in the title or summary: the summary says more than a
    # random slice of the body would.
    return highlight(section.summary)


def index_section(section) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE section_id = %s", [section.pk.hex])  # noqa: S608
            cursor.execute(
                f"INSERT INTO {FTS_TABLE} (section_id, title, summary, body) "  # noqa: S608
                "VALUES (%s, %s, %s, %s)",
                [section.pk.hex, section.title, section.summary, section.body_text],
            )
    elif connection.vendor == "postgresql":
        from guide.models import Section

        Section.objects.filter(pk=section.pk).update(search_vector=_vector())


def unindex_section(section_pk) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE section_id = %s", [section_pk.hex])  # noqa: S608


def rebuild() -> None:
    """Make the index match the sections exactly (loading the guide calls this)."""
    from guide.models import Section

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608
        for section in Section.objects.all():
            index_section(section)
    elif connection.vendor == "postgresql":
        Section.objects.update(search_vector=_vector())


# ---- PostgreSQL: SearchVector, SearchQuery, SearchRank ------------------------

CONFIG = "english"


def _vector():
    from django.contrib.postgres.search import SearchVector

    return (
        SearchVector("title", weight="A", config=CONFIG)
        + SearchVector("summary", weight="B", config=CONFIG)
        + SearchVector("body_text", weight="C", config=CONFIG)
    )


def _postgres_query(groups):
    from django.contrib.postgres.search import SearchQuery

    def either(group):
        return reduce(or_, (SearchQuery(w, search_type="plain", config=CONFIG) for w in group))

    return reduce(and_, (either(group) for group in groups))


def _search_postgresql(groups):
    from django.contrib.postgres.search import SearchHeadline, SearchRank
    from django.db.models import F

    from guide.models import Section

    query = _postgres_query(groups)
    found = (
        Section.objects.filter(search_vector=query)
        .annotate(
            rank=SearchRank(F("search_vector"), query),
            snippet=SearchHeadline(
                "body_text",
                query,
                config=CONFIG,
                start_sel=MARK_START,
                stop_sel=MARK_END,
                max_words=30,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
        .order_by("-rank", "number")
    )
    return [(section, _snippet(section, section.snippet)) for section in found]
