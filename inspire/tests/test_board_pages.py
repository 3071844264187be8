"""A long board comes twenty notes at a time."""

import re

import pytest

from conftest import OWNER_NAME, OWNER_PASSPHRASE, signed_in_client
from inspire import actions
from inspire.actions import BOARD_PAGE_SIZE
from vault.box import Box

pytestmark = pytest.mark.django_db


def words_on(body: str) -> list[int]:
    return [int(n) for n in re.findall(r"My own line (\d+)\.", body)]


def test_a_long_board_is_shown_a_page_at_a_time(owner_dek):
    owner, dek = owner_dek
    total = BOARD_PAGE_SIZE * 2 + 5
    for n in range(total):
        actions.add_own(owner, Box(dek), f"My own line {n}.")
    client = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)
    seen, path, pages = [], "/today/saved/", 0
    while path:
        body = client.get(path).content.decode()
        pages += 1
        seen += words_on(body)
        older = re.search(r'href="(\?page=\d+)">Older notes', body)
        path = f"/today/saved/{older.group(1)}" if older else ""
    assert pages == 3
    assert sorted(seen) == list(range(total))
    assert len(seen) == total
    assert "Newer notes" in body
    # A page past the end, or not a number, shows a real page of the board.
    assert len(words_on(client.get("/today/saved/?page=999").content.decode())) == 5
    assert len(words_on(client.get("/today/saved/?page=x").content.decode())) == BOARD_PAGE_SIZE
