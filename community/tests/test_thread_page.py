"""The thread page's shared parts are kept; whatever depends on the reader never is."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from community import rendering
from community.models import Block, Member, Post, Reading, Thread
from community.tests.conftest import reply_to, said, thread_by

pytestmark = pytest.mark.django_db


def articles(page: str) -> dict[str, str]:
    """{post id: its <article>} of a thread page."""
    found = {}
    for chunk in page.split('<article class="card post" id="post-')[1:]:
        post_id, _quote, rest = chunk.partition('"')
        found[post_id] = rest.partition("</article>")[0]
    return found


def test_a_page_kept_for_one_reader_shows_the_next_reader_their_own_marks(alex, blair):
    willow, willow_client = alex
    heron, heron_client = blair
    thread = thread_by(willow_client, "Mornings", "Willow's first words")
    first = Post.objects.get(thread=thread, position=1)
    answer = reply_to(heron_client, thread, "Heron's answer")
    heron_client.post(f"/community/p/{first.pk}/react/", {"kind": "hug"})
    heron_client.post(f"/community/p/{first.pk}/bookmark/")

    for _ in range(2):  # the second time, both readers get the kept parts
        willow_sees = articles(said(willow_client.get(f"/community/t/{thread.pk}/")))
        heron_sees = articles(said(heron_client.get(f"/community/t/{thread.pk}/")))
        # "you" only beside the reader's own post.
        assert '<span class="badge">you</span>' in willow_sees[str(first.pk)]
        assert '<span class="badge">you</span>' not in willow_sees[str(answer.pk)]
        assert '<span class="badge">you</span>' in heron_sees[str(answer.pk)]
        assert '<span class="badge">you</span>' not in heron_sees[str(first.pk)]
        # Heron pressed "hug" and bookmarked; Willow sees the count only, on her own post.
        assert (
            'value="hug" class="reaction chosen" aria-pressed="true"' in heron_sees[str(first.pk)]
        )
        assert "Remove bookmark" in heron_sees[str(first.pk)]
        assert "aria-pressed" not in willow_sees[str(first.pk)]
        assert 'Hug <span class="n">1</span>' in willow_sees[str(first.pk)]
        assert "Remove bookmark" not in willow_sees[str(first.pk)]


def test_a_new_community_name_shows_at_once_on_kept_posts(alex, blair):
    willow, willow_client = alex
    _heron, heron_client = blair
    thread = thread_by(willow_client, "Evenings", "Words kept in the cache")
    assert "Willow" in said(heron_client.get(f"/community/t/{thread.pk}/"))
    Member.objects.filter(pk=willow.pk).update(
        name="Rowan", name_key="rowan", name_changed_at=timezone.now()
    )
    page = said(heron_client.get(f"/community/t/{thread.pk}/"))
    assert "Rowan" in page and "Willow" not in page


def test_a_page_costs_the_same_queries_however_many_posts_and_quotes(alex, blair):
    """Two posts with one quote, or twenty with nineteen: no query per post."""
    _willow, willow_client = alex
    _heron, heron_client = blair
    short = thread_by(willow_client, "Short", "one")
    reply_to(heron_client, short, "two", quote=str(Post.objects.get(thread=short).pk))
    long = thread_by(willow_client, "Long", "first")
    first = Post.objects.get(thread=long, position=1)
    Post.objects.bulk_create(
        [
            Post(
                thread=long,
                position=n,
                author=first.author,
                body=f"reply {n}",
                html=f"<p>reply {n}</p>",
                quote=first,
            )
            for n in range(2, 21)
        ]
    )
    Thread.objects.filter(pk=long.pk).update(next_position=21, last_published=20)

    def queries(thread) -> int:
        heron_client.get(f"/community/t/{thread.pk}/")  # the first look notes it as read
        with CaptureQueriesContext(connection) as seen:
            page = heron_client.get(f"/community/t/{thread.pk}/")
        assert page.status_code == 200
        return len(seen.captured_queries)

    assert queries(long) == queries(short)
    assert said(heron_client.get(f"/community/t/{long.pk}/")).count("Willow wrote:") == 19


def test_kept_parts_stay_out_of_the_shared_cache(alex):
    from django.core.cache import cache

    _willow, willow_client = alex
    thread = thread_by(willow_client, "Kept apart", "never in the shared cache")
    post = Post.objects.select_related("author").get(thread=thread, position=1)
    willow_client.get(f"/community/t/{thread.pk}/")
    assert rendering.FRAMES.get(rendering._key(post)) is not None
    # The shared cache holds rate-limit counts: no post's words may push them out.
    assert cache.get(rendering._key(post)) is None


def test_the_thread_page_counts_unseen_notices_elsewhere_and_knows_what_is_followed(
    alex, blair, casey
):
    """How far they have read and what waits for them come with the page's few queries."""
    willow, willow_client = alex
    heron, heron_client = blair
    casey_member, casey_client = casey
    here = thread_by(willow_client, "Here", "reading this one")
    elsewhere = thread_by(willow_client, "Elsewhere", "and this one")
    reply_to(heron_client, here, "a reply here")
    reply_to(heron_client, elsewhere, "a reply elsewhere")
    reply_to(casey_client, elsewhere, "another reply elsewhere")

    page = said(willow_client.get(f"/community/t/{here.pk}/"))
    # The reply here is read now; the two elsewhere still wait.
    assert '<span class="count">2</span>' in page
    assert "Stop following" in page
    # Someone who blocked them drops out of the count, on this page too.
    Block.objects.create(blocker=casey_member, blocked=willow)
    page = said(willow_client.get(f"/community/t/{here.pk}/"))
    assert '<span class="count">1</span>' in page
    assert willow_client.post(f"/community/t/{here.pk}/follow/").status_code == 302
    page = said(willow_client.get(f"/community/t/{here.pk}/"))
    assert "Follow this thread" in page and "Stop following" not in page
    # A first look at a thread they never opened: nothing read, nothing followed.
    fresh = thread_by(heron_client, "Someone else's", "new to Willow")
    page = said(willow_client.get(f"/community/t/{fresh.pk}/"))
    assert "Follow this thread" in page
    assert Reading.objects.get(member=willow, thread=fresh).read_up_to == 1
