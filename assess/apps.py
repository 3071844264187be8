from django.apps import AppConfig


class AssessConfig(AppConfig):
    name = "assess"
    default_auto_field = "django.db.models.BigAutoField"
