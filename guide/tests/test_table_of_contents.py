"""The guide's front page: every section, in order, with its reading time."""

import re


def test_the_contents_list_all_seventeen_sections_in_order(guide, stranger_client):
    page = stranger_client.get("/guide/")
    assert page.status_code == 200
    body = page.content.decode()
    links = re.findall(r'href="/guide/([a-z0-9-]+)/"><span class="guide-number">(\d+)\.', body)
    assert [int(number) for _slug, number in links] == list(range(1, 18))
    assert [slug for slug, _n in links] == [s.slug for s in guide]


def test_the_contents_show_each_summary_and_reading_time(guide, stranger_client):
    body = stranger_client.get("/guide/").content.decode().replace("&#x27;", "'")
    for section in guide:
        assert section.summary in body
    assert body.count("minutes to read") + body.count("minute to read") >= 17
    total = sum(s.reading_minutes for s in guide)
    assert f"The whole guide takes about {total} minutes to read." in body


def test_the_contents_link_to_the_page_for_supporters(guide, stranger_client):
    body = stranger_client.get("/guide/").content.decode()
    assert 'href="/guide/for-supporters/"' in body


def test_before_the_guide_is_loaded_the_page_says_so_kindly(db, stranger_client):
    page = stranger_client.get("/guide/")
    assert page.status_code == 200
    assert "still being set up" in page.content.decode()
