"""Full-text search: FTS5 on SQLite, PostgreSQL full-text search when DATABASE_URL
points at PostgreSQL. The same tests run on both."""

import logging
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guide import search
from guide.models import Section


def results_page(client, query, method="post"):
    response = getattr(client, method)("/guide/search/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def found_slugs(body):
    return re.findall(r'<h3><a href="/guide/([a-z0-9-]+)/">', body)


def test_search_finds_a_section_by_a_word_in_its_body(guide, stranger_client):
    # "eggshells" appears only in the body of "Recognising the pattern".
    body = results_page(stranger_client, "eggshells")
    assert found_slugs(body) == ["recognising-the-pattern"]
    assert "<mark>eggshells</mark>" in body


def test_search_finds_other_forms_of_a_word(guide):
    slugs = [section.slug for section, _snippet in search.search("strangle")]
    assert "safety-first" in slugs  # the guide says "strangled"


def test_search_finds_a_word_the_guide_only_uses_in_another_form(db):
    Section.objects.create(
        number=1, slug="money", title="Money", body_markdown="They control the money at home."
    )
    Section.objects.create(
        number=2, slug="calm", title="Calm", body_markdown="Slow breathing, a walk, a song."
    )
    # "controlling" and "control" share their English stem, though the guide
    # never uses "controlling" itself.
    assert [section.slug for section, _ in search.search("controlling")] == ["money"]
    assert [section.slug for section, _ in search.search("controls")] == ["money"]
    assert [section.slug for section, _ in search.search("walking")] == ["calm"]


def test_search_needs_every_word_to_match(guide):
    both = {s.slug for s, _ in search.search("gaslighting isolation")}
    assert both == {"recognising-the-pattern"}


def test_a_title_word_ranks_its_own_section_first(guide):
    results = search.search("reconciliation")
    assert results[0][0].slug == "reconciliation"


def test_search_works_from_a_plain_link_too(guide, stranger_client):
    body = results_page(stranger_client, "eggshells", method="get")
    assert found_slugs(body) == ["recognising-the-pattern"]


def test_snippets_escape_everything_but_the_highlight(db):
    Section.objects.create(
        number=1,
        slug="markup",
        title="Markup",
        body_markdown="Text with `<b>tags</b>` inside, fish & chips, and a lantern.",
    )
    ((section, snippet),) = search.search("lantern")
    assert "<mark>lantern</mark>" in snippet
    assert "<b>" not in snippet
    assert "fish &amp; chips" in snippet


def test_what_was_typed_is_shown_back_escaped(guide, stranger_client):
    body = results_page(stranger_client, '<script>alert("x")</script> safety')
    assert "<script>alert" not in body
    assert "&lt;script&gt;" in body


@pytest.mark.parametrize(
    "query",
    ['"unclosed', "AND OR", "*", "title:", "-", "(((", '"', "^", "a" * 400],
)
def test_a_malformed_query_gets_a_kind_no_results_page(guide, stranger_client, query):
    response = stranger_client.post("/guide/search/", {"q": query})
    assert response.status_code == 200
    body = response.content.decode().replace("&#x27;", "'")
    assert ("Nothing in the guide matches" in body) or ("a lot to search for" in body)


@pytest.mark.parametrize(
    "query",
    [
        'safety "plan',
        "money AND OR",
        "NOT guilt",
        "family*",
        "help:",
        "(eggshells",
        "'; DROP TABLE guide_section; -- money",
    ],
)
def test_search_syntax_in_a_query_is_read_as_plain_words(guide, stranger_client, query):
    body = results_page(stranger_client, query)
    assert found_slugs(body), query


def test_a_too_long_query_keeps_what_was_typed(guide, stranger_client):
    typed = "boundaries " * 30
    body = results_page(stranger_client, typed)
    assert "a lot to search for at once" in body
    assert typed.strip() in body


def test_a_search_for_a_word_the_guide_never_uses_says_so_kindly(guide, stranger_client):
    body = results_page(stranger_client, "xylophone").replace("&#x27;", "'")
    assert "Nothing in the guide matches “xylophone”" in body
    assert "The guide may use different words" in body


def test_very_common_words_get_their_own_hint(guide, stranger_client):
    body = results_page(stranger_client, "the and of").replace("&#x27;", "'")
    assert "Those words are very common" in body


def test_an_empty_search_just_shows_the_form(guide, stranger_client):
    body = results_page(stranger_client, "")
    assert "Nothing in the guide matches" not in body
    assert 'name="q"' in body


def test_the_search_form_posts_so_queries_stay_out_of_the_address_bar(guide, stranger_client):
    body = stranger_client.get("/guide/").content.decode()
    assert (
        '<form autocomplete="off" class="guide-search" method="post" action="/guide/search/"'
        in body
    )
    assert 'autocomplete="off"' in body


def test_a_search_works_without_a_csrf_cookie(guide):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/guide/search/", {"q": "eggshells"})
    assert response.status_code == 200
    assert "recognising-the-pattern" in response.content.decode()


def test_private_words_typed_into_search_never_reach_the_database_or_the_logs(
    guide, stranger_client, caplog
):
    private = "Marguerite"  # not a word the guide uses, like a name or a street
    caplog.set_level(logging.DEBUG)
    with CaptureQueriesContext(connection) as queries:
        body = results_page(stranger_client, f"{private} safety plan")
    assert found_slugs(body)  # the guide's own words were still searched
    sql = "\n".join(q["sql"] for q in queries.captured_queries)
    assert "safety" in sql.lower()
    assert private.lower() not in sql.lower()
    assert private.lower() not in caplog.text.lower()
    assert "left out" in body and private.lower() in body.lower()


def test_editing_a_section_updates_search(guide):
    section = guide.get(slug="daily-tools")
    assert not search.search("periwinkle")
    section.body_markdown += "\nA periwinkle sky helps some people breathe.\n"
    section.save()
    assert [s.slug for s, _ in search.search("periwinkle")] == ["daily-tools"]
    section.delete()
    assert not search.search("periwinkle")


def test_the_database_search_is_the_one_for_this_database(guide):
    # On PostgreSQL the stored search vector is filled in; on SQLite the FTS5
    # table holds one row per section.
    if connection.vendor == "postgresql":
        assert not Section.objects.filter(search_vector__isnull=True).exists()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'guide_section_search_gin'"
            )
            assert "USING gin (search_vector)" in cursor.fetchone()[0]
    else:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM guide_section_fts")
            assert cursor.fetchone()[0] == 17
