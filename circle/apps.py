from django.apps import AppConfig


class CircleConfig(AppConfig):
    name = "circle"
    default_auto_field = "django.db.models.BigAutoField"
