"""The guide never tells anyone to "just leave": the phrase appears only where
the page for supporters asks them not to say it."""

import html
import re

from guide import content_files

PHRASE = re.compile(r"just\s+leave", re.IGNORECASE)
ALLOWED_PAGES = {"/guide/for-supporters/", "/guide/loved-ones/", "/guide/loved-ones/print/"}


def visible_text(page) -> str:
    body = page.content.decode().split("<main", 1)[1]
    text = html.unescape(re.sub(r"<[^>]+>", " ", body))
    text = text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text)


def every_guide_page(guide):
    yield "/guide/"
    yield "/guide/for-supporters/"
    for section in guide:
        yield f"/guide/{section.slug}/"
        yield f"/guide/{section.slug}/print/"


def test_just_leave_appears_only_as_something_not_to_say(guide, stranger_client):
    seen_on = set()
    for path in every_guide_page(guide):
        text = visible_text(stranger_client.get(path))
        for found in PHRASE.finditer(text):
            seen_on.add(path)
            before = text[max(0, found.start() - 20) : found.start()].lower()
            assert path in ALLOWED_PAGES, f'"just leave" on {path}'
            assert re.search(r"(don't|do not|never) say \"?$", before), f"{path}: ...{before}"
    assert "/guide/for-supporters/" in seen_on  # the supporters page does name it, to warn


def test_only_the_loved_ones_file_names_the_phrase(db):
    for file in content_files.read_all():
        if PHRASE.search(file.body + file.summary + file.title):
            assert file.slug == "loved-ones", file.name


def test_every_section_that_can_involve_danger_points_to_safety_first(db):
    # Safety before explanation: sections about risky steps open with it.
    for file in content_files.read_all():
        if file.slug in {"why-leaving-is-hard", "recognising-the-pattern", "preparing-to-leave"}:
            opening = file.body.split("\n\n", 1)[0]
            assert "Safety first" in opening or "danger" in opening, file.name
