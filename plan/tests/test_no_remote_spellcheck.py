"""What a member types stays on the page: no browser spellcheck that may send it away.

Chrome's enhanced spellcheck sends the text of a field it checks to a remote
service, so every private box turns spellcheck off.
"""

import re

import pytest

pytestmark = pytest.mark.django_db

TEXT_BOX = re.compile(
    r'<textarea\b[^>]*>|<input\b(?![^>]*type="(?:hidden|submit|button|radio|checkbox)")[^>]*>'
)


def text_boxes(body: str) -> list[str]:
    return TEXT_BOX.findall(body)


def box_named(body: str, name: str) -> str:
    return next(tag for tag in text_boxes(body) if f'name="{name}"' in tag)


def test_the_reasons_box_is_not_spellchecked(owner_client):
    tag = box_named(owner_client.get("/reasons/").content.decode(), "text")
    assert tag.startswith("<textarea")
    assert 'spellcheck="false"' in tag


def test_a_safety_plan_note_is_not_spellchecked(owner_client):
    tag = box_named(owner_client.get("/safety-plan/").content.decode(), "sec-note")
    assert tag.startswith("<textarea")
    assert 'spellcheck="false"' in tag


@pytest.mark.parametrize(
    "path",
    [
        "/reasons/",
        "/safety-plan/",
        "/exit-plan/1/",
        "/check/reconciliation/",
        "/check/reconciliation/if-you-go-ahead/",
        "/scripts/builder/",
        "/money/budget/",
        "/money/emergency-fund/",
        "/money/paperwork/",
        "/money/separate-account/",
    ],
)
def test_no_private_box_on_the_page_is_spellchecked(owner_client, path):
    boxes = text_boxes(owner_client.get(path).content.decode())
    assert boxes, path
    for tag in boxes:
        assert 'spellcheck="false"' in tag, tag
