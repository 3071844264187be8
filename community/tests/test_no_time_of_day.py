"""Someone who shares a home with a member can see when they were on their
phone. If the community showed the minute a post went up, that person could
match a post to the member. Posts, threads and boards show the day only."""

import re

import pytest
import time_machine

from community.models import Board, Thread
from community.tests.conftest import reply_to, said, thread_by

pytestmark = pytest.mark.django_db

TIME_OF_DAY = re.compile(r"\b21[:.h]43\b|T21:43|21:43:")


def test_a_post_shows_its_day_and_never_its_minute(alex, blair):
    _willow, willow_client = alex
    _heron, heron_client = blair
    with time_machine.travel("2026-03-04 21:43:07", tick=False):
        thread = thread_by(willow_client, "Late evening", "Written when the house was quiet")
        reply_to(willow_client, thread, "And one more thought")
    thread = Thread.objects.get(pk=thread.pk)
    pages = [
        said(heron_client.get(f"/community/t/{thread.pk}/")),
        said(heron_client.get(f"/community/b/{thread.board.slug}/")),
    ]
    assert "4 Mar" in pages[0]
    for page in pages:
        assert not TIME_OF_DAY.search(page), TIME_OF_DAY.search(page).group(0)


def test_a_boards_older_link_names_a_thread_not_a_time(alex, blair):
    from community.views_read import THREADS_PER_PAGE

    willow, _willow_client = alex
    _heron, heron_client = blair
    board = Board.objects.get(slug="family")
    made = []
    for n in range(THREADS_PER_PAGE + 3):
        with time_machine.travel(f"2026-03-04 21:{10 + n:02d}:07", tick=False):
            made.append(Thread.objects.create(board=board, author=willow, title=f"Evening {n}"))
    for thread in made:
        thread.posts.create(position=1, author=willow, body="x", html="<p>x</p>")
    first = said(heron_client.get("/community/b/family/"))
    older = re.search(r'\?before=([^"]+)"', first).group(1)
    assert not TIME_OF_DAY.search(older) and "2026" not in older and ":" not in older
    assert "Evening 0" not in first and "Evening 32" in first
    second = said(heron_client.get(f"/community/b/family/?before={older}"))
    assert "Evening 0" in second and "Evening 32" not in second
