"""Search, tags, the calendar and the pages of the list: all from the
person's own pages, opened in memory."""

import datetime
from urllib.parse import quote

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from conftest import (
    OTHER_NAME,
    OTHER_PASSPHRASE,
    OWNER_NAME,
    OWNER_PASSPHRASE,
    make_member,
    signed_in_client,
)
from journal.tests.helpers import minutes_ago, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_writers(db):
    """Robin and Sam, each with their pages, each signed in."""
    robin, robin_dek, _ = make_member(OWNER_NAME, OWNER_PASSPHRASE)
    sam, sam_dek, _ = make_member(OTHER_NAME, OTHER_PASSPHRASE)
    return (
        (robin, robin_dek, signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)),
        (sam, sam_dek, signed_in_client(OTHER_NAME, OTHER_PASSPHRASE)),
    )


def search(client, q="", tag=""):
    return client.post(reverse("journal:index"), {"q": q, "tag": tag})


def test_search_finds_my_pages_in_any_case_and_without_accents(two_writers):
    (robin, dek, client), _ = two_writers
    write(robin, dek, "Coffee at the Café Rosé with Mia", title="Sunday")
    write(robin, dek, "Rain all day, stayed in", tags=["Home"])
    for words in ("cafe rose", "CAFÉ", "mia coffee", "sunday"):
        found = search(client, words)
        assertContains(found, "Coffee at the Café Rosé with Mia")
        assertNotContains(found, "Rain all day")
    assertContains(search(client, "home"), "Rain all day")  # tags are searched too
    assertContains(search(client, "coffee rain"), "No pages match that.")


def test_search_never_shows_another_members_pages(two_writers):
    (robin, robin_dek, robin_client), (sam, sam_dek, sam_client) = two_writers
    write(robin, robin_dek, "Robin's quiet lighthouse morning", tags=["lighthouse"])
    write(sam, sam_dek, "Sam's lighthouse evening", tags=["lighthouse"])
    mine = search(robin_client, "lighthouse")
    assertContains(mine, "quiet lighthouse morning")
    assertNotContains(mine, "Sam&#x27;s lighthouse")
    theirs = search(sam_client, "lighthouse")
    assertContains(theirs, "Sam&#x27;s lighthouse evening")
    assertNotContains(theirs, "quiet lighthouse")
    assertNotContains(search(sam_client, tag="lighthouse"), "quiet lighthouse")
    assertNotContains(sam_client.get(reverse("journal:index")), "quiet lighthouse")
    assertNotContains(sam_client.get(reverse("journal:tags")), "(1 page)(1 page)")


def test_a_tag_shows_only_the_pages_that_carry_it(two_writers):
    (robin, dek, client), _ = two_writers
    write(robin, dek, "Walked by the river", tags=["Walks", "calm"])
    write(robin, dek, "Hard day at work", tags=["work"])
    write(robin, dek, "Evening stroll", tags=["walks"])
    tagged = search(client, tag="walks")
    assertContains(tagged, "Walked by the river")
    assertContains(tagged, "Evening stroll")
    assertNotContains(tagged, "Hard day at work")
    assertContains(tagged, "Pages tagged “walks”")
    tags = client.get(reverse("journal:tags"))
    assertContains(tags, 'Walks</span> <span class="journal-count">(2 pages)')
    assertContains(tags, 'work</span> <span class="journal-count">(1 page)')
    # Words and a tag together.
    both = search(client, "river", tag="walks")
    assertContains(both, "Walked by the river")
    assertNotContains(both, "Evening stroll")


def test_the_list_is_newest_first_a_page_at_a_time(two_writers):
    (robin, dek, client), _ = two_writers
    for n in range(45):
        write(robin, dek, f"Page number {n:02d}.", when=minutes_ago(100 - n))
    first = client.get(reverse("journal:index"))
    text = first.content.decode()
    assert text.index("Page number 44.") < text.index("Page number 25.")
    assertNotContains(first, "Page number 24.")
    older = first.context["next_cursor"]
    assert older
    second = client.get(reverse("journal:index") + "?after=" + quote(older))
    assertContains(second, "Page number 24.")
    assertContains(second, "Page number 05.")
    assertNotContains(second, "Page number 25.")
    assertNotContains(second, "Page number 04.")
    third = client.get(reverse("journal:index") + "?after=" + quote(second.context["next_cursor"]))
    assertContains(third, "Page number 00.")
    assert third.context["next_cursor"] is None
    assertNotContains(third, "Older pages")
    # A cursor someone typed by hand is just the first page.
    for cursor in ("nonsense", "2026-01-01T10:00:00_" + "0" * 32):
        assertContains(client.get(reverse("journal:index") + "?after=" + cursor), "Page number 44.")


def test_search_results_come_a_page_at_a_time_too(two_writers):
    (robin, dek, client), _ = two_writers
    for n in range(25):
        write(robin, dek, f"Seen a heron {n:02d}", when=minutes_ago(200 - n))
        write(robin, dek, f"Nothing to see {n:02d}", when=minutes_ago(200 - n))
    found = search(client, "heron")
    assertContains(found, "Seen a heron 24")
    assertNotContains(found, "Seen a heron 04")
    assertNotContains(found, "Nothing to see")
    more = client.post(
        reverse("journal:index"), {"q": "heron", "after": found.context["next_cursor"]}
    )
    assertContains(more, "Seen a heron 04")
    assertContains(more, "Seen a heron 00")
    assertNotContains(more, "Seen a heron 05")


def test_the_calendar_marks_the_days_with_pages_and_lists_them(two_writers):
    (robin, dek, client), (sam, sam_dek, _) = two_writers
    write(robin, dek, "x", title="Early spring", day=datetime.date(2026, 3, 2))
    write(robin, dek, "y", title="Mid March", day=datetime.date(2026, 3, 14))
    write(robin, dek, "z", title="Second on the 14th", day=datetime.date(2026, 3, 14))
    write(robin, dek, "w", title="April already", day=datetime.date(2026, 4, 1))
    write(sam, sam_dek, "v", title="Sam in March", day=datetime.date(2026, 3, 20))
    page = client.get(reverse("journal:calendar_month", args=[2026, 3]))
    assertContains(page, "<caption>March 2026</caption>", html=False)
    assertContains(page, '<th scope="col">', count=7)
    assertContains(page, 'href="#day-2026-03-14">14<span class="visually-hidden">, 2 pages')
    assertContains(page, 'href="#day-2026-03-02">2<span class="visually-hidden">, 1 page')
    assertContains(page, 'id="day-2026-03-14"')
    assertContains(page, "Mid March")
    assertContains(page, "Second on the 14th")
    assertNotContains(page, "April already")
    assertNotContains(page, "Sam in March")
    assertNotContains(page, "#day-2026-03-20")
    assertContains(page, reverse("journal:calendar_month", args=[2026, 2]))
    assertContains(page, reverse("journal:calendar_month", args=[2026, 4]))
    april = client.get(reverse("journal:calendar_month", args=[2026, 4]))
    assertContains(april, "April already")
    assert client.get("/journal/calendar/2026/13/").status_code == 404
    # This month, without arguments, marks today.
    assertContains(client.get(reverse("journal:calendar")), 'aria-current="date"')


def test_the_dashboard_counts_this_weeks_pages_and_never_shows_their_words(two_writers):
    (robin, dek, client), _ = two_writers
    write(robin, dek, "A private sentence for the card test")
    home = client.get("/home/")
    assertContains(home, "1 page written this week.")
    assertContains(home, reverse("journal:new"))
    assertNotContains(home, "A private sentence")
