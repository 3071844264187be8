import logging
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from scripts.models import Script, Situation

pytestmark = pytest.mark.django_db


def cards(response) -> list[str]:
    """The slugs of the scripts shown (a script may be shown under two situations)."""
    return re.findall(
        r'<article class="card script" id="script-[a-z0-9-]+" data-script="([a-z0-9-]+)"',
        response.content.decode(),
    )


def in_situation(situation: str, **filters) -> set[str]:
    return {s.slug for s in Script.objects.filter(**filters) if situation in s.situations}


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
    assert len(shown) == len(set(shown))
    assert set(shown) == in_situation("work")
    body = response.content.decode()
    assert f"{len(shown)} scripts for “At work”." in body
    assert "Show every situation" in body
    assert '<h2 id="heading-work">At work</h2>' in body
    assert 'id="heading-ending-it"' not in body


def test_filtering_by_tone_and_situation_together(owner_client, loaded_library):
    response = owner_client.post("/scripts/", {"situation": "saying-no", "tone": "firm", "q": ""})
    assert set(cards(response)) == in_situation("saying-no", tone="firm")
    assert 'value="firm" selected' in response.content.decode()


def test_an_unknown_filter_value_just_shows_everything(stranger_client, loaded_library):
    response = stranger_client.get("/scripts/", {"situation": "nonsense", "tone": "<b>"})
    assert response.status_code == 200
    assert set(cards(response)) == set(Script.objects.values_list("slug", flat=True))


def test_search_finds_words_in_the_script_whatever_the_case(stranger_client, loaded_library):
    response = stranger_client.post("/scripts/", {"q": "HANDOVER"})
    assert cards(response) == ["channel-handover-only"]


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
        r'data-copy-target="words-saying-no-no-does-not-work-for-me" data-copy-status="([^"]+)"',
        body,
    )
    assert match
    assert (
        '<blockquote class="script-words" id="words-saying-no-no-does-not-work-for-me">'
        "<p>That doesn&#x27;t work for me.</p>" in body
    )
    assert f'id="{match.group(1)}" role="status" aria-live="polite"' in body
    assert "scripts/copy.js" in body


def test_a_signed_in_person_is_offered_a_copy_to_personalise(owner_client, loaded_library):
    body = owner_client.get("/scripts/").content.decode()
    assert 'action="/scripts/library/no-does-not-work-for-me/save/"' in body
    assert "Build your own boundary" in body


def test_the_library_opens_with_a_choice_of_situations_as_links(stranger_client, loaded_library):
    body = stranger_client.get("/scripts/").content.decode()
    picker = body[
        body.index('id="situations"') : body.index("</ul>", body.index('id="situations"'))
    ]
    labels = re.findall(
        r'href="\?situation=([a-z-]+)#found" data-situation="\1">([^<]+)</a>', picker
    )
    assert [label for _value, label in labels[:4]] == [
        "They got in touch",
        "Ending it",
        "At a family gathering",
        "At work",
    ]
    assert {value for value, _label in labels} == set(Situation.values)
    assert "All situations" in picker
    # The choices come before the long list of scripts.
    assert body.index('id="situations"') < body.index('<article class="card script"')
    assert "scripts/situations.js" in body


def test_each_situation_links_to_its_part_of_the_page(stranger_client, loaded_library):
    body = stranger_client.get("/scripts/").content.decode()
    jump = body[body.index("Jump to a situation") : body.index("</nav>", body.index("Jump to"))]
    targets = re.findall(r'<a href="#situation-([a-z-]+)">', jump)
    assert targets == list(Situation.values)
    for value in targets:
        assert f'<section class="script-group" id="situation-{value}"' in body


def test_a_script_for_two_situations_is_listed_under_both(stranger_client, loaded_library):
    script = Script.objects.get(slug="no-contact-at-the-door")
    assert script.situations == ["no-contact", "got-in-touch"]
    body = stranger_client.get("/scripts/").content.decode()
    assert 'id="script-no-contact-no-contact-at-the-door"' in body
    assert 'id="script-got-in-touch-no-contact-at-the-door"' in body
    shown = stranger_client.get("/scripts/", {"situation": "got-in-touch"})
    assert "no-contact-at-the-door" in cards(shown)


def test_the_chosen_situation_is_marked_for_assistive_technology(stranger_client, loaded_library):
    body = stranger_client.get("/scripts/", {"situation": "family-gatherings"}).content.decode()
    assert re.search(r'data-situation="family-gatherings" aria-current="true">', body)
    assert body.count('aria-current="true"') == 1
    # Only one situation is shown, so there is nothing to jump between.
    assert "Jump to a situation" not in body
