"""Every section of the guide ships as a content file that loads and renders."""

import re

import pytest

from guide import loading
from guide.models import Section


def test_there_is_one_content_file_for_each_of_the_sixteen_sections():
    files = loading.read_all()
    assert [f.number for f in files] == list(range(1, 17))
    assert len({f.slug for f in files}) == 16


def test_each_section_is_substantial_but_readable():
    for file in loading.read_all():
        words = len(file.body.split())
        assert 250 <= words <= 700, f"{file.name} has {words} words"
        assert file.summary and file.title


def test_every_file_loads_and_its_page_renders(guide, stranger_client):
    assert guide.count() == 16
    for section in guide:
        page = stranger_client.get(f"/guide/{section.slug}/")
        assert page.status_code == 200, section.slug
        body = page.content.decode()
        assert f"<h1>{section.title}</h1>" in body.replace("&#x27;", "'")
        assert "<h2>" in section.body_html
        # The first words of the body reach the page as text, not as Markdown.
        first_words = " ".join(section.body_text.split()[:4])
        assert first_words in re.sub(r"<[^>]+>", "", body).replace("&#x27;", "'").replace(
            "&quot;", '"'
        )


def test_markdown_becomes_clean_html_with_nothing_unsafe(db):
    section = Section.objects.create(
        number=99,
        slug="unsafe",
        title="Test",
        body_markdown="## Heading\n\n<script>alert(1)</script>\n\n[link](javascript:alert(1)) "
        '<img src=x onerror="alert(1)"> **bold**',
    )
    assert "<h2>Heading</h2>" in section.body_html
    assert "<strong>bold</strong>" in section.body_html
    for unsafe in ("<script", "javascript:", "onerror", "<img"):
        assert unsafe not in section.body_html


@pytest.mark.parametrize(
    ("front_matter", "problem"),
    [
        ("number: 1\nslug: wrong-slug\ntitle: T\nsummary: S\nversion: 1", "match the file name"),
        ("number: 1\nslug: sample\ntitle: T\nsummary: S", "needs version"),
        ("number: 1\nslug: sample\ntitle: T\nsummary: S\nversion: one", "whole number"),
        (
            "number: 1\nslug: sample\ntitle: T\nsummary: S\nversion: 1\n"
            "tools:\n  - label: Away\n    path: https://example.com/",
            "inside Haven",
        ),
    ],
)
def test_a_broken_content_file_is_refused_with_a_clear_reason(tmp_path, front_matter, problem):
    path = tmp_path / "01-sample.md"
    path.write_text(f"---\n{front_matter}\n---\nSome words.\n")
    with pytest.raises(loading.ContentError, match=problem):
        loading.read_file(path)
