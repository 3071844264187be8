"""The scenes page: everyday moments in Haven's words, reached from the relationship check."""

import re

from assess.tests.helpers import take_check

SCENES = "/guide/scenes-you-might-recognise/"


def test_the_scenes_page_holds_short_scenes_from_each_kind_of_relationship(guide, stranger_client):
    response = stranger_client.get(SCENES)
    assert response.status_code == 200
    body = response.content.decode()
    for heading in ("With a partner", "With family", "At work"):
        assert heading in body
    scenes = re.findall(r"<p><strong>(.*?)</strong>(.*?)</p>", body, re.S)
    assert 8 <= len(scenes) <= 12
    for title, text in scenes:
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]
        assert 2 <= len(sentences) <= 4, title
        assert "If this sounds familiar" in sentences[-1], title


def test_the_relationship_checks_result_leads_to_the_scenes(guide, client):
    body = take_check(client, putdowns="often").content.decode()
    assert f'href="{SCENES}"' in body
    assert "scenes you might recognise" in body
