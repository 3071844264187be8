from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.exceptions import ImproperlyConfigured

from vault import keys


@register(Tags.security, deploy=False)
def secrets_present(app_configs, **kwargs):
    errors = []
    try:
        secret_key = settings.SECRET_KEY
    except ImproperlyConfigured:
        secret_key = ""
    if not secret_key:
        errors.append(
            Error(
                "HAVEN_SECRET_KEY is not set.",
                hint="Set it in the environment, or run `manage.py haven_init` on a laptop.",
                id="vault.E001",
            )
        )
    for reader, name in ((keys.pepper, "HAVEN_PEPPER"), (keys.server_keys, "HAVEN_SERVER_KEYS")):
        try:
            reader()
        except ImproperlyConfigured as exc:
            errors.append(
                Error(
                    str(exc),
                    hint=f"Set {name} in the environment, or run `manage.py haven_init`.",
                    id="vault.E002",
                )
            )
    return errors
