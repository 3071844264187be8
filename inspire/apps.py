from django.apps import AppConfig


class InspireConfig(AppConfig):
    name = "inspire"
    default_auto_field = "django.db.models.BigAutoField"
