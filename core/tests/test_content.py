"""Every mistake in a content file is refused with its file, its line and its field."""

from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from pydantic import Field

from core import content


class Entry(content.ContentModel):
    slug: content.Slug
    name: content.Text = Field(min_length=1, max_length=20)
    phone: content.Text = ""
    checked_on: content.Day = None
    well_known: bool = False


class ExampleFile(content.ContentModel):
    version: content.Version
    entries: list[Entry] = []


GOOD = """\
version: 2
entries:
  - slug: first
    name: First line
    phone: 0800 111
  - slug: second
    name: Second line
    phone: 112
    checked_on: 2025-03-01
"""


def read(tmp_path, text, name="example.yaml"):
    path = tmp_path / name
    path.write_text(text)
    doc = content.read_yaml(path, ExampleFile)
    content.unique(doc, [(("entries", n, "slug"), e.slug) for n, e in enumerate(doc.data.entries)])
    return doc


def refusal(tmp_path, text) -> str:
    with pytest.raises(content.ContentError) as refused:
        read(tmp_path, text)
    return str(refused.value)


def test_a_good_file_reads_as_typed_values(tmp_path):
    doc = read(tmp_path, GOOD)
    assert doc.data.version == 2
    first, second = doc.data.entries
    assert (first.slug, first.phone, first.checked_on) == ("first", "0800 111", None)
    # A number written without quotes is still text; a date is a date.
    assert (second.phone, second.checked_on) == ("112", date(2025, 3, 1))
    assert doc.line(("entries", 1, "checked_on")) == 9


def test_a_missing_field_names_the_entry_it_is_missing_from(tmp_path):
    text = GOOD.replace("    name: Second line\n", "")
    assert refusal(tmp_path, text) == (
        f"{tmp_path}/example.yaml:6: entries[1].name: this is needed but missing"
    )


def test_a_wrong_type_names_its_line_and_what_it_says(tmp_path):
    text = GOOD.replace("version: 2", "version: two")
    assert refusal(tmp_path, text) == (
        f"{tmp_path}/example.yaml:1: version: must be a whole number, like 3 (it says 'two')"
    )


def test_a_list_where_text_belongs_is_refused(tmp_path):
    text = GOOD.replace("name: First line", "name: [First, line]")
    assert refusal(tmp_path, text) == f"{tmp_path}/example.yaml:4: entries[0].name: must be text"


def test_true_or_false_where_text_belongs_is_refused(tmp_path):
    text = GOOD.replace("phone: 112", "phone: yes")
    assert refusal(tmp_path, text) == (
        f"{tmp_path}/example.yaml:8: entries[1].phone: must be text (it says true)"
    )


@pytest.mark.parametrize("day", ["2025-02-30", "01/03/2025", "'March 1st'", "20250301"])
def test_a_bad_date_is_refused_at_its_line(tmp_path, day):
    text = GOOD.replace("checked_on: 2025-03-01", f"checked_on: {day}")
    message = refusal(tmp_path, text)
    assert message.startswith(f"{tmp_path}/example.yaml:9: entries[1].checked_on: ")
    assert "must be a date written as YYYY-MM-DD" in message


def test_a_slug_used_twice_names_both_lines(tmp_path):
    text = GOOD.replace("slug: second", "slug: first")
    assert refusal(tmp_path, text) == (
        f"{tmp_path}/example.yaml:6: entries[1].slug: the slug 'first' is already used on "
        "line 3; each needs its own"
    )


def test_bad_yaml_syntax_names_the_line_and_the_field_written_there(tmp_path):
    # The quote opened on line 8 never closes.
    text = GOOD.replace("    phone: 112\n", '    phone: "112\n')
    assert refusal(tmp_path, text) == (
        f"{tmp_path}/example.yaml:8: phone: this is not valid YAML: it never closes (the file ends)"
    )


def test_a_line_that_breaks_the_indentation_is_refused_at_that_line(tmp_path):
    text = GOOD.replace("    name: Second line", "   name: Second line")
    message = refusal(tmp_path, text)
    assert message.startswith(f"{tmp_path}/example.yaml:7: name: this is not valid YAML: ")


def test_an_unclosed_bracket_is_refused_as_yaml(tmp_path):
    assert refusal(tmp_path, "version: 1\nentries: [\n") == (
        f"{tmp_path}/example.yaml:3: this is not valid YAML: expected the node content, "
        "but found the end of the file"
    )


def test_a_misspelt_name_is_pointed_out_rather_than_ignored(tmp_path):
    text = GOOD.replace("phone: 0800 111", "phnoe: 0800 111")
    assert refusal(tmp_path, text) == (
        f"{tmp_path}/example.yaml:5: entries[0].phnoe: this name is not one the file may use "
        "(a typo?)"
    )


def test_a_name_given_twice_in_one_entry_is_refused(tmp_path):
    text = GOOD.replace("    phone: 112\n", "    phone: 112\n    phone: 999\n")
    assert refusal(tmp_path, text) == (
        f"{tmp_path}/example.yaml:9: entries[1].phone: this name is given twice in the same entry"
    )


def test_text_longer_than_allowed_says_how_long_it_is(tmp_path):
    text = GOOD.replace("name: First line", "name: " + "x" * 21)
    assert refusal(tmp_path, text) == (
        f"{tmp_path}/example.yaml:4: entries[0].name: is 21 characters; the most is 20"
    )


def test_an_empty_or_missing_file_is_refused_clearly(tmp_path):
    assert refusal(tmp_path, "") == (
        f"{tmp_path}/example.yaml:1: must be a set of name: value lines"
    )
    with pytest.raises(content.ContentError, match="missing.yaml: there is no such file"):
        content.read_yaml(tmp_path / "missing.yaml", ExampleFile)


def test_a_file_in_the_project_is_named_from_the_project_folder():
    path = Path(settings.BASE_DIR) / "resources" / "data" / "helplines.yaml"
    error = content.ContentError(path, 42, "international[3].phone", "must be text")
    assert str(error) == "resources/data/helplines.yaml:42: international[3].phone: must be text"


class FrontMatter(content.ContentModel):
    title: content.Text = Field(min_length=1)
    version: content.Version


def test_markdown_front_matter_errors_count_lines_from_the_top_of_the_file(tmp_path):
    path = tmp_path / "page.md"
    path.write_text("---\ntitle: A page\nversion: -1\n---\nThe body.\n")
    with pytest.raises(content.ContentError) as refused:
        content.read_markdown(path, FrontMatter)
    assert str(refused.value) == f"{path}:3: version: must be a whole number, 0 or more, like 3"


def test_markdown_gives_the_body_and_the_line_it_starts_on(tmp_path):
    path = tmp_path / "page.md"
    path.write_text("---\ntitle: A page\nversion: 1\n---\nThe body.\n")
    doc = content.read_markdown(path, FrontMatter)
    assert (doc.data.title, doc.body, doc.body_line) == ("A page", "The body.\n", 5)
