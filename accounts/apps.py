from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth.models import update_last_login
        from django.contrib.auth.signals import user_logged_in

        # Django stamps last_login on every sign-in. For a decoy space that
        # stamp would tell a database reader when someone was coerced, and for
        # a real one it tells when the person came: neither is kept.
        user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")
