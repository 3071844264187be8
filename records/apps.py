from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "records"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from records import checks  # noqa: F401  (registers the signing key check)
        from records.evidence_actions import connect

        connect()  # stored files go with their rows, however the rows go
