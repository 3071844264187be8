"""`manage.py load_content` loads every feature's content files; bin/run calls it on
every start."""

import importlib
import importlib.util
import re
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from core import content, features
from core.features import Feature

pytestmark = pytest.mark.django_db

CONTENT_MODULES = [
    "guide.content_files",
    "resources.content_files",
    "scripts.content_files",
    "inspire.content_files",
]
# What the features' own feature.py files declare; registered here so these
# tests do not depend on them.
REGISTERED = tuple(Feature(app=module.split(".")[0], content=module) for module in CONTENT_MODULES)


@pytest.fixture
def registered(monkeypatch):
    monkeypatch.setattr(features, "all_features", lambda: REGISTERED)


def load_content(*args):
    out, err = StringIO(), StringIO()
    call_command("load_content", *args, stdout=out, stderr=err)
    return out.getvalue()


def rows(label):
    return apps.get_model(label).objects


def test_it_loads_the_guide_the_help_lines_and_the_scripts_and_says_what_it_did(registered):
    output = load_content()
    lines = output.splitlines()
    assert lines[0] == "Guide, 17 sections: 17 added."
    assert re.match(
        r"Help lines \(file version \d+\): countries 6 added; help lines \d+ added", lines[1]
    )
    assert re.match(r"Scripts \(file version \d+\): \d+ added", lines[2]), lines[2]
    assert re.match(r"Daily reminders \(file version \d+\): ", lines[3]), lines[3]
    assert rows("guide.Section").count() == 17
    assert rows("resources.HelpLine").count() > 50
    assert rows("scripts.Script").count() > 36

    again = load_content()
    assert "added" not in again and "updated" not in again
    assert again.count("unchanged") == 5  # sections, countries, help lines, scripts, reminders


def test_force_replaces_an_operators_edit_and_without_it_the_edit_stands(registered):
    load_content()
    rows("scripts.Script").filter(slug="no-does-not-work-for-me").update(
        body="Our own words.", edited_by_operator=True
    )
    output = load_content()
    assert "Kept as edited in the admin: no-does-not-work-for-me" in output
    assert rows("scripts.Script").get(slug="no-does-not-work-for-me").body == "Our own words."

    load_content("--force")
    script = rows("scripts.Script").get(slug="no-does-not-work-for-me")
    assert script.body == "That doesn't work for me."
    assert not script.edited_by_operator


class BrokenFile(content.ContentModel):
    version: content.Version


BROKEN: dict = {}


def load(*, force: bool = False) -> str:
    """This module doubles as a feature's content module whose file is broken."""
    content.read_yaml(BROKEN["path"], BrokenFile)
    return "never reached"


def test_a_broken_file_stops_only_its_own_feature_and_is_named(registered, monkeypatch, tmp_path):
    BROKEN["path"] = tmp_path / "broken.yaml"
    BROKEN["path"].write_text("version: 1\nversoin: 2\n")
    broken = Feature(app="broken", content=__name__)
    monkeypatch.setattr(features, "all_features", lambda: (broken, *REGISTERED))
    err = StringIO()
    with pytest.raises(CommandError, match=r"Not loaded: broken \(see above\)"):
        call_command("load_content", stdout=StringIO(), stderr=err)
    assert f"{tmp_path}/broken.yaml:2: versoin: this name is not one" in err.getvalue()
    # Everything else was loaded all the same.
    assert rows("guide.Section").count() == 17
    assert rows("scripts.Script").exists()
    assert rows("resources.HelpLine").exists()


def test_with_no_feature_declaring_content_it_says_so(monkeypatch):
    monkeypatch.setattr(features, "all_features", lambda: ())
    assert load_content() == "No feature declares content files.\n"


@pytest.mark.parametrize("module", CONTENT_MODULES)
def test_each_content_module_loads_its_files_and_a_second_run_changes_nothing(module):
    loader = importlib.import_module(module)
    first = loader.load()
    assert " added" in first
    second = loader.load()
    assert " unchanged" in second
    assert " added" not in second and " updated" not in second


def test_every_content_module_is_declared_by_its_feature():
    assert features.all_features(), "no feature declares itself"
    found = [
        app
        for app in features.project_apps()
        if importlib.util.find_spec(f"{app.name}.content_files") is not None
    ]
    assert {f"{app.name}.content_files" for app in found} >= set(CONTENT_MODULES)
    for app in found:
        declared = features.feature(app.label).content
        assert declared == f"{app.name}.content_files", f"{app.name}/feature.py: content="
