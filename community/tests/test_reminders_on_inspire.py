"""The community's "Reminders" board on the inspire pages: for members only.

inspire/_community.html holds the block; inspire/views.py finds the room
through the registry (`extra["members_reminders"]`), so inspire keeps
working where the community is not installed.
"""

import pytest
from django.test import Client

from community import members
from community.models import Post
from core import features

pytestmark = pytest.mark.django_db

SECTION = 'class="card members-reminders"'


@pytest.fixture
def library(db):
    """The daily notes, so the inspire pages have a day's note to show."""
    from inspire import content_files

    content_files.load()


def remind(client, words: str) -> Post:
    response = client.post("/community/b/reminders/new/", {"body": words})
    assert response.status_code == 302, response.content.decode()[-1500:]
    return Post.objects.get(body=words)


def test_a_member_sees_a_few_members_reminders_and_where_to_write_one(library, alex, blair, casey):
    _willow, willow_client = alex
    # Two writers: a settled member may start three threads in a window.
    for n, (_member, client) in enumerate((blair, blair, casey, casey)):
        remind(client, f"Rest is allowed, number {n}.")
    newest = Post.objects.get(body="Rest is allowed, number 3.")
    for path in ("/today/", "/today/saved/"):
        page = willow_client.get(path).content.decode()
        assert SECTION in page, path
        # The three newest, as the community cleaned them, each linking to its post.
        assert "Rest is allowed, number 3." in page and "Rest is allowed, number 1." in page
        assert "Rest is allowed, number 0." not in page
        assert f'href="/community/p/{newest.pk}/"' in page
        assert 'href="/community/b/reminders/new/"' in page
        assert 'href="/community/b/reminders/"' in page


def test_a_blocked_members_reminders_never_show(library, alex, blair):
    willow, willow_client = alex
    heron, heron_client = blair
    remind(heron_client, "Heron says: breathe out slowly.")
    assert "Heron says" in willow_client.get("/today/").content.decode()
    members.block(heron, willow)  # two-way: it hides Heron's words from Willow too
    page = willow_client.get("/today/").content.decode()
    assert SECTION in page and "Heron says" not in page
    assert "No one has shared one yet." in page


def test_a_stranger_sees_nothing_from_members_on_the_public_page(library, blair):
    _heron, heron_client = blair
    remind(heron_client, "MEMBERS-ONLY you are doing your best.")
    page = Client().get("/today/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "MEMBERS-ONLY" not in html
    assert SECTION not in html and "/community/" not in html


def test_a_locked_space_sees_nothing_from_members(library, alex, blair):
    _willow, willow_client = alex
    _heron, heron_client = blair
    remind(heron_client, "MEMBERS-ONLY a locked screen hides this.")
    willow_client.post("/lock/")
    html = willow_client.get("/today/").content.decode()
    assert "MEMBERS-ONLY" not in html and SECTION not in html


def test_under_a_disguise_members_words_fold(library, alex, blair):
    _willow, willow_client = alex
    _heron, heron_client = blair
    remind(heron_client, "Folded words for a glance.")
    willow_client.cookies["hv_d"] = "notes"
    html = willow_client.get("/today/").content.decode()
    assert "Notes from others" in html and "Reminders from other members" not in html
    assert '<summary>Show the note</summary><div class="member-words"><p>Folded words' in html


def test_inspire_keeps_working_without_the_community_room(library, alex, blair, monkeypatch):
    _willow, willow_client = alex
    _heron, heron_client = blair
    remind(heron_client, "Only where the room is installed.")
    # The registry as it reads on a Haven without the community room.
    without = tuple(f for f in features.all_features() if f.app != "community")
    monkeypatch.setattr(features, "all_features", lambda: without)
    for path in ("/today/", "/today/saved/"):
        page = willow_client.get(path)
        assert page.status_code == 200, path
        html = page.content.decode()
        assert SECTION not in html and "Only where the room is installed." not in html


def test_someone_without_a_community_name_is_asked_to_choose_one_first(library, owner_client):
    # "Write one for others" leads to where a name is chosen, not to a page
    # that would only send them there.
    page = owner_client.get("/today/").content.decode()
    assert SECTION in page
    assert 'href="/community/join/"' in page
    assert 'href="/community/b/reminders/new/"' not in page
