from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "newsletter"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Bounce, complaint and inbound-unsubscribe webhooks (django-anymail signals).
        from newsletter import signals  # noqa: F401
