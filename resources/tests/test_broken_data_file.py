"""A slip in helplines.yaml is caught with a clear message, and never breaks /help/."""

import logging
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from resources import api, data
from resources.models import Country, HelpLine

pytestmark = pytest.mark.django_db

SETTING_UP = "The list of help lines is still being set up here."
CALL_LOCAL = "If you are in danger right now, call your local emergency number."

GOOD_LINE = (
    "      - slug: xx-help\n        kind: crisis\n        name: A help line\n"
    "        source: https://example.org/help\n"
)


def country_file(line=GOOD_LINE, version="1", code="XX", number='"112"'):
    return (
        f"version: {version}\n"
        "countries:\n"
        f"  - code: {code}\n"
        "    name: Example\n"
        f"    emergency_number: {number}\n"
        "    lines:\n"
        f"{line}"
    )


BROKEN = {
    "a version in words": country_file(version="two"),
    "a version with a fraction": country_file(version="1.5"),
    "a version that is true": country_file(version="true"),
    "countries that are not a list": "version: 1\ncountries: US\n",
    "a country that is only a word": "version: 1\ncountries:\n  - US\n",
    "a help line that is only a word": country_file(line="      - xx-help\n"),
    "a name that is a list": country_file(
        line="      - slug: xx-help\n        kind: crisis\n        name: [A, B]\n"
    ),
    "well_known in words": country_file(line=GOOD_LINE + "        well_known: sometimes\n"),
    "a country code in digits": country_file(code='"12"'),
    "an emergency number that is a mapping": country_file(number="{a: 1}"),
    "a file that is not YAML": "version: 1\ncountries: [\n",
}


@pytest.mark.parametrize("text", BROKEN.values(), ids=BROKEN.keys())
def test_a_malformed_file_is_refused_by_the_loader_with_a_clear_message(tmp_path, text):
    path = tmp_path / "helplines.yaml"
    path.write_text(text)
    with pytest.raises(CommandError, match="helplines.yaml"):
        call_command("load_resources", "--file", str(path), stdout=StringIO())
    assert HelpLine.objects.count() == Country.objects.count() == 0


def test_the_loader_names_the_file_the_line_and_the_field(tmp_path):
    path = tmp_path / "helplines.yaml"
    path.write_text(country_file(line=GOOD_LINE + "        well_known: sometimes\n"))
    with pytest.raises(CommandError) as refused:
        call_command("load_resources", "--file", str(path), stdout=StringIO())
    assert str(refused.value) == (
        f"{path}:11: countries[0].lines[0].well_known: must be true or false (it says 'sometimes')"
    )


def test_a_date_that_is_not_a_day_is_refused_at_its_line(tmp_path):
    path = tmp_path / "helplines.yaml"
    path.write_text(country_file(line=GOOD_LINE + "        checked_on: 2025-02-30\n"))
    with pytest.raises(CommandError) as refused:
        call_command("load_resources", "--file", str(path), stdout=StringIO())
    assert str(refused.value) == (
        f"{path}:11: countries[0].lines[0].checked_on: must be a date written as YYYY-MM-DD"
    )


def test_a_slug_used_twice_is_refused_where_it_is_used_the_second_time(tmp_path):
    path = tmp_path / "helplines.yaml"
    path.write_text(
        country_file()
        + "international:\n  - slug: xx-help\n    kind: crisis\n    name: Another\n"
        + "    source: https://example.org/another\n"
    )
    with pytest.raises(CommandError) as refused:
        call_command("load_resources", "--file", str(path), stdout=StringIO())
    assert str(refused.value) == (
        f"{path}:12: international[0].slug: the slug 'xx-help' is already used on line 7; "
        "each needs its own"
    )
    assert HelpLine.objects.count() == 0


def test_an_entry_that_does_not_say_where_its_number_comes_from_is_refused(tmp_path):
    path = tmp_path / "helplines.yaml"
    no_source = "      - slug: xx-help\n        kind: crisis\n        name: A help line\n"
    path.write_text(country_file(line=no_source + '        phone: "0800 000 000"\n'))
    with pytest.raises(CommandError) as refused:
        call_command("load_resources", "--file", str(path), stdout=StringIO())
    assert str(refused.value) == (
        f"{path}:7: countries[0].lines[0].source: this is needed but missing"
    )
    path.write_text(country_file(line=no_source + '        source: ""\n'))
    with pytest.raises(CommandError) as refused:
        call_command("load_resources", "--file", str(path), stdout=StringIO())
    assert str(refused.value) == f"{path}:10: countries[0].lines[0].source: must not be empty"
    assert HelpLine.objects.count() == 0


@pytest.fixture
def broken_file(tmp_path, monkeypatch):
    """The shipped file replaced by a broken one, as if an edit went wrong."""
    path = tmp_path / "helplines.yaml"
    path.write_text(BROKEN["a help line that is only a word"])
    monkeypatch.setattr(data, "DATA_FILE", path)
    api._file_dataset.cache_clear()
    yield path
    api._file_dataset.cache_clear()


def test_help_still_opens_on_a_fresh_install_and_says_to_call_the_local_number(
    stranger_client, broken_file, caplog
):
    stranger_client.cookies[api.COOKIE] = "GB"
    with caplog.at_level(logging.WARNING, logger="resources.api"):
        response = stranger_client.get("/help/")
    assert response.status_code == 200
    html = response.content.decode()
    assert SETTING_UP in html
    assert CALL_LOCAL in html
    warnings = [r.getMessage() for r in caplog.records if r.name == "resources.api"]
    assert len(warnings) == 1
    assert str(broken_file) in warnings[0]
    # Nothing about the person asking: not their country, not where they came from.
    assert "GB" not in warnings[0]
    assert "/help/" not in warnings[0]


def test_pages_with_the_help_box_still_open_too(owner_client, broken_file):
    response = owner_client.get("/check/safety-first/")
    assert response.status_code == 200
    assert SETTING_UP in response.content.decode()


def test_help_shows_what_is_already_loaded_when_the_file_breaks(stranger_client, tmp_path):
    call_command("load_resources", stdout=StringIO())
    # Every help line removed in the admin: the page would read the file again.
    HelpLine.objects.all().delete()
    path = tmp_path / "helplines.yaml"
    path.write_text(BROKEN["a version in words"])
    original = data.DATA_FILE
    data.DATA_FILE = path
    api._file_dataset.cache_clear()
    try:
        stranger_client.cookies[api.COOKIE] = "GB"
        response = stranger_client.get("/help/")
    finally:
        data.DATA_FILE = original
        api._file_dataset.cache_clear()
    assert response.status_code == 200
    html = response.content.decode()
    # The country row is still in the database: its emergency number is one tap away.
    assert '<a class="call-button call-button-emergency" href="tel:999">' in html
    assert SETTING_UP in html
