"""Every help line marked as checked says, in docs/help-lines-checked.md, which
page it was checked against and what that page said."""

from pathlib import Path

from django.conf import settings

from resources import data

RECORD = Path(settings.BASE_DIR) / "docs" / "help-lines-checked.md"


def test_every_checked_entry_is_in_the_record_with_its_source():
    record = RECORD.read_text()
    checked = [line for line in data.read().lines if line["checked_on"]]
    assert len(checked) >= 20
    for line in checked:
        row = next((row for row in record.splitlines() if f"| `{line['slug']}`" in row), None)
        assert row is not None, f"{line['slug']} is marked checked but not in the record"
        assert line["source"] in row, f"{line['slug']}: the record names another page"


def test_entries_in_the_not_yet_list_are_not_marked_checked():
    record = RECORD.read_text()
    waiting = record[record.index("## Not yet re-checked") :]
    for line in data.read().lines:
        if f"`{line['slug']}`" in waiting:
            assert line["checked_on"] is None, line["slug"]
