"""Reading one section: reading time, the way on, and the tools that act on it."""

from django.test import Client


def test_a_section_shows_its_reading_time_and_place_in_the_guide(guide, stranger_client):
    section = guide.get(number=4)
    body = stranger_client.get(f"/guide/{section.slug}/").content.decode()
    assert f"About {section.reading_minutes} minutes to read" in body
    assert "Part 4 of 17" in body


def test_previous_and_next_lead_through_the_guide_in_order(guide, stranger_client):
    body = stranger_client.get("/guide/preparing-to-leave/").content.decode()
    assert 'href="/guide/safety-first/" rel="prev"' in body
    assert 'href="/guide/words-for-hard-moments/" rel="next"' in body
    first = stranger_client.get("/guide/why-leaving-is-hard/").content.decode()
    assert 'rel="prev"' not in first
    last = stranger_client.get("/guide/scenes-you-might-recognise/").content.decode()
    assert 'rel="next"' not in last


def test_sections_link_to_the_tools_that_act_on_them(guide, stranger_client):
    expected = {
        "why-leaving-is-hard": ("Try the relationship check", "/check/relationship/"),
        "recognising-the-pattern": ("Try the relationship check", "/check/relationship/"),
        "safety-first": ("Build your safety plan", "/safety-plan/"),
        "preparing-to-leave": ("Make your exit plan", "/exit-plan/"),
        "words-for-hard-moments": ("Find words that help", "/scripts/"),
        "reconciliation": ("Track change over time", "/check/reconciliation/"),
        "loved-ones": ("Open the page for friends and family", "/guide/for-supporters/"),
    }
    for slug, (label, path) in expected.items():
        body = stranger_client.get(f"/guide/{slug}/").content.decode()
        assert f'href="{path}">{label}</a>' in body, slug


def test_a_stranger_is_told_that_some_tools_need_a_private_space(guide, stranger_client):
    body = stranger_client.get("/guide/safety-first/").content.decode().replace("&#x27;", "'")
    assert "may ask you to create one or sign in first" in body


def test_a_signed_in_member_reads_the_same_section(guide, owner_client):
    body = owner_client.get("/guide/safety-first/").content.decode()
    assert "Build your safety plan" in body
    assert "may ask you to create one" not in body


def test_the_safety_section_shows_help_lines(guide, stranger_client):
    body = stranger_client.get("/guide/safety-first/").content.decode()
    assert "help-lines" in body
    assert "help-lines" not in stranger_client.get("/guide/daily-tools/").content.decode()


def test_the_safety_section_puts_emergency_help_before_any_explanation(guide):
    section = guide.get(slug="safety-first")
    assert section.body_text.startswith("If you are in danger right now, call your local")


def test_an_unknown_section_is_a_plain_not_found(guide):
    assert Client().get("/guide/no-such-part/").status_code == 404
    assert Client().get("/guide/no-such-part/print/").status_code == 404


def test_section_pages_are_only_read_not_posted_to(guide, stranger_client):
    assert stranger_client.post("/guide/safety-first/").status_code == 405
