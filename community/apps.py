from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _boards(sender, using="default", **kwargs):
    from community.boards import ensure_boards

    ensure_boards(using)


class CommunityConfig(AppConfig):
    name = "community"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # After every migrate and flush (tests empty the tables), as Django
        # does for content types: the community always has its boards.
        post_migrate.connect(_boards, sender=self)
        from community import leaving

        leaving.connect()
