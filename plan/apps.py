from django.apps import AppConfig


class PlanConfig(AppConfig):
    name = "plan"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from plan import receivers  # noqa: F401
