"""Creates the signed-in member for the HTTP benchmark, in the server's database.

Run as `python -m bench.seed NAME COUNT` with the server's environment: the
keyring gets the production Argon2 parameters from haven.settings, and the
dashboard gets COUNT sealed reasons to open on every request.
"""

import random
import sys

import django


def main(name: str, count: int) -> None:
    django.setup()
    from accounts import actions
    from accounts.models import User
    from bench.inprocess import PASSPHRASE, reason_text
    from plan import actions as plan_actions
    from vault.box import Box

    user, dek, _code = actions.create_account(name, PASSPHRASE)
    User.objects.filter(pk=user.pk).update(recovery_confirmed=True)
    rng = random.Random(11)  # the same texts every run
    box = Box(dek)
    for _ in range(count):
        plan_actions.add_reason(user, box, reason_text(rng))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
