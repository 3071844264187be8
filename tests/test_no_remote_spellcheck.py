"""What a member types stays on the page: no browser spellcheck that may send it away.

Chrome's enhanced spellcheck sends the text of a field it checks to a remote
service, so every text box on a feature's private pages turns spellcheck off.
The pages are those each feature declares (`private_pages` in its feature.py).
"""

import re

import pytest

from core import features

pytestmark = pytest.mark.django_db

TEXT_BOX = re.compile(
    r'<textarea\b[^>]*>|<input\b(?![^>]*type="(?:hidden|submit|button|radio|checkbox)")[^>]*>'
)


def text_boxes(body: str) -> list[str]:
    return TEXT_BOX.findall(body)


PRIVATE_PAGES = [
    pytest.param(feature.app, page, id=features.page_name(page))
    for feature in features.all_features()
    for page in feature.private_pages
]


@pytest.mark.parametrize(("app", "page"), PRIVATE_PAGES)
def test_no_text_box_on_a_private_page_is_spellchecked(owner_client, app, page):
    response = owner_client.get(features.page_url(page))
    assert response.status_code == 200
    for tag in text_boxes(response.content.decode()):
        assert 'spellcheck="false"' in tag, tag


@pytest.mark.parametrize(
    "feature", [f for f in features.all_features() if f.models], ids=lambda f: f.app
)
def test_every_feature_keeping_private_words_has_a_text_box_on_its_pages(owner_client, feature):
    """Otherwise the check above would pass for a feature by looking at nothing."""
    boxes = []
    for page in feature.private_pages:
        boxes += text_boxes(owner_client.get(features.page_url(page)).content.decode())
    assert boxes, f"{feature.app} declares no private page with a text box"
