from django.db import migrations


def share_device_settings(apps, schema_editor):
    """Decoys made earlier kept a copy of the settings from the day they were
    made; from now on a space and its decoys share them, so a duress unlock
    changes nothing on the device."""
    User = apps.get_model("accounts", "User")
    for decoy in User.objects.filter(is_decoy=True).select_related("decoy_for"):
        owner = decoy.decoy_for
        while owner is not None and owner.is_decoy:
            owner = owner.decoy_for
        if owner is None:
            continue
        User.objects.filter(pk=decoy.pk).update(
            auto_lock_minutes=owner.auto_lock_minutes,
            exit_url=owner.exit_url,
            discreet=owner.discreet,
        )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_sessions_end_remembered_devices_hidden_names")]

    operations = [migrations.RunPython(share_device_settings, migrations.RunPython.noop)]
