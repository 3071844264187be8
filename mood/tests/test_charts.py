"""The week, month and year drawn from real check-ins, each with a table that
says the same numbers as the picture."""

import datetime
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
import time_machine
from pytest_django.asserts import assertContains, assertNotContains

from mood.tests.helpers import log
from tests.steps import get_ok

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def late_november():
    with time_machine.travel("2026-11-26 18:00", tick=False):
        yield


def the_svg(page) -> ET.Element:
    """The page's chart, parsed as XML: it fails unless the SVG is well formed."""
    found = re.search(
        r'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \d.*?</svg>',
        page.content.decode(),
        re.S,
    )
    assert found, "no chart on the page"
    return ET.fromstring(found.group(0))  # noqa: S314 - our own page, in a test


def marks(svg: ET.Element) -> dict[str, tuple[str, str, str]]:
    """Each day the picture draws: date -> (average, level, number of check-ins)."""
    days = {}
    for group in svg.iter(f"{SVG}g"):
        if group.get("class") == "mood-day":
            title = group.find(f"{SVG}title")
            assert title is not None and title.text, group.attrib
            days[group.get("data-day")] = (
                group.get("data-mood"),
                group.get("data-level"),
                group.get("data-count"),
            )
    return days


class Tables(HTMLParser):
    """Every <table> of a page: its caption and rows of cell texts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables, self._cell, self._row = [], None, None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"caption": "", "rows": []})
        elif tag == "caption":
            self._cell = ""
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = ""

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data

    def handle_endtag(self, tag):
        if tag == "caption":
            self.tables[-1]["caption"], self._cell = self._cell.strip(), None
        elif tag in ("td", "th"):
            self._row.append(self._cell.strip())
            self._cell = None
        elif tag == "tr":
            self.tables[-1]["rows"].append(self._row)


def tables(page) -> list[dict]:
    reader = Tables()
    reader.feed(page.content.decode())
    return reader.tables


def test_the_week_chart_and_its_table_say_the_same(space):
    owner, box, client = space
    log(owner, box, datetime.date(2026, 11, 23), 2, hour=8)
    log(owner, box, datetime.date(2026, 11, 23), 5, hour=21)  # averages 3.5
    log(owner, box, datetime.date(2026, 11, 25), 4)
    log(owner, box, datetime.date(2026, 11, 22), 1)  # the Sunday before: another week
    page = get_ok(client, "/mood/week/", says="Mood each day, 23 Nov to 29 Nov 2026")
    drawn = marks(the_svg(page))
    assert drawn == {
        "2026-11-23": ("3.5", "4", "2"),
        "2026-11-24": ("", "", "0"),
        "2026-11-25": ("4.0", "4", "1"),
        "2026-11-26": ("", "", "0"),
        "2026-11-27": ("", "", "0"),
        "2026-11-28": ("", "", "0"),
        "2026-11-29": ("", "", "0"),
    }
    (table,) = tables(page)
    assert table["caption"] == "Mood each day, 23 Nov to 29 Nov 2026"
    header, *rows = table["rows"]
    assert header == ["Day", "Mood (1 to 5)", "In words", "Check-ins"]
    for (day, (average, _level, count)), row in zip(sorted(drawn.items()), rows, strict=True):
        assert row[1] == (average or "–"), (day, row)
        assert row[3] == count, (day, row)
    assert rows[0] == ["Mon 23 Nov", "3.5", "Good", "2"]
    # The bar's number is printed on it too, not only its height and colour.
    assert "3.5" in [t.text for t in the_svg(page).iter(f"{SVG}text")]


def test_the_week_before_and_after_are_a_tap_away(space):
    owner, box, client = space
    log(owner, box, datetime.date(2026, 11, 17), 1)
    page = get_ok(client, "/mood/week/")
    assertContains(page, 'href="/mood/week/2026/11/16/"')
    assertNotContains(page, "Week after")  # nothing has happened after this week yet
    before = get_ok(client, "/mood/week/2026/11/16/", says=["Week after", "Very low"])
    assert marks(the_svg(before))["2026-11-17"] == ("1.0", "1", "1")
    assertContains(before, 'href="/mood/week/2026/11/23/"')


def test_the_month_chart_and_its_table_say_the_same(space):
    owner, box, client = space
    for day, mood in ((1, 3), (2, 3), (2, 4), (15, 5), (30, 1)):
        log(owner, box, datetime.date(2026, 11, day), mood, hour=9 + day % 10)
    log(owner, box, datetime.date(2026, 10, 31), 5)  # October: not in November
    page = get_ok(client, "/mood/month/", says=["November 2026", "4 days logged; on average 3.1"])
    drawn = marks(the_svg(page))
    assert len(drawn) == 30
    (table,) = tables(page)
    _header, *rows = table["rows"]
    assert len(rows) == 30
    for (day, (average, _level, count)), row in zip(sorted(drawn.items()), rows, strict=True):
        assert (row[1], row[3]) == (average or "–", count), day
    assert drawn["2026-11-02"] == ("3.5", "4", "2")
    assert drawn["2026-11-30"] == ("1.0", "1", "1")
    october = get_ok(client, "/mood/month/2026/10/", says="Month after")
    assert marks(the_svg(october))["2026-10-31"] == ("5.0", "5", "1")


def test_the_year_in_squares_and_its_table_say_the_same(space):
    owner, box, client = space
    start = datetime.date(2026, 1, 1)
    for n in range(0, 320, 3):
        log(owner, box, start + datetime.timedelta(days=n), 1 + n % 5)
    page = get_ok(client, "/mood/year/", says="A year in colour: 2026")
    svg = the_svg(page)
    drawn = marks(svg)
    assert len(drawn) == 365  # every day of the year has its square, logged or not
    (table,) = tables(page)
    header, *rows = table["rows"]
    assert header[:3] == ["Month", "Days logged", "Average"]
    assert header[3:] == ["Very low", "Low", "Okay", "Good", "Very good"]
    assert len(rows) == 12
    for month, row in enumerate(rows, start=1):
        in_month = [v for d, v in drawn.items() if int(d[5:7]) == month and v[1]]
        assert int(row[1]) == len(in_month), row
        for level in range(1, 6):
            assert int(row[2 + level]) == sum(1 for v in in_month if v[1] == str(level)), row
    assert sum(int(row[1]) for row in rows) == len(range(0, 320, 3))
    # Squares are patterned per level, so colour is never the only sign.
    assert svg.find(f"{SVG}defs/{SVG}pattern") is not None


def test_each_square_and_bar_has_words_for_a_screen_reader(space):
    owner, box, client = space
    log(owner, box, datetime.date(2026, 3, 4), 2)
    svg = the_svg(get_ok(client, "/mood/year/"))
    assert svg.get("role") == "img"
    titles = [g.find(f"{SVG}title").text for g in svg.iter(f"{SVG}g")]
    assert "Wednesday 4 March: 2.0, Low (1 check-in)" in titles
    assert "Thursday 5 March: nothing logged" in titles


def test_the_last_year_and_odd_addresses(space):
    owner, box, client = space
    log(owner, box, datetime.date(2026, 1, 2), 3)
    page = get_ok(client, "/mood/year/2025/", says="Year after")
    assert not [v for v in marks(the_svg(page)).values() if v[1]]
    for path in ("/mood/year/1/", "/mood/month/2026/13/", "/mood/week/2026/2/30/"):
        assert client.get(path).status_code == 404, path
