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
    assert f"Help lines: {len(dataset.lines)} added" in output
    assert f"Data file version {dataset.version}" in output
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
    assert f"Help lines: {len(first)} unchanged" in output


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
    assert "1 kept" in output
    assert HelpLine.objects.get(slug="gb-samaritans").hours == "Operator's note"
    run("--overwrite")
    line = HelpLine.objects.get(slug="gb-samaritans")
    assert line.hours == "24 hours, every day"
    assert not line.edited_by_operator


def test_entries_an_operator_added_survive_a_reload_and_go_only_with_prune():
    run()
    mine = HelpLine.objects.create(kind="other", name="Our local women's centre")
    run()
    assert HelpLine.objects.filter(pk=mine.pk).exists()
    output = run("--prune")
    assert "1 removed" in output
    assert not HelpLine.objects.filter(pk=mine.pk).exists()
    assert HelpLine.objects.count() == len(data.read().lines)


def test_a_file_without_a_version_is_refused_with_a_clear_message(tmp_path):
    broken = tmp_path / "helplines.yaml"
    broken.write_text("countries: []\n")
    with pytest.raises(CommandError, match="version"):
        run("--file", str(broken))
    assert HelpLine.objects.count() == 0


def test_a_bad_entry_is_refused_and_nothing_is_half_loaded(tmp_path):
    text = data.DATA_FILE.read_text().replace(
        "source: https://befrienders.org/", "source: not a web address"
    )
    broken = tmp_path / "helplines.yaml"
    broken.write_text(text)
    with pytest.raises(CommandError, match="int-befrienders"):
        run("--file", str(broken))
    assert HelpLine.objects.count() == 0


def test_every_entry_in_the_file_names_the_page_its_facts_come_from():
    for line in data.read().lines:
        assert line["source"].startswith("https://"), line["slug"]


def test_the_file_knows_exactly_the_kinds_the_site_shows():
    assert set(data.KINDS) == set(HelpLine.Kind.values)
