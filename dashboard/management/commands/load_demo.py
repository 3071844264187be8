from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts import actions as account_actions
from accounts.models import User, name_key
from core import features
from vault.box import Box

DEMO_NAME = "demo"
DEMO_PASSPHRASE = "lantern orchard velvet tuesday"  # noqa: S105 (laptop demo only)
DEMO_DURESS = "marble pigeon copper sunrise"  # noqa: S105
OPERATOR_NAME = "operator"
OPERATOR_PASSWORD = "operator-demo-only"  # noqa: S105


class Command(BaseCommand):
    help = "Load demo content for a laptop trial (refuses to run when HAVEN_DEBUG is off)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo content is for laptop trials only (set HAVEN_DEBUG=1).")
        if not User.objects.filter(username_key=name_key(DEMO_NAME)).exists():
            user, dek, _code = account_actions.create_account(DEMO_NAME, DEMO_PASSPHRASE)
            User.objects.filter(pk=user.pk).update(recovery_confirmed=True)
            box = Box(dek)
            for _feature, demo in features.with_module("demo"):
                demo.seed(user, box)
            # The decoy space gets each feature's ordinary-looking content.
            account_actions.set_duress(user, dek, DEMO_DURESS)
        if not User.objects.filter(username_key=name_key(OPERATOR_NAME)).exists():
            User.objects.create_superuser(OPERATOR_NAME, OPERATOR_PASSWORD)
        self.stdout.write(
            "Demo member: sign-in name 'demo', passphrase "
            f"'{DEMO_PASSPHRASE}' (duress passphrase '{DEMO_DURESS}').\n"
            f"Operator: '{OPERATOR_NAME}' / '{OPERATOR_PASSWORD}' at /operator/admin/"
        )
