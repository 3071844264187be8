"""The reminders' content file: the real one is sound, and a broken one is
refused with the file, the line and what is wrong."""

import textwrap
from collections import Counter

import pytest
from django.core.management import call_command

from core.content import ContentError
from inspire import content_files
from inspire.models import Reminder, Theme

pytestmark = pytest.mark.django_db


def write(tmp_path, body: str):
    path = tmp_path / "reminders.yaml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


GOOD = """\
    version: 1
    reminders:
      - slug: first-one
        theme: rest
        text: "Rest is something you need, not a prize."
      - slug: second-one
        theme: self-worth
        text: "You matter, today and every day."
"""


def test_the_library_holds_a_year_of_different_reminders_in_every_theme():
    doc = content_files.read()
    entries = doc.data.reminders
    assert len(entries) >= 365
    assert len({e.slug for e in entries}) == len(entries)
    assert len({content_files.same_words(e.text) for e in entries}) == len(entries)
    themes = Counter(e.theme for e in entries)
    assert set(themes) == set(Theme.values)
    assert min(themes.values()) >= 25, themes  # varied, not one theme with a few others


def test_no_reminder_says_just_leave_or_blames():
    for entry in content_files.read().data.reminders:
        lowered = entry.text.lower()
        assert "just leave" not in lowered
        assert "your fault" not in lowered.replace("not your fault", "")


def test_loading_twice_adds_then_changes_nothing():
    first = content_files.load()
    assert "added" in first
    count = Reminder.objects.count()
    assert count >= 365
    second = content_files.load()
    assert f"{count} unchanged" in second
    assert Reminder.objects.count() == count


def test_load_content_loads_the_reminders_too():
    call_command("load_content", verbosity=0)
    assert Reminder.objects.count() >= 365


def test_an_operators_edit_stands_until_forced(tmp_path):
    path = write(tmp_path, GOOD)
    content_files.load(path=path)
    Reminder.objects.filter(slug="first-one").update(
        text="Rest, said our own way.", edited_by_operator=True
    )
    content_files.load(path=path)
    assert Reminder.objects.get(slug="first-one").text == "Rest, said our own way."
    content_files.load(path=path, force=True)
    assert Reminder.objects.get(slug="first-one").text.startswith("Rest is something")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            GOOD.replace("slug: second-one", "slug: first-one"),
            "reminders.yaml:6: reminders[1].slug: the slug 'first-one' is already used on line 3",
        ),
        (
            GOOD.replace(
                "You matter, today and every day.", "Rest is something you NEED, not a prize!"
            ),
            "reminders.yaml:8: reminders[1].text: the text",
        ),
        (
            GOOD.replace('"You matter, today and every day."', '"' + "long " * 50 + '"'),
            "reminders.yaml:8: reminders[1].text: is 250 characters; the most is 200",
        ),
        (
            GOOD.replace('"You matter, today and every day."', '"Be calm."'),
            "reminders.yaml:8: reminders[1].text: is 8 characters; a reminder needs at least 10",
        ),
        (
            GOOD.replace("theme: self-worth", "theme: courage"),
            "reminders.yaml:7: reminders[1].theme: must be one of",
        ),
        (
            GOOD.replace("slug: second-one", "slug: Second_One"),
            "reminders.yaml:6: reminders[1].slug: a slug may only hold small letters",
        ),
        (
            GOOD.replace('"You matter, today and every day."', '"It is simple: just leave them."'),
            'reminders.yaml:8: reminders[1].text: Haven never tells anyone to "just leave"',
        ),
        (
            GOOD.replace("        theme: rest\n", "        theme: rest\n        mood: calm\n"),
            "reminders.yaml:5: reminders[0].mood: this name is not one the file may use",
        ),
        (
            GOOD.replace('"You matter, today and every day."', '"You matter, today'),
            "reminders.yaml:8: text: this is not valid YAML",
        ),
    ],
    ids=[
        "slug-twice",
        "same-words",
        "too-long",
        "too-short",
        "theme",
        "slug-shape",
        "never-said",
        "unknown-name",
        "broken-yaml",
    ],
)
def test_a_broken_file_is_refused_with_its_line(tmp_path, body, expected):
    path = write(tmp_path, body)
    with pytest.raises(ContentError) as refused:
        content_files.load(path=path)
    assert expected in str(refused.value)
    assert not Reminder.objects.exists()  # nothing half-loaded


def test_load_reminders_names_the_line_of_a_mistake(tmp_path):
    from django.core.management.base import CommandError

    path = write(tmp_path, GOOD.replace("theme: rest", "theme: sleepy"))
    with pytest.raises(CommandError, match=r"reminders\.yaml:4: reminders\[0\]\.theme"):
        call_command("load_reminders", "--file", str(path), verbosity=0)
    call_command("load_reminders", "--file", str(write(tmp_path, GOOD)), verbosity=0)
    assert Reminder.objects.count() == 2
