from django.apps import AppConfig


class DashboardConfig(AppConfig):
    """The member's home page (/home/): every feature's cards, in order.

    It belongs to no feature: it reads what each one declares in its
    feature.py (core.features) and owns no data of its own.
    """

    name = "dashboard"
    default_auto_field = "django.db.models.BigAutoField"
