from collections import Counter

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from scripts import content_files, library
from scripts.models import Script, Situation, Tone

pytestmark = pytest.mark.django_db


def test_the_library_has_a_handful_of_scripts_for_every_situation_and_every_tone(loaded_library):
    scripts = list(Script.objects.all())
    assert len(scripts) >= 36
    assert all(s.situations for s in scripts)
    per_situation = Counter(value for s in scripts for value in s.situations)
    for situation in Situation.values:
        assert 3 <= per_situation[situation] <= 8, (situation, per_situation[situation])
    assert {s.tone for s in scripts} == set(Tone.values)


def test_every_script_has_its_own_words(loaded_library):
    bodies = [s.body for s in Script.objects.all()]
    assert len(bodies) == len(set(bodies))
    assert all(len(body) > 10 for body in bodies)


def test_ending_it_carries_a_safety_note_about_violence(loaded_library):
    notes = " ".join(s.note for s in Script.objects.all() if s.situation == "ending-it")
    assert "violence" in notes
    assert "in person" in notes


def test_loading_again_changes_nothing(db):
    call_command("load_scripts")
    first = {s.slug: s.updated_at for s in Script.objects.all()}
    summary = library.load()
    version = content_files.read().data.version
    assert summary == f"Scripts (file version {version}): {len(first)} unchanged."
    assert {s.slug: s.updated_at for s in Script.objects.all()} == first


def test_an_operator_edit_survives_a_reload_unless_forced(loaded_library):
    script = Script.objects.get(slug="no-does-not-work-for-me")
    script.body = "Edited by an operator."
    script.edited_by_operator = True
    script.save()

    library.load()
    assert Script.objects.get(slug="no-does-not-work-for-me").body == "Edited by an operator."

    call_command("load_scripts", "--force")
    restored = Script.objects.get(slug="no-does-not-work-for-me")
    assert restored.body == "That doesn't work for me."
    assert not restored.edited_by_operator


def test_a_new_version_of_the_file_refreshes_scripts_nobody_edited(loaded_library, tmp_path):
    version = content_files.read().data.version
    text = content_files.DATA_FILE.read_text()
    text = text.replace(f"version: {version}", f"version: {version + 1}", 1)
    text = text.replace("body: That doesn't work for me.", "body: That won't work for me.")
    newer = tmp_path / "scripts.yaml"
    newer.write_text(text)
    summary = content_files.load(path=newer)
    assert summary.startswith(f"Scripts (file version {version + 1}): 1 updated, ")
    assert Script.objects.get(slug="no-does-not-work-for-me").body == "That won't work for me."
    # Every row now says which file it last came from.
    assert set(Script.objects.values_list("source_version", flat=True)) == {version + 1}


def test_a_broken_file_is_refused_with_a_clear_message(db, tmp_path):
    broken = tmp_path / "scripts.yaml"
    broken.write_text(
        "version: 1\nscripts:\n  - slug: a\n    title: A\n    situations: [work, shouting]\n"
    )
    with pytest.raises(
        CommandError, match=r"scripts.yaml:5: scripts\[0\].situations\[1\]: must be one"
    ):
        call_command("load_scripts", "--file", str(broken))
    assert Script.objects.count() == 0


@pytest.mark.parametrize(
    ("situations", "problem"),
    [
        ("[]", r"scripts.yaml:6: scripts\[0\].situations: every script needs at least one"),
        ("[work, work]", r"scripts.yaml:6: scripts\[0\].situations\[1\]: 'work' is listed twice"),
    ],
)
def test_a_script_must_belong_to_at_least_one_situation_once(db, tmp_path, situations, problem):
    path = a_file(
        tmp_path,
        {"slug": "a", "title": "A", "tone": "gentle", "situations": situations, "body": "Words."},
    )
    with pytest.raises(CommandError, match=problem):
        call_command("load_scripts", "--file", str(path))
    assert Script.objects.count() == 0


def test_a_script_with_no_situation_at_all_is_refused_with_its_line(db, tmp_path):
    path = a_file(tmp_path, {"slug": "a", "title": "A", "tone": "gentle", "body": "Words."})
    with pytest.raises(
        CommandError, match=r"scripts.yaml:3: scripts\[0\].situations: this is needed but missing"
    ):
        call_command("load_scripts", "--file", str(path))


def test_operators_edit_scripts_in_the_admin_and_the_edit_is_remembered(loaded_library, operator):
    from django.test import Client

    client = Client()
    client.force_login(operator)
    script = Script.objects.get(slug="no-does-not-work-for-me")
    response = client.post(
        f"/operator/admin/scripts/script/{script.pk}/change/",
        {
            "slug": script.slug,
            "title": script.title,
            "situations": ["work", "saying-no"],
            "tone": script.tone,
            "body": "No, thank you.",
            "note": "",
            "position": script.position,
            "edited_by_operator": "",
        },
    )
    assert response.status_code == 302
    script.refresh_from_db()
    assert script.body == "No, thank you."
    assert script.situations == ["work", "saying-no"]
    assert script.edited_by_operator


def test_the_admin_asks_for_at_least_one_situation(loaded_library, operator):
    from django.test import Client

    client = Client()
    client.force_login(operator)
    script = Script.objects.get(slug="no-does-not-work-for-me")
    response = client.post(
        f"/operator/admin/scripts/script/{script.pk}/change/",
        {
            "slug": script.slug,
            "title": script.title,
            "tone": script.tone,
            "body": "No.",
            "position": 1,
        },
    )
    assert response.status_code == 200
    assert "Choose at least one situation for this script." in response.content.decode()
    script.refresh_from_db()
    assert script.body == "That doesn't work for me."


def a_file(tmp_path, *scripts, version="1"):
    lines = [f"version: {version}", "scripts:"]
    for fields in scripts:
        first, *rest = fields.items()
        lines.append(f"  - {first[0]}: {first[1]}")
        lines.extend(f"    {name}: {value}" for name, value in rest)
    path = tmp_path / "scripts.yaml"
    path.write_text("\n".join(lines) + "\n")
    return path


GOOD = {"slug": "a-kind-no", "title": "A kind no", "situations": "[saying-no]", "tone": "gentle"}


@pytest.mark.parametrize(
    "slug",
    ['"two words"', "a/b", "under_score", "Capital", "'x--y'", "x" * 81, "-dash-first"],
)
def test_a_slug_the_library_page_could_not_link_to_refuses_the_whole_file(db, tmp_path, slug):
    path = a_file(
        tmp_path,
        {**GOOD, "body": "Fine words."},
        {**GOOD, "slug": slug, "body": "Other words."},
    )
    with pytest.raises(
        CommandError, match=r"scripts.yaml:8: scripts\[1\].slug: a slug may only hold small letters"
    ):
        call_command("load_scripts", "--file", str(path))
    assert Script.objects.count() == 0


def test_a_title_longer_than_the_library_holds_is_refused(db, tmp_path):
    path = a_file(tmp_path, {**GOOD, "title": "t" * 121, "body": "Fine words."})
    with pytest.raises(
        CommandError, match=r"scripts.yaml:4: scripts\[0\].title: is 121 characters; the most is"
    ):
        call_command("load_scripts", "--file", str(path))
    assert Script.objects.count() == 0


def test_a_script_that_is_not_text_is_refused(db, tmp_path):
    path = a_file(tmp_path, {**GOOD, "body": "[one, two]"})
    with pytest.raises(CommandError, match=r"scripts.yaml:7: scripts\[0\].body: must be text"):
        call_command("load_scripts", "--file", str(path))


@pytest.mark.parametrize("version", ["-1", "true", "'2'"])
def test_a_version_that_is_not_a_whole_number_is_refused(db, tmp_path, version):
    path = a_file(tmp_path, {**GOOD, "body": "Fine words."}, version=version)
    with pytest.raises(CommandError, match=r"scripts.yaml:1: version: must be a whole number"):
        call_command("load_scripts", "--file", str(path))


def test_a_script_an_operator_adds_in_the_admin_is_kept_when_the_file_has_its_slug(db, operator):
    from django.test import Client

    client = Client()
    client.force_login(operator)
    response = client.post(
        "/operator/admin/scripts/script/add/",
        {
            "slug": "no-does-not-work-for-me",
            "title": "Our own no",
            "situations": ["saying-no"],
            "tone": "gentle",
            "body": "Written by our own team.",
            "note": "",
            "position": "1",
        },
    )
    assert response.status_code == 302
    assert Script.objects.get().edited_by_operator

    summary = library.load()
    assert "1 kept as edited in the admin" in summary
    assert Script.objects.get(slug="no-does-not-work-for-me").body == "Written by our own team."
