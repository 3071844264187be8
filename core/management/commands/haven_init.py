import base64
import json
import os
import secrets

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the git-ignored local secrets file for a laptop run (once; never overwrites)."
    requires_system_checks: list = []

    def handle(self, *args, **options):
        path = settings.LOCAL_SECRETS_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        made = {
            "HAVEN_SECRET_KEY": secrets.token_urlsafe(50),
            "HAVEN_PEPPER": base64.b64encode(os.urandom(32)).decode(),
            "HAVEN_SERVER_KEYS": "k1:" + base64.b64encode(os.urandom(32)).decode(),
            "HAVEN_RECORDS_SIGNING_KEYS": "r1:" + base64.b64encode(os.urandom(32)).decode(),
        }
        if path.exists():
            data = json.loads(path.read_text())
            missing = {name: value for name, value in made.items() if name not in data}
            if not missing:
                self.stdout.write(f"Local secrets already exist in {path}.")
                return
            # A secret added by a newer Haven; the ones already there never change.
            data.update(missing)
            with open(path, "w") as handle:
                json.dump(data, handle, indent=2)
            self.stdout.write(f"Added {', '.join(sorted(missing))} to {path}.")
            return
        # Only the owner may read it; created with that mode, never wider.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            json.dump(made, handle, indent=2)
        self.stdout.write(
            f"Created local secrets in {path}. Keep this file out of backups you share."
        )
