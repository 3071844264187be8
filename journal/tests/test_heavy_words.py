"""Words that sound like a crisis bring help lines beside them, privately.

Nothing about it may be kept: not in the database (its file read as bytes),
not in the logs, not in any cache, and no row anywhere gains or changes
because of it.
"""

import logging

import pytest
from django.apps import apps
from django.core.cache import caches
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from conftest import OWNER_NAME, OWNER_PASSPHRASE, make_member, signed_in_client
from journal.tests.helpers import form_data
from resources.api import heavy_words_help, sounds_like_crisis
from tests.stored import committed_database_bytes

HEAVY = "MARKERHEAVY81 some nights I want to die"
CALM = "MARKERCALM81 a slow walk by the canal"
HELP = 'class="card journal-heavy"'


def new_page(client, words, action="save"):
    return client.post(
        reverse("journal:new") + "?mode=free", form_data("free", body=words) | {"action": action}
    )


def test_the_crisis_words_are_one_list_in_resources():
    assert sounds_like_crisis("I want to END  it all")
    assert sounds_like_crisis("calm words", "he’s outside the door")  # a curly apostrophe
    assert not sounds_like_crisis("this diet is killing me slowly", "")
    assert not sounds_like_crisis("")


@pytest.mark.django_db
def test_a_heavy_page_shows_help_lines_beside_it_and_a_calm_one_does_not(owner_client):
    saved = new_page(owner_client, HEAVY)
    page = owner_client.get(saved["Location"])
    assertContains(page, HELP)
    assertContains(page, "have to carry this alone")
    assertContains(page, "call-now")  # the help lines' call buttons
    assertContains(page, "some nights I want to die")
    assertContains(page, reverse("accounts:settings"))
    preview = new_page(owner_client, HEAVY, action="preview")
    assertContains(preview, HELP)
    calm = owner_client.get(new_page(owner_client, CALM)["Location"])
    assertNotContains(calm, HELP)
    assertNotContains(new_page(owner_client, CALM, action="preview"), HELP)


@pytest.mark.django_db
def test_turned_off_in_settings_the_help_lines_stay_away(owner, owner_client):
    settings_page = owner_client.get(reverse("accounts:settings"))
    assertContains(settings_page, "Show help lines when what I write sounds heavy")
    assertContains(settings_page, 'id="id_show_help_lines" checked')
    response = owner_client.post(reverse("accounts:writing_settings"), {})
    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.show_help_lines is False
    assertNotContains(owner_client.get(reverse("accounts:settings")), 'id_show_help_lines" checked')
    saved = new_page(owner_client, HEAVY)
    assertNotContains(owner_client.get(saved["Location"]), HELP)
    assertNotContains(new_page(owner_client, HEAVY, action="preview"), HELP)
    # And on again.
    owner_client.post(reverse("accounts:writing_settings"), {"show_help_lines": "on"})
    assertContains(owner_client.get(saved["Location"]), HELP)


@pytest.mark.django_db
def test_the_setting_is_shared_with_the_decoy_and_asked_through_resources(owner_dek):
    from accounts import actions
    from accounts.models import User
    from conftest import DURESS_PASSPHRASE

    owner, dek = owner_dek

    class Asked:
        user = owner

    assert heavy_words_help(Asked, HEAVY)
    assert not heavy_words_help(Asked, CALM)
    actions.save_writing_settings(owner, False)
    assert not heavy_words_help(Asked, HEAVY)
    # A decoy made now starts with the same choice, and follows later changes.
    actions.set_duress(owner, dek, DURESS_PASSPHRASE)
    decoy = User.objects.get(decoy_for=owner)
    assert decoy.show_help_lines is False
    actions.save_writing_settings(owner, True)
    decoy.refresh_from_db()
    assert decoy.show_help_lines is True


class Collect(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.lines = []

    def emit(self, record):
        self.lines.append(self.format(record))


def row_counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


@pytest.mark.django_db(transaction=True)
def test_heavy_words_leave_no_trace_in_the_database_the_logs_or_the_cache():
    collector = Collect()
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(collector)
    root.setLevel(logging.DEBUG)
    try:
        make_member(OWNER_NAME, OWNER_PASSPHRASE)
        client = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)
        saved = new_page(client, HEAVY)
        # A preview keeps the words as a sealed draft, heavy or not: start with one.
        new_page(client, CALM, action="preview")
        before = row_counts()
        page = client.get(saved["Location"])
        assertContains(page, HELP)
        assertContains(new_page(client, HEAVY, action="preview"), HELP)
        after = row_counts()
    finally:
        root.removeHandler(collector)
        root.setLevel(old_level)
    # Showing the help lines (twice) made no row anywhere (the draft was only replaced).
    assert before == after

    assert collector.lines, "nothing was logged, so this part proved nothing"
    logged = "\n".join(collector.lines)
    assert "MARKERHEAVY81" not in logged
    assert "want to die" not in logged

    for cache in caches.all():
        held = repr(getattr(cache, "_cache", {}))
        assert "MARKERHEAVY81" not in held and "crisis" not in held.lower()

    stored = committed_database_bytes()
    assert OWNER_NAME.encode() in stored  # the right file
    assert b"MARKERHEAVY81" not in stored
    assert b"want to die" not in stored
