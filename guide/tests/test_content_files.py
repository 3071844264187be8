"""Every section of the guide ships as a content file that loads and renders."""

import re

import pytest

from core.content import ContentError
from guide import content_files
from guide.models import Section


def test_there_is_one_content_file_for_each_of_the_seventeen_sections():
    files = content_files.read_all()
    assert [f.number for f in files] == list(range(1, 18))
    assert len({f.slug for f in files}) == 17


def test_each_section_is_substantial_but_readable():
    for file in content_files.read_all():
        words = len(file.body.split())
        assert 250 <= words <= 700, f"{file.name} has {words} words"
        assert file.summary and file.title


def test_every_file_loads_and_its_page_renders(guide, stranger_client):
    assert guide.count() == 17
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
        (
            "number: 1\nslug: wrong-slug\ntitle: T\nsummary: S\nversion: 1",
            "01-sample.md:3: slug: must match the file name (01-sample.md)",
        ),
        (
            "number: 1\nslug: sample\ntitle: T\nsummary: S",
            "01-sample.md:2: version: this is needed but missing",
        ),
        (
            "number: 1\nslug: sample\ntitle: T\nsummary: S\nversion: one",
            "01-sample.md:6: version: must be a whole number, like 3 (it says 'one')",
        ),
        (
            "number: 1\nslug: sample\ntitle: T\nsummary: S\nversion: 1\n"
            "tools:\n  - label: Away\n    path: https://example.com/",
            "01-sample.md:7: tools: the tool 'Away' must link inside Haven",
        ),
        (
            "number: 1\nslug: sample\ntitle: T\nsumary: S\nversion: 1",
            "01-sample.md:5: sumary: this name is not one the file may use (a typo?)",
        ),
    ],
)
def test_a_broken_content_file_is_refused_naming_the_line_and_the_field(
    tmp_path, front_matter, problem
):
    path = tmp_path / "01-sample.md"
    path.write_text(f"---\n{front_matter}\n---\nSome words.\n")
    with pytest.raises(ContentError) as refused:
        content_files.read_file(path)
    assert str(refused.value) == f"{tmp_path}/{problem}"


def test_an_empty_body_is_refused_at_the_line_where_the_body_starts(tmp_path):
    path = tmp_path / "01-sample.md"
    path.write_text("---\nnumber: 1\nslug: sample\ntitle: T\nsummary: S\nversion: 1\n---\n\n")
    with pytest.raises(ContentError, match=r"01-sample.md:8: body: the body is empty"):
        content_files.read_file(path)
