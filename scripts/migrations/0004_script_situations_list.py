"""A library script may fit more than one situation: `situation` becomes the list
`situations`, whose first entry is the situation it was in before."""

from django.db import migrations, models


def to_list(apps, schema_editor):
    Script = apps.get_model("scripts", "Script")
    for script in Script.objects.all():
        script.situations = [script.situation] if script.situation else []
        script.save(update_fields=["situations"])


def to_one(apps, schema_editor):
    Script = apps.get_model("scripts", "Script")
    for script in Script.objects.all():
        script.situation = script.situations[0] if script.situations else "saying-no"
        script.save(update_fields=["situation"])


class Migration(migrations.Migration):
    dependencies = [
        ("scripts", "0003_script_content_row"),
    ]

    operations = [
        migrations.AddField(
            model_name="script",
            name="situations",
            field=models.JSONField(default=list, verbose_name="situations"),
        ),
        migrations.RunPython(to_list, to_one),
        # A default, so that going back can add the column again to filled tables.
        migrations.AlterField(
            model_name="script",
            name="situation",
            field=models.CharField(default="", max_length=40, verbose_name="situation"),
        ),
        migrations.RemoveField(
            model_name="script",
            name="situation",
        ),
    ]
