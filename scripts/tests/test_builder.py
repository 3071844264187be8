import re

import pytest

from scripts.models import MyScript

pytestmark = pytest.mark.django_db


def sentence(body: str) -> str:
    """The preview as a person reads it: tags removed, spaces tidied."""
    fragment = body.split('id="preview-words">')[1].split("</p>")[0]
    return " ".join(re.sub(r"<[^>]+>", "", fragment).split())


PARTS = {
    "feel": "on edge",
    "when": "read my messages",
    "need": "my phone to stay mine",
    "then": "keep it locked and with me",
}


def test_the_builder_asks_for_four_parts_with_examples(owner_client):
    body = owner_client.get("/scripts/builder/").content.decode()
    for label in ("I feel …", "when you …", "I need …", "If it happens again, I will …"):
        assert label in body
    assert "Some examples to start from" in body
    assert 'data-draft="script-builder"' in body


def test_preview_shows_the_whole_sentence_without_saving(owner_client):
    response = owner_client.post("/scripts/builder/", {"action": "preview", **PARTS})
    body = response.content.decode()
    assert "Here is your boundary, in full" in body
    assert sentence(body) == (
        "I feel on edge when you read my messages. I need my phone to stay mine. "
        "If it happens again, I will keep it locked and with me."
    )
    assert MyScript.objects.count() == 0


def test_saving_keeps_the_script_and_shows_it_in_my_scripts(owner_client):
    response = owner_client.post(
        "/scripts/builder/", {"action": "save", "title": "Phone", "situation": "work", **PARTS}
    )
    assert response.status_code == 302
    assert response["Location"] == "/scripts/mine/"
    body = owner_client.get("/scripts/mine/").content.decode()
    assert "Phone" in body
    assert "At work" in body
    assert '<span data-part="when">read my messages</span>' in body


def test_words_typed_twice_are_not_doubled_in_the_sentence(owner_client):
    parts = {**PARTS, "feel": "I feel scared.", "then": "If it happens again, I will leave."}
    owner_client.post("/scripts/builder/", {"action": "save", **parts})
    body = owner_client.get("/scripts/mine/").content.decode()
    assert '<span data-part="feel">scared</span>' in body
    assert '<span data-part="then">leave</span>.' in body


def test_the_last_part_can_wait_for_later(owner_client):
    owner_client.post("/scripts/builder/", {"action": "save", **{**PARTS, "then": ""}})
    body = owner_client.get("/scripts/mine/").content.decode()
    assert '<span data-clause="then" hidden>' in body


def test_the_saved_script_is_sealed(owner_client):
    owner_client.post(
        "/scripts/builder/",
        {"action": "save", "title": "title 9913", **{k: f"{v} 9913" for k, v in PARTS.items()}},
    )
    stored = bytes(MyScript.objects.get().content)
    assert b"9913" not in stored
    assert b"messages" not in stored


def test_a_missing_part_is_asked_for_kindly_and_typed_words_stay(owner_client):
    response = owner_client.post(
        "/scripts/builder/",
        {"action": "save", "title": "keep this title", "feel": "tired", "when": "", "need": ""},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "This part is still empty. A few words is enough." in body
    assert 'value="keep this title"' in body
    assert "\ntired</textarea>" in body
    assert MyScript.objects.count() == 0


def test_a_part_that_is_too_long_keeps_what_was_typed(owner_client):
    response = owner_client.post(
        "/scripts/builder/", {"action": "save", **{**PARTS, "need": "quiet " * 120}}
    )
    body = response.content.decode()
    assert "Could you say it in fewer words?" in body
    assert "quiet quiet quiet" in body


def test_an_unfinished_boundary_is_kept_as_a_draft(owner_client):
    owner_client.post("/drafts/script-builder/", {"feel": "half-written feeling"})
    body = owner_client.get("/scripts/builder/").content.decode()
    assert "half-written feeling" in body
    assert "We kept what you were writing last time." in body
    owner_client.post("/scripts/builder/", {"action": "save", **PARTS})
    assert "half-written feeling" not in owner_client.get("/scripts/builder/").content.decode()


def test_strangers_are_sent_to_sign_in(stranger_client):
    for url in ("/scripts/builder/", "/scripts/mine/"):
        response = stranger_client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/sign-in/")
