from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts import actions as account_actions
from accounts.models import User, name_key
from plan import actions
from vault.box import Box

DEMO_NAME = "demo"
DEMO_PASSPHRASE = "lantern orchard velvet tuesday"  # noqa: S105 (laptop demo only)
DEMO_DURESS = "marble pigeon copper sunrise"  # noqa: S105
# A plan part-way done, so the dashboard cards and the PDF have something to show.
DEMO_SAFETY_PLAN = {
    "checklist": {
        "places": {"status": "done", "note": "Sam's flat, or the library until 8pm."},
        "phone": {"status": "done", "note": ""},
        "documents": {"status": "not_yet", "note": "Passport is still in the hall drawer."},
        "person": {"status": "not_yet", "note": ""},
    },
    "places": [{"name": "Sam's flat", "route": "Bus 12 from the corner, about 15 minutes."}],
    "numbers": [{"label": "Emergency", "number": "112"}],
    "documents": {"id": {"done": True, "where": "A copy is with Sam."}},
    "own_documents": [],
    "bag": ["charger", "cash"],
    "own_bag": [],
    "person": {"name": "Sam", "checkin": "A message every evening by 9."},
    "security": ["passwords"],
    "security_note": "",
}
DEMO_EXIT_STEP_1 = {
    "tasks": {"write_reasons": {"done": True, "date": ""}},
    "own": [],
    "notes": "",
    "target": "",
}
OPERATOR_NAME = "operator"
OPERATOR_PASSWORD = "operator-demo-only"  # noqa: S105

DEMO_REASONS = [
    "I want to feel calm in my own home again.",
    "I'm tired of checking my phone in case I've upset someone.",
    "My friends miss me, and I miss them.",
]


class Command(BaseCommand):
    help = "Load demo content for a laptop trial (refuses to run when HAVEN_DEBUG is off)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo content is for laptop trials only (set HAVEN_DEBUG=1).")
        if not User.objects.filter(username_key=name_key(DEMO_NAME)).exists():
            user, dek, _code = account_actions.create_account(DEMO_NAME, DEMO_PASSPHRASE)
            User.objects.filter(pk=user.pk).update(recovery_confirmed=True)
            box = Box(dek)
            for text in DEMO_REASONS:
                actions.add_reason(user, box, text)
            actions.save_safety_plan(user, box, DEMO_SAFETY_PLAN)
            actions.save_exit_step(user, box, 1, DEMO_EXIT_STEP_1)
            account_actions.set_duress(user, dek, DEMO_DURESS)
        if not User.objects.filter(username_key=name_key(OPERATOR_NAME)).exists():
            User.objects.create_superuser(OPERATOR_NAME, OPERATOR_PASSWORD)
        self.stdout.write(
            "Demo member: sign-in name 'demo', passphrase "
            f"'{DEMO_PASSPHRASE}' (duress passphrase '{DEMO_DURESS}').\n"
            f"Operator: '{OPERATOR_NAME}' / '{OPERATOR_PASSWORD}' at /operator/admin/"
        )
