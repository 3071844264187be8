"""Attack: feed every form hostile input and look for a server error.

The forms are found the way a visitor would find them: by opening every page
Haven routes to (and every page those link to) as a stranger and as a
signed-in member, and reading the <form method="post"> elements. Each form
then gets bytes no browser would send: invalid UTF-8, NUL, 100 KB values,
repeated and nested field names, odd numbers and dates. Nothing may answer
with a 5xx.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import quote_from_bytes, urljoin, urlsplit

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import OWNER_NAME, OWNER_PASSPHRASE

pytestmark = pytest.mark.django_db

EXAMPLES_PER_FORM = 12
# Pages a member must not be sent through by the crawl: they end the session
# or belong to operators (Django's own admin is not Haven's to harden here).
SKIP_PREFIXES = ("/operator/", "/static/", "/media/")
# Opening these ends or locks the session (their forms are still attacked).
SESSION_ENDERS = {"/lock/", "/sign-out/", "/x/"}


@dataclass(frozen=True)
class FoundForm:
    page: str
    action: str
    fields: tuple[str, ...]


class _FormReader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[tuple[str, list[str]]] = []
        self.links: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        if tag == "form" and (attributes.get("method") or "get").lower() == "post":
            self._current = []
            self.forms.append((attributes.get("action") or "", self._current))
        elif tag in ("input", "select", "textarea", "button") and self._current is not None:
            name = attributes.get("name")
            if name and name != "csrfmiddlewaretoken":
                self._current.append(name)

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


def routed_paths() -> list[str]:
    """Every path in the URL patterns that needs no argument."""
    found: list[str] = []

    def walk(patterns, prefix):
        for entry in patterns:
            route = str(entry.pattern)
            if "<" in route or route.startswith("^"):
                continue
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + route)
            elif isinstance(entry, URLPattern):
                found.append("/" + prefix + route)

    walk(get_resolver().url_patterns, "")
    return sorted({path for path in found if not path.startswith(SKIP_PREFIXES)})


def seed(client: Client) -> None:
    """Give the member something saved, so pages about saved things have forms."""
    from assess import content

    client.post("/check/danger/save/", {key: "unsure" for key in content.DANGER_KEYS})


def crawl(client: Client, start: list[str], limit: int = 150) -> list[FoundForm]:
    seen: set[str] = set()
    queue = list(start)
    forms: dict[tuple[str, tuple[str, ...]], FoundForm] = {}
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen or path in SESSION_ENDERS or path.startswith(SKIP_PREFIXES):
            continue
        seen.add(path)
        response = client.get(path)
        assert response.status_code < 500, path
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        reader = _FormReader()
        reader.feed(response.content.decode())
        for action, fields in reader.forms:
            target = urlsplit(urljoin(path, action)).path
            key = (target, tuple(sorted(set(fields))))
            forms.setdefault(key, FoundForm(path, target, key[1]))
        for href in reader.links:
            parts = urlsplit(urljoin(path, href))
            if not parts.netloc and parts.path.startswith("/"):
                queue.append(parts.path)
    return list(forms.values())


def sign_in(address: str) -> Client:
    client = Client(REMOTE_ADDR=address)
    response = client.post("/sign-in/", {"username": OWNER_NAME, "passphrase": OWNER_PASSPHRASE})
    assert response.status_code == 302
    return client


ODD_TEXT = [
    b"\x00",
    b"a\x00b",
    b"\xff\xfe\xfd",  # not UTF-8 at all
    b"\xc3",  # a cut-off UTF-8 sequence
    b"\xed\xa0\x80",  # an encoded surrogate
    b"-1",
    b"0",
    b"1e309",
    b"NaN",
    b"-Infinity",
    b"99999999999999999999999999999999",
    b"0.0000000000000000000000000001",
    b"1,5",
    b"0000-00-00",
    b"2024-02-30",
    b"9999-12-31",
    b"-0001-01-01",
    b"99999-01-01",
    b"2024-13-01T25:61",
    b"on",
    b"true",
    b"[]",
    b"{}",
    b"<script>alert(1)</script>",
    b"%00",
    b"../../etc/passwd",
    b" ",
]

values = st.one_of(
    st.sampled_from(ODD_TEXT),
    st.binary(max_size=64),
    st.text(max_size=64).map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.sampled_from([b"x" * 100_000, ("\u00e9" * 50_000).encode(), b"\x00" * 100_000]),
)


def field_names(fields: tuple[str, ...]):
    odd_names = st.sampled_from(["", "[]", "__proto__", "a[b][c]", "\x00", "x" * 5000])
    nested = st.sampled_from(fields).map(lambda name: name + "[0][x]") if fields else odd_names
    return st.one_of(st.sampled_from(fields), nested, odd_names) if fields else odd_names


def hostile_body(fields: tuple[str, ...]):
    """A form body: every field given once or many times, plus strays."""
    pair = st.tuples(field_names(fields).map(str.encode), values)
    return st.lists(pair, min_size=1, max_size=max(3, 2 * len(fields))).map(
        lambda pairs: b"&".join(
            quote_from_bytes(name, safe=b"").encode() + b"=" + quote_from_bytes(value).encode()
            for name, value in pairs
        )
    )


def attack(client: Client, found: FoundForm) -> None:
    @settings(
        max_examples=EXAMPLES_PER_FORM,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(body=hostile_body(found.fields))
    def post_hostile(body):
        response = client.generic(
            "POST", found.action, body, content_type="application/x-www-form-urlencoded"
        )
        assert response.status_code < 500, (found.action, response.status_code)

    post_hostile()


def test_the_crawl_finds_the_forms_that_matter(owner):
    client = sign_in("10.20.0.1")
    seed(client)
    actions = {found.action for found in crawl(client, routed_paths())}
    for expected in ("/start/", "/sign-in/", "/recover/", "/settings/passphrase/", "/scripts/"):
        assert expected in actions, sorted(actions)
    assert len(actions) >= 20, sorted(actions)


def test_no_form_a_stranger_can_reach_answers_hostile_input_with_a_server_error(db):
    forms = crawl(Client(REMOTE_ADDR="10.21.0.1"), routed_paths())
    assert forms
    for index, found in enumerate(forms):
        caches["limits"].clear()  # so sign-in limits don't hide what a form would do
        attack(Client(REMOTE_ADDR=f"10.22.{index // 250}.{index % 250}"), found)


def test_no_form_a_member_can_reach_answers_hostile_input_with_a_server_error(owner):
    client = sign_in("10.23.0.1")
    seed(client)
    forms = crawl(client, routed_paths())
    assert forms
    for index, found in enumerate(forms):
        caches["limits"].clear()
        # A fresh session per form: a sign-out or lock form ends the one before.
        attack(sign_in(f"10.24.{index // 250}.{index % 250}"), found)


@pytest.mark.parametrize("query", ["%00", "a%00b", "%ff%fe", "%C3"])
def test_a_nul_or_broken_byte_in_the_scripts_search_gets_a_kind_answer(query):
    client = Client()
    for response in (
        client.get(f"/scripts/?q={query}"),
        client.generic(
            "POST", "/scripts/", f"q={query}", content_type="application/x-www-form-urlencoded"
        ),
    ):
        assert response.status_code == 200
        page = response.content.decode()
        if "%00" in query:
            assert "Some of those characters can&#x27;t be searched" in page or (
                "Some of those characters can't be searched" in page
            )


def test_every_routed_page_opens_without_a_server_error_with_a_hostile_query(owner):
    client = sign_in("10.25.0.1")
    for path in routed_paths():
        if path in SESSION_ENDERS:
            continue
        for query in ("q=%00", "situation=%ff&tone=%00", "page=-1&date=0000-00-00"):
            response = client.get(f"{path}?{query}")
            assert response.status_code < 500, (path, query)
