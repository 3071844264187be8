"""Where the guide mentions another part of itself or one of Haven's tools, the
reader can tap it: every such mention is a link, and every link leads somewhere."""

import re
import shutil
from html import unescape

import pytest

from guide import content_files, references


def problems_in(folder=content_files.CONTENT_DIR) -> list[str]:
    """Every unlinked reference and every link to nowhere, as file:line: problem."""
    files = content_files.read_all(folder)
    titles = [file.title for file in files]
    slugs = [file.slug for file in files]
    found = []
    for file in files:
        body, first = file.doc.body, file.doc.body_line
        for problem in references.unlinked(body, titles, first) + references.wrong_targets(
            body, slugs, first
        ):
            found.append(problem.where(file.name))
    return found


def test_every_mention_of_a_guide_part_or_a_tool_is_a_working_link():
    assert problems_in() == []


def test_an_unlinked_mention_in_a_content_file_is_found_with_its_line(tmp_path):
    folder = tmp_path / "content"
    shutil.copytree(content_files.CONTENT_DIR, folder)
    first = folder / "01-why-leaving-is-hard.md"
    text = first.read_text()
    assert '["Safety first"](/guide/safety-first/)' in text
    first.write_text(text.replace('["Safety first"](/guide/safety-first/)', '"Safety first"'))
    line = 1 + text.split("\n").index(
        next(row for row in text.split("\n") if '["Safety first"]' in row)
    )

    assert problems_in(folder) == [
        f'01-why-leaving-is-hard.md:{line}: "Safety first" points at a part of the guide; '
        "make it a link"
    ]


BAD = """\
If you are afraid, read "Safety first" now.
If you are afraid, read "Safty first" now.
Come back to "Reconciliation: if at all" later.
The next part of this guide is about money.
Keep your safety plan somewhere safe. Look at your reasons. Start a budget.
Haven's relationship check and the danger screen are private.
[Safety first](/guide/safety-first/) is linked, and so is [your safety plan](/safety-plan/).
## Your safety plan, as a heading
"""


def test_the_check_names_each_unlinked_mention_in_a_bad_example():
    found = references.unlinked(BAD, ["Safety first", "Reconciliation: if at all"], first_line=10)
    assert [(p.line, re.search(r'"([^"]+)"', p.problem).group(1)) for p in found] == [
        (10, "Safety first"),
        (11, "Safty first"),
        (12, "Reconciliation: if at all"),
        (13, "next part of this guide"),
        (14, "safety plan"),
        (14, "your reasons"),
        (14, "budget"),
        (15, "relationship check"),
        (15, "danger screen"),
    ]


def test_the_check_names_each_link_that_leads_nowhere_in_a_bad_example():
    bad = (
        "Read [Safety first](/guide/safety-frist/).\n"
        "Try [the planner](/no-such-page/).\n"
        "Keep your [safety plan](/guide/safety-first/).\n"
        "Read [Safety first](/guide/safety-first/) and [the help lines](#help-lines).\n"
    )
    found = references.wrong_targets(bad, ["safety-first"])
    assert [p.where("bad.md") for p in found] == [
        "bad.md:1: /guide/safety-frist/: there is no such part of the guide",
        "bad.md:2: /no-such-page/ is not a page of Haven",
        'bad.md:3: "safety plan" names a Haven tool but links to /guide/safety-first/, '
        "not to plan:safety",
    ]


@pytest.mark.django_db
def test_each_link_on_the_rendered_guide_pages_opens_a_page(guide, stranger_client):
    opened = {}
    for section in guide:
        page = stranger_client.get(f"/guide/{section.slug}/").content.decode()
        for href in re.findall(r'<a href="([^"]+)"', section.body_html):
            href = unescape(href)
            if href.startswith("#"):
                assert f'id="{href[1:]}"' in page, f"{section.slug}: {href} is not on the page"
                continue
            assert href.startswith("/"), f"{section.slug}: {href} leads away from Haven"
            if href not in opened:
                response = stranger_client.get(href)
                # A tool of one's own asks a stranger to sign in first; that is a page too.
                if response.status_code == 302:
                    assert response["Location"].startswith("/sign-in/"), href
                else:
                    assert response.status_code == 200, href
                opened[href] = response.status_code
    assert "/guide/safety-first/" in opened
    assert "/safety-plan/" in opened


def visible_text_outside_links(page: str) -> str:
    """The words of <main> a reader sees, less links and headings, one block a line."""
    main = page[page.index("<main") : page.index("</main>")]
    for unlinked_part in (r"<a\b.*?</a>", r"<h([1-6])\b.*?</h\1>", r"<(script|style)\b.*?</\1>"):
        main = re.sub(unlinked_part, " ", main, flags=re.S)
    text = unescape(re.sub(r"<[^>]+>", "\n", main))
    return text.replace("“", '"').replace("”", '"')


@pytest.mark.django_db
def test_the_rendered_guide_pages_mention_no_part_or_tool_without_a_link(guide, stranger_client):
    titles = [section.title for section in guide]
    paths = ["/guide/", "/guide/for-supporters/", *(f"/guide/{s.slug}/" for s in guide)]
    found = []
    for path in paths:
        page = stranger_client.get(path).content.decode()
        found += [
            f"{path}: {problem.problem}"
            for problem in references.unlinked(visible_text_outside_links(page), titles)
        ]
    assert found == []

    # The same reading of a page finds a mention that is not a link.
    bad = "<main><p>Please read “Safety first”, then your safety plan.</p></main>"
    assert [p.problem for p in references.unlinked(visible_text_outside_links(bad), titles)] == [
        '"Safety first" points at a part of the guide; make it a link',
        '"safety plan" names a Haven tool; link it to plan:safety',
    ]
