from django.core.checks import Error, Tags, register
from django.core.exceptions import ImproperlyConfigured

from records import signing


@register(Tags.security, deploy=False)
def signing_key_present(app_configs, **kwargs):
    try:
        signing.public_keys()
    except (ImproperlyConfigured, ValueError) as exc:
        return [
            Error(
                str(exc),
                hint="Set HAVEN_RECORDS_SIGNING_KEYS in the environment (id:base64 of 32 random "
                "bytes), or run `manage.py haven_init` on a laptop.",
                id="records.E001",
            )
        ]
    return []
