import logging
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from scripts.models import Script

pytestmark = pytest.mark.django_db


def cards(response) -> list[str]:
    return re.findall(
        r'<article class="card script" id="script-([a-z0-9-]+)"', response.content.decode()
    )


def test_anyone_can_read_the_library(stranger_client, loaded_library):
    response = stranger_client.get("/scripts/")
    assert response.status_code == 200
    body = response.content.decode()
    assert f"{Script.objects.count()} scripts" in body
    assert "That doesn&#x27;t work for me." in body
    assert "Save a copy" not in body  # that needs a space of one's own


def test_filtering_by_situation_shows_only_that_situation(stranger_client, loaded_library):
    response = stranger_client.get("/scripts/", {"situation": "work"})
    shown = cards(response)
    assert shown
    assert set(shown) == set(Script.objects.filter(situation="work").values_list("slug", flat=True))
    assert f"{len(shown)} scripts match" in response.content.decode()


def test_filtering_by_tone_and_situation_together(owner_client, loaded_library):
    response = owner_client.post("/scripts/", {"situation": "saying-no", "tone": "firm", "q": ""})
    expected = Script.objects.filter(situation="saying-no", tone="firm")
    assert set(cards(response)) == set(expected.values_list("slug", flat=True))
    assert 'value="firm" selected' in response.content.decode()


def test_an_unknown_filter_value_just_shows_everything(stranger_client, loaded_library):
    response = stranger_client.get("/scripts/", {"situation": "nonsense", "tone": "<b>"})
    assert response.status_code == 200
    assert len(cards(response)) == Script.objects.count()


def test_search_finds_words_in_the_script_whatever_the_case(stranger_client, loaded_library):
    response = stranger_client.post("/scripts/", {"q": "HANDOVER"})
    assert set(cards(response)) == {"channel-handover-only"}


def test_a_search_with_no_results_says_so_kindly(stranger_client, loaded_library):
    response = stranger_client.post("/scripts/", {"q": "zebra crossing"})
    body = response.content.decode()
    assert cards(response) == []
    assert "Nothing matches that yet" in body


def test_the_search_words_are_not_stored_logged_or_put_in_the_address(
    owner_client, loaded_library, caplog
):
    caplog.set_level(logging.DEBUG)
    with CaptureQueriesContext(connection) as queries:
        response = owner_client.post("/scripts/", {"q": "handover secretword81"})
    assert response.status_code == 200  # shown in place: no redirect to a URL with the words
    assert "Location" not in response
    assert 'method="post" action="/scripts/"' in response.content.decode()
    sql = "\n".join(q["sql"] for q in queries.captured_queries)
    assert "secretword81" not in sql  # so not stored: the words never reach the database
    assert "secretword81" not in caplog.text
    assert all("secretword81" not in value for value in response.cookies.values())


def test_each_script_has_a_copy_button_for_its_words(stranger_client, loaded_library):
    body = stranger_client.get("/scripts/").content.decode()
    match = re.search(
        r'data-copy-target="words-no-does-not-work-for-me" data-copy-status="([^"]+)"', body
    )
    assert match
    assert (
        '<blockquote class="script-words" id="words-no-does-not-work-for-me">'
        "<p>That doesn&#x27;t work for me.</p>" in body
    )
    assert f'id="{match.group(1)}" role="status" aria-live="polite"' in body
    assert "scripts/copy.js" in body


def test_a_signed_in_person_is_offered_a_copy_to_personalise(owner_client, loaded_library):
    body = owner_client.get("/scripts/").content.decode()
    assert 'action="/scripts/library/no-does-not-work-for-me/save/"' in body
    assert "Build your own boundary" in body
