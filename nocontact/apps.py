from django.apps import AppConfig


class NoContactConfig(AppConfig):
    name = "nocontact"
    default_auto_field = "django.db.models.BigAutoField"
