"""Loading the guide: safe to run on every start, and it never silently undoes an
operator's edit."""

import re
import shutil
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from guide import content_files, search
from guide.models import Section


def load(folder=None, force=False):
    out = StringIO()
    args = ["--folder", str(folder)] if folder else []
    if force:
        args.append("--force")
    call_command("load_guide", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def content(tmp_path):
    folder = tmp_path / "content"
    shutil.copytree(content_files.CONTENT_DIR, folder)
    return folder


def bump(folder, name, new_text=None):
    path = folder / name
    text = path.read_text()
    text = text.replace("\nversion: 1\n", "\nversion: 2\n", 1)
    if new_text:
        text = text.rstrip("\n") + "\n\n" + new_text + "\n"
    path.write_text(text)


def edit_in_the_admin(section, **changes):
    """What saving the section in the admin does (see test_admin for the real form)."""
    for name, value in changes.items():
        setattr(section, name, value)
    section.edited_by_operator = True
    section.save()


def test_the_first_run_adds_all_seventeen_sections(db):
    output = load()
    assert Section.objects.count() == 17
    assert "Guide, 17 sections: 17 added." in output


def test_running_it_again_changes_nothing(db):
    load()
    before = {s.slug: (s.updated_at, s.body_html) for s in Section.objects.all()}
    output = load()
    assert "Guide, 17 sections: 17 unchanged." in output
    after = {s.slug: (s.updated_at, s.body_html) for s in Section.objects.all()}
    assert after == before
    assert search.search("eggshells")


def test_a_newer_file_updates_its_section(db, content):
    load(content)
    bump(content, "12-daily-tools.md", "Try humming a song you love.")
    output = load(content)
    section = Section.objects.get(slug="daily-tools")
    assert section.source_version == 2
    assert "humming" in section.body_html
    assert "1 updated, 16 unchanged" in output
    assert [s.slug for s, _ in search.search("humming")] == ["daily-tools"]


def test_an_edit_made_in_the_admin_is_kept_when_the_file_is_newer(db, content):
    load(content)
    section = Section.objects.get(slug="daily-tools")
    edit_in_the_admin(section, body_markdown="An operator's own words about grounding.")
    bump(content, "12-daily-tools.md", "Try humming a song you love.")
    output = load(content)
    section.refresh_from_db()
    assert section.body_markdown == "An operator's own words about grounding."
    assert section.source_version == 1
    assert "1 kept as edited in the admin" in output
    assert "Kept as edited in the admin: daily-tools (--force replaces them" in output


def test_an_edit_made_in_the_admin_survives_every_ordinary_run(db, content):
    load(content)
    edit_in_the_admin(Section.objects.get(slug="safety-first"), title="Your safety first")
    load(content)
    load(content)
    assert Section.objects.get(slug="safety-first").title == "Your safety first"


def test_force_replaces_an_admin_edit_with_the_file(db, content):
    load(content)
    section = Section.objects.get(slug="daily-tools")
    edit_in_the_admin(section, body_markdown="An operator's own words.")
    output = load(content, force=True)
    section.refresh_from_db()
    assert "Checking the facts" in section.body_markdown
    assert not section.edited_by_operator
    assert "1 updated, 16 unchanged" in output


def test_a_corrected_file_is_loaded_even_when_its_version_was_not_raised(db, content):
    # The file is the truth: a fix must never wait on a forgotten version number.
    load(content)
    path = content / "12-daily-tools.md"
    path.write_text(path.read_text() + "\nA new line.\n")
    output = load(content)
    assert "A new line" in Section.objects.get(slug="daily-tools").body_markdown
    assert "1 updated" in output


def test_a_section_whose_file_is_gone_is_removed_unless_an_operator_edited_it(db, content):
    load(content)
    edit_in_the_admin(Section.objects.get(slug="questions"), title="Your questions")
    (content / "16-questions.md").unlink()
    (content / "15-community.md").unlink()
    output = load(content)
    assert "Guide, 15 sections: 15 unchanged, 1 removed." in output
    assert not Section.objects.filter(slug="community").exists()
    assert Section.objects.get(slug="questions").title == "Your questions"
    assert not [s for s, _ in search.search("community") if s.slug == "community"]


def test_a_section_an_operator_added_in_the_admin_stays(db, content):
    load(content)
    edit_in_the_admin(
        Section(number=40, slug="our-town", title="In our town", body_markdown="Words.")
    )
    output = load(content, force=True)
    assert Section.objects.filter(slug="our-town").exists()
    assert "removed" not in output


def test_a_broken_file_stops_the_load_with_a_clear_message(db, content):
    (content / "18-extra.md").write_text("no front matter here")
    with pytest.raises(CommandError, match="18-extra.md:1: it must start with front matter"):
        load(content)
    assert Section.objects.count() == 0


def test_a_slug_that_would_hide_a_guide_page_is_refused(db, content):
    (content / "18-search.md").write_text(
        "---\nnumber: 18\nslug: search\ntitle: T\nsummary: S\nversion: 1\n---\nWords.\n"
    )
    with pytest.raises(CommandError, match="18-search.md:3: slug: the slug 'search' is taken"):
        load(content)


def renumber(folder, name, number, version=2):
    """Give a section a new number (and a new version)."""
    path = folder / name
    slug = name[3:-3]
    text = path.read_text().replace("\nversion: 1\n", f"\nversion: {version}\n", 1)
    text = re.sub(r"\Anumber: \d+\n", "", text[4:])
    (folder / f"{number:02d}-{slug}.md").write_text(f"---\nnumber: {number}\n{text}")
    path.unlink()


def test_two_sections_can_swap_places(db, content, stranger_client):
    load(content)
    renumber(content, "03-safety-first.md", 4)
    renumber(content, "04-preparing-to-leave.md", 3)
    output = load(content)
    assert "2 updated, 15 unchanged" in output
    assert Section.objects.get(slug="safety-first").number == 4
    assert Section.objects.get(slug="preparing-to-leave").number == 3
    contents = stranger_client.get("/guide/").content.decode().split('class="guide-toc"')[1]
    assert contents.index("/guide/preparing-to-leave/") < contents.index("/guide/safety-first/")
    assert [s.slug for s, _ in search.search("checklist")][:1] == ["safety-first"]


def test_a_new_section_can_take_the_number_another_one_moves_away_from(db, content):
    load(content)
    renumber(content, "16-questions.md", 18)
    (content / "16-new-words.md").write_text(
        "---\nnumber: 16\nslug: new-words\ntitle: New words\nsummary: S\nversion: 1\n---\nWords.\n"
    )
    load(content)
    assert Section.objects.get(slug="questions").number == 18
    assert Section.objects.get(slug="new-words").number == 16


def test_a_move_onto_the_number_of_an_edited_section_is_explained_and_changes_nothing(db, content):
    load(content)
    edit_in_the_admin(Section.objects.get(slug="preparing-to-leave"), title="Getting ready")
    renumber(content, "03-safety-first.md", 4)
    renumber(content, "04-preparing-to-leave.md", 3)
    with pytest.raises(
        CommandError,
        match=r"04-safety-first.md:2: number: section 4 is still stored with the slug "
        r"'preparing-to-leave', which was edited in the admin and is kept",
    ):
        load(content)
    assert Section.objects.get(slug="safety-first").number == 3
    assert Section.objects.get(slug="preparing-to-leave").number == 4
