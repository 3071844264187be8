"""Operators load and refresh the help lines from the versioned data file."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from resources import data
from resources.models import Country, HelpLine

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("load_resources", *args, stdout=out)
    return out.getvalue()


def test_loading_the_file_adds_every_country_and_help_line_and_says_how_many():
    dataset = data.read()
    output = run()
    assert Country.objects.count() == len(dataset.countries) >= 6
    assert HelpLine.objects.count() == len(dataset.lines)
    assert f"Help lines (file version {dataset.version}): " in output
    counts = f"countries {len(dataset.countries)} added; help lines {len(dataset.lines)} added."
    assert counts in output
    assert set(Country.objects.values_list("code", flat=True)) >= {
        "US",
        "GB",
        "IE",
        "CA",
        "AU",
        "NZ",
    }
    assert HelpLine.objects.filter(country__isnull=True).exists()


def test_loading_twice_changes_nothing_and_makes_no_duplicates():
    run()
    first = set(HelpLine.objects.values_list("pk", "slug"))
    output = run()
    assert set(HelpLine.objects.values_list("pk", "slug")) == first
    assert f"help lines {len(first)} unchanged." in output


def test_a_correction_in_the_file_updates_the_existing_entry(tmp_path):
    run()
    text = data.DATA_FILE.read_text().replace("1-800-799-7233", "1-800-000-0000")
    changed = tmp_path / "helplines.yaml"
    changed.write_text(text)
    output = run("--file", str(changed))
    assert "1 updated" in output
    assert HelpLine.objects.get(slug="us-ndvh").phone == "1-800-000-0000"


def test_the_loader_keeps_what_an_operator_corrected_in_the_admin_unless_told_to_overwrite():
    run()
    HelpLine.objects.filter(slug="gb-samaritans").update(
        hours="Operator's note", edited_by_operator=True
    )
    output = run()
    assert "1 kept as edited in the admin" in output
    assert "Kept as edited in the admin: gb-samaritans (--force replaces them" in output
    assert HelpLine.objects.get(slug="gb-samaritans").hours == "Operator's note"
    run("--force")
    line = HelpLine.objects.get(slug="gb-samaritans")
    assert line.hours == "24 hours, every day"
    assert not line.edited_by_operator


def test_entries_an_operator_added_survive_every_load_even_a_forced_one():
    run()
    mine = HelpLine.objects.create(kind="other", name="Our local women's centre")
    run()
    run("--force")
    assert HelpLine.objects.filter(pk=mine.pk).exists()
    assert HelpLine.objects.count() == len(data.read().lines) + 1


def test_an_entry_gone_from_the_file_is_removed_unless_an_operator_edited_it(tmp_path):
    run()
    HelpLine.objects.filter(slug="gb-samaritans").update(edited_by_operator=True)
    text = data.DATA_FILE.read_text()
    for slug in ("gb-samaritans", "us-ndvh"):
        # Each entry starts at its slug and ends where the next "- slug:" begins.
        start = text.index(f"- slug: {slug}\n")
        end = text.index("- slug:", start + 1)
        text = text[:start] + text[end:]
    smaller = tmp_path / "helplines.yaml"
    smaller.write_text(text)
    output = run("--file", str(smaller))
    assert "1 removed" in output
    assert not HelpLine.objects.filter(slug="us-ndvh").exists()
    assert HelpLine.objects.filter(slug="gb-samaritans").exists()


def test_a_country_gone_from_the_file_goes_with_its_help_lines(tmp_path):
    run()
    text = data.DATA_FILE.read_text()
    # New Zealand is the last country in the file.
    start = text.index("  - code: NZ\n")
    end = text.index("\ninternational:") + 1
    smaller = tmp_path / "helplines.yaml"
    smaller.write_text(text[:start] + text[end:])
    nz_lines = HelpLine.objects.filter(country__code="NZ").count()
    output = run("--file", str(smaller))
    assert "countries 5 unchanged, 1 removed;" in output
    assert f"{nz_lines} removed." in output
    assert not Country.objects.filter(code="NZ").exists()
    assert not HelpLine.objects.filter(slug__startswith="nz-").exists()


def test_a_file_without_a_version_is_refused_with_a_clear_message(tmp_path):
    broken = tmp_path / "helplines.yaml"
    broken.write_text("countries: []\n")
    with pytest.raises(CommandError, match=r"helplines.yaml:1: version: this is needed"):
        run("--file", str(broken))
    assert HelpLine.objects.count() == 0


def test_a_bad_entry_is_refused_and_nothing_is_half_loaded(tmp_path):
    text = data.DATA_FILE.read_text().replace(
        "source: https://befrienders.org/", "source: not a web address"
    )
    broken = tmp_path / "helplines.yaml"
    broken.write_text(text)
    line = text[: text.index("source: not a web address")].count("\n") + 1
    with pytest.raises(CommandError) as refused:
        run("--file", str(broken))
    assert str(refused.value).startswith(f"{broken}:{line}: international[")
    assert str(refused.value).endswith("].source: must be a web address starting with https://")
    assert HelpLine.objects.count() == 0


def test_every_entry_in_the_file_names_the_page_its_facts_come_from():
    for line in data.read().lines:
        assert line["source"].startswith("https://"), line["slug"]


def test_the_file_knows_exactly_the_kinds_the_site_shows():
    assert set(data.KINDS) == set(HelpLine.Kind.values)
