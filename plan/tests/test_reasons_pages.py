"""Reasons come a page at a time: the page costs the same with 10 or 10,000."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import OWNER_NAME, OWNER_PASSPHRASE, signed_in_client
from plan.actions import REASONS_ON_DASHBOARD, REASONS_PER_PAGE
from plan.models import Reason
from vault.box import Box

pytestmark = pytest.mark.django_db

# About as long as a reason people write: a sentence or two.
TEXT = "I want mornings that are calm, and to see my friends without asking first. ({n})"


def add_reasons(owner, dek: bytes, count: int, start: int = 0) -> None:
    """Many reasons at once, each sealed by the owner's vault as the page would seal it."""
    box = Box(dek)
    rows = []
    for n in range(start, start + count):
        reason = Reason(owner=owner, position=n)
        reason.text = box.seal(reason, "text", TEXT.format(n=n))
        rows.append(reason)
    Reason.objects.bulk_create(rows, batch_size=500)


def cost(client, path: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries), len(response.content)


def later_link(body: str) -> str | None:
    found = re.search(r'href="(\?after=[^"]+)"', body)
    return found.group(1).replace("&amp;", "&") if found else None


def test_a_page_of_reasons_costs_the_same_with_ten_or_a_thousand(owner_dek):
    owner, dek = owner_dek
    client = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)
    add_reasons(owner, dek, 10)
    ten_list, ten_home = cost(client, "/reasons/"), cost(client, "/home/")
    add_reasons(owner, dek, 20, start=10)
    full_list, full_home = cost(client, "/reasons/"), cost(client, "/home/")
    add_reasons(owner, dek, 970, start=30)
    big_list, big_home = cost(client, "/reasons/"), cost(client, "/home/")
    assert big_list[0] == full_list[0] == ten_list[0]
    assert big_home[0] == full_home[0] == ten_home[0]
    # A full first page weighs the same whatever follows it.
    assert big_list[1] == full_list[1]
    assert big_home[1] == full_home[1]


def test_no_page_is_over_60_kb_with_ten_thousand_reasons(owner_dek):
    owner, dek = owner_dek
    client = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)
    add_reasons(owner, dek, 10_000)
    for path in ("/reasons/", "/home/"):
        _queries, size = cost(client, path)
        assert size < 60_000, (path, size)
    body = client.get("/reasons/").content.decode()
    assert body.count('id="reason-') == REASONS_PER_PAGE
    assert "(0)" in body
    assert f"({REASONS_PER_PAGE})" not in body


def test_the_more_and_earlier_links_walk_every_reason_once_without_javascript(owner_dek):
    owner, dek = owner_dek
    client = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)
    total = REASONS_PER_PAGE * 2 + 5
    add_reasons(owner, dek, total)
    seen, link, pages = [], "", []
    while True:
        body = client.get(f"/reasons/{link}").content.decode()
        pages.append(body)
        seen += [int(n) for n in re.findall(r"\((\d+)\)</p>", body)]
        link = later_link(body)
        if link is None:
            break
    assert seen == list(range(total))
    assert len(pages) == 3
    assert "Earlier reasons" not in pages[0]
    back = re.search(r'href="(\?before=[^"]+)"', pages[-1]).group(1)
    middle = client.get(f"/reasons/{back}").content.decode()
    found = [int(n) for n in re.findall(r"\((\d+)\)</p>", middle)]
    assert found == list(range(REASONS_PER_PAGE, REASONS_PER_PAGE * 2))


def test_a_broken_page_link_shows_the_first_page(owner_client):
    owner_client.post("/reasons/", {"text": "still here"})
    for bad in ("?after=nonsense", "?before=1_not-a-uuid", "?after=" + "9" * 300):
        response = owner_client.get(f"/reasons/{bad}")
        assert response.status_code == 200
        assert "still here" in response.content.decode()


def test_moving_a_reason_across_pages_keeps_it_in_view(owner_dek):
    owner, dek = owner_dek
    client = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)
    add_reasons(owner, dek, REASONS_PER_PAGE + 5)
    first_on_second = Reason.objects.get(position=REASONS_PER_PAGE)
    last_on_first = Reason.objects.get(position=REASONS_PER_PAGE - 1)
    page_two = client.get(f"/reasons/{later_link(client.get('/reasons/').content.decode())}")
    # The first reason on page two can still move up, onto page one.
    assert f"/reasons/{first_on_second.pk}/move/" in page_two.content.decode()
    response = client.post(f"/reasons/{first_on_second.pk}/move/", {"direction": "up"})
    first_on_second.refresh_from_db()
    last_on_first.refresh_from_db()
    assert first_on_second.position == REASONS_PER_PAGE - 1
    assert last_on_first.position == REASONS_PER_PAGE
    shown = client.get(response["Location"].split("#")[0]).content.decode()
    assert f'id="reason-{first_on_second.pk}"' in shown


def test_the_dashboard_shows_a_few_reasons_and_a_way_to_the_rest(owner_dek):
    owner, dek = owner_dek
    client = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)
    add_reasons(owner, dek, REASONS_ON_DASHBOARD)
    body = client.get("/home/").content.decode()
    assert "See all your reasons" not in body
    add_reasons(owner, dek, 2, start=REASONS_ON_DASHBOARD)
    body = client.get("/home/").content.decode()
    assert f"({REASONS_ON_DASHBOARD - 1})" in body
    assert f"({REASONS_ON_DASHBOARD})" not in body
    assert "See all your reasons" in body
