"""Sections follow the one content rule (core.content.ContentRow): the file's
version becomes `source_version`, and an edit made in the admin is marked by
`edited_by_operator` instead of being worked out from a fingerprint."""

import hashlib
import json

from django.db import migrations, models


def _fingerprint(section) -> str:
    # How the old loader fingerprinted a section's text (guide.rendering.content_hash).
    parts = (
        section.title,
        section.summary,
        section.body_markdown,
        section.tools,
        section.number,
        section.show_help_lines,
    )
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


def mark_admin_edits(apps, schema_editor):
    Section = apps.get_model("guide", "Section")
    # No fingerprint: never loaded from a file, so an operator added it (and the
    # loader must keep it); a different one: edited since it was loaded.
    edited = [
        section.pk
        for section in Section.objects.all()
        if section.source_hash != _fingerprint(section)
    ]
    Section.objects.filter(pk__in=edited).update(edited_by_operator=True)


class Migration(migrations.Migration):
    dependencies = [("guide", "0002_search_index")]

    operations = [
        migrations.AddField(
            model_name="section",
            name="edited_by_operator",
            field=models.BooleanField(
                default=False,
                help_text="load_content leaves edited rows alone unless run with --force.",
                verbose_name="edited by an operator",
            ),
        ),
        migrations.RunPython(mark_admin_edits, migrations.RunPython.noop, elidable=True),
        migrations.RemoveField(model_name="section", name="source_hash"),
        migrations.RenameField(model_name="section", old_name="version", new_name="source_version"),
        migrations.AlterField(
            model_name="section",
            name="source_version",
            field=models.PositiveIntegerField(
                default=0,
                editable=False,
                help_text="The version of the content file this row was last loaded from.",
                verbose_name="content file version",
            ),
        ),
    ]
