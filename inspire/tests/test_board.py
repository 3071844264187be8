"""The board of saved notes: one tap to keep or let go, private to its owner,
exported and restored whole, gone with the account."""

import copy
import re

import pytest
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from accounts.export_tables import RestoreRefused
from inspire import actions, days, exports
from inspire.models import Reminder, SavedReminders

pytestmark = pytest.mark.django_db


def todays() -> Reminder:
    return days.reminder_for(days.today())


ITEM = r'href="/today/saved/([0-9a-f-]{36})/"'


def keep(client, slug, action="save", next_page="/today/"):
    return client.post("/today/keep/", {"slug": slug, "action": action, "next": next_page})


def test_one_tap_saves_and_one_tap_lets_go(library, owner_client):
    slug = todays().slug
    assertRedirects(keep(owner_client, slug), "/today/", fetch_redirect_response=False)
    page = owner_client.get("/today/")
    assertContains(page, 'aria-pressed="true"')
    assertContains(owner_client.get("/today/saved/"), todays().text.split("'")[0])
    keep(owner_client, slug)  # a second tap on "save" keeps one copy, not two
    assertContains(owner_client.get("/today/saved/"), 'aria-pressed="true"', count=1)
    keep(owner_client, slug, "unsave")
    assertContains(owner_client.get("/today/"), 'aria-pressed="false"')


def test_only_library_reminders_can_be_saved(library, owner_client):
    assert keep(owner_client, "not-a-reminder").status_code == 404
    assert not SavedReminders.objects.exists()


def test_a_broken_tap_is_answered_kindly(library, owner_client):
    response = keep(owner_client, "Not A Slug!", action="maybe")
    assertRedirects(response, "/today/", fetch_redirect_response=False)
    assertContains(owner_client.get("/today/"), "That didn&#x27;t work. Please try again.")


def test_it_goes_back_only_to_a_page_of_this_site(library, owner_client):
    response = keep(owner_client, todays().slug, next_page="https://elsewhere.example/")
    assertRedirects(response, "/today/saved/", fetch_redirect_response=False)


def test_a_stranger_is_asked_to_sign_in_and_nothing_is_kept(library):
    client = Client()
    page = client.get("/today/")
    assertContains(page, "Sign in to keep notes you like")
    assertNotContains(page, 'action="/today/keep/"')
    response = keep(client, todays().slug)
    assert response.status_code == 302 and response["Location"].startswith("/sign-in/")
    assert not SavedReminders.objects.exists()


def test_the_board_is_private_and_never_stored(library, owner_client, other_client):
    keep(owner_client, todays().slug)
    owner_client.post("/today/saved/", {"own": "Only mine."})
    board = owner_client.get("/today/saved/")
    assert "no-store" in board["Cache-Control"]
    assertContains(board, "Only mine.")
    theirs = other_client.get("/today/saved/")
    assertNotContains(theirs, "Only mine.")
    assertNotContains(theirs, 'aria-pressed="true"')
    own = board.content.decode().split("Only mine.")[1]
    item = re.search(ITEM, own).group(1)
    assert other_client.get(f"/today/saved/{item}/").status_code == 404
    assert other_client.post(f"/today/saved/{item}/", {"action": "remove"}).status_code == 404
    assertContains(owner_client.get("/today/saved/"), "Only mine.")


def test_the_words_fold_away_under_a_disguise(library, owner_client):
    from django.utils.html import escape

    home = owner_client.get("/home/")
    assertContains(home, '<h2 id="today-title">Today\'s note</h2>')
    assertContains(home, escape(todays().text))
    assertNotContains(home, '<details class="fold">')
    from core import discreet

    owner_client.cookies[discreet.COOKIE_NAME] = "notes"
    keep(owner_client, todays().slug)
    for path in ("/home/", "/today/", "/today/past/", "/today/saved/"):
        folded = owner_client.get(path)
        assertContains(folded, '<details class="fold">', msg_prefix=path)
        # The words are there for one tap, but never in view at a glance.
        html = folded.content.decode()
        assert escape(todays().text) in html, path
        unfolded = re.sub(r'<details class="fold">.*?</details>', "", html, flags=re.S)
        assert escape(todays().text) not in unfolded, path
    assertNotContains(owner_client.get("/today/"), 'class="share-preview"')


def test_the_place_for_members_reminders_is_marked_for_the_community_room(library):
    page = Client().get("/today/")
    assertNotContains(page, "INTEGRATION POINT")  # a template comment, never sent
    from django.template.loader import get_template

    source = get_template("inspire/_community.html").template.source
    assert "{% block community_reminders %}" in source
    # Filled only from a room that lends its members' reminders (community/tests
    # covers what members, strangers and a space without that room see).
    assert "community_reminders_url" in source


# ---- Export, restore, deletion ----------------------------------------------


def test_the_export_and_restore_carry_the_whole_board(library, two_spaces):
    owner, box, fresh, fresh_box = two_spaces
    first, second = Reminder.objects.order_by("position")[:2]
    actions.save(owner, box, first.slug)
    actions.save(owner, box, second.slug)
    kept = actions.board(owner, box)
    actions.set_note(owner, box, kept[0].id, "Read on Mondays.")
    actions.add_own(owner, box, "My own line, in Ελληνικά too.")

    data = exports.export(owner, box)
    exports.restore(fresh, fresh_box, copy.deepcopy(data))

    restored = actions.board(fresh, fresh_box)
    assert [(s.text, s.note, s.saved_on) for s in restored] == [
        (s.text, s.note, s.saved_on) for s in actions.board(owner, box)
    ]
    assert restored[1].note == "Read on Mondays."
    assert restored[0].own == "My own line, in Ελληνικά too."


@pytest.mark.parametrize(
    "spoil",
    [
        lambda items: items.append(dict(items[0])),  # the same reminder twice
        lambda items: items[0].update(slug="../../etc"),
        lambda items: items[0].update(note="x" * 501),
        lambda items: items[0].update(id="not-an-id"),
        lambda items: items[0].update(extra="?"),
        lambda items: items.append({"id": items[0]["id"], "own": "", "saved_on": "2026-01-02"}),
    ],
    ids=["twice", "odd-slug", "long-note", "bad-id", "unknown-key", "empty-own"],
)
def test_a_board_shaped_by_hand_is_refused(library, two_spaces, spoil):
    owner, box, fresh, fresh_box = two_spaces
    actions.save(owner, box, Reminder.objects.first().slug)
    data = exports.export(owner, box)
    spoil(data["saved_reminders"]["data"]["items"])
    with pytest.raises(RestoreRefused):
        exports.restore(fresh, fresh_box, data)
    assert not SavedReminders.objects.filter(owner=fresh).exists()


def test_deleting_the_account_leaves_no_board_behind(library, owner_client, owner):
    keep(owner_client, todays().slug)
    assert SavedReminders.objects.filter(owner=owner).exists()
    owner.delete()
    assert not SavedReminders.objects.exists()


def test_the_decoy_keeps_only_everyday_notes(library, owner_dek):
    from inspire import demo
    from vault.box import Box

    owner, dek = owner_dek
    demo.seed_decoy(owner, Box(dek))
    kept = actions.board(owner, Box(dek))
    assert {s.reminder.slug for s in kept if s.reminder} == set(demo.DECOY_SLUGS)
    words = " ".join(s.text.lower() for s in kept)
    for giveaway in ("leave", "safe", "help", "abuse", "boundar", "hurt", "fear"):
        assert giveaway not in words, giveaway


def test_the_demo_board_shows_each_chosen_note_and_a_line_of_its_own(library, owner_dek):
    from inspire import demo
    from vault.box import Box

    owner, dek = owner_dek
    demo.seed(owner, Box(dek))
    kept = actions.board(owner, Box(dek))
    assert [s.reminder.slug for s in kept if s.reminder] == [slug for slug, _n in demo.DEMO]
    assert [s.own for s in kept if not s.reminder] == [demo.DEMO_OWN]
