"""Notifiers for the tests, each the real email notifier with a twist.

`NotingNotifier` (the worker tests) also notes each send (process id,
Message-ID) in the file named by HAVEN_TEST_SENDS, and waits before any send
after its first while the file HAVEN_TEST_HOLD exists, so a test can kill
the worker in the middle of an alert's batch. `TakingOverNotifier` plays a
second worker that takes a batch's rows over in the middle of it."""

import os
import time
from pathlib import Path

from circle.notify import EmailNotifier, Outgoing, Result

_sent_here = 0


class NotingNotifier(EmailNotifier):
    def send(self, message: Outgoing) -> Result:
        global _sent_here
        hold = os.environ.get("HAVEN_TEST_HOLD")
        if hold and _sent_here >= 1:
            Path(f"{hold}.reached").touch()
            while Path(hold).exists():
                time.sleep(0.05)
        result = super().send(message)
        _sent_here += 1
        with open(os.environ["HAVEN_TEST_SENDS"], "a") as noted:
            noted.write(f"{os.getpid()} {message.message_id}\n")
        return result


class TakingOverNotifier(EmailNotifier):
    """Sends for real; during its first send, another worker takes over every
    other row of the batch (as if this one had stalled past its lease)."""

    def send(self, message: Outgoing) -> Result:
        from circle.models import Delivery

        if not getattr(self, "took_over", False):
            self.took_over = True
            Delivery.objects.filter(state="sending").exclude(message_id=message.message_id).update(
                claim="another-worker"
            )
        return super().send(message)


SETUP = """
import os
from datetime import timedelta
from django.db import transaction
from django.utils import timezone
from accounts.models import User
from circle import actions, sealing
from circle.models import CheckIn, Contact
from core import jobs
from vault.box import Box

box = Box(os.urandom(32))
now = timezone.now()
for m in range(MEMBERS):
    user = User.objects.create(username=f"member{m}")
    actions.save_words(user, {**actions.default_words(), "checkin": "WORDS-OF-" + str(m)})
    for n in range(PEOPLE):
        contact = Contact(owner=user, for_checkins=True, confirmed_at=now)
        actions._fill(contact, box, {"name": f"p{n}", "for_checkins": True})
        contact.email = sealing.seal(contact, "email", f"m{m}.p{n}@example.org")
        contact.save()
    with transaction.atomic():
        check_in = CheckIn.objects.create(
            owner=user, kind="once", at_time="21:00", due_at=now - timedelta(seconds=1)
        )
        # A minute-slot job each (their keys are any ids): several runs at once
        # then race over the same due check-ins and rows.
        job = jobs.once(actions.MISSED, f"slot-{m}")
    if TWICE:
        transaction.on_commit(lambda j=job.pk: jobs.enqueue(j))
"""


def setup_code(members: int, people: int, twice: bool = False) -> str:
    return (
        SETUP.replace("MEMBERS", str(members))
        .replace("PEOPLE", str(people))
        .replace("TWICE", str(twice))
    )


WORKER = (
    "import sys, django; django.setup()\n"
    "from django.conf import settings\n"
    "settings.HAVEN_CIRCLE_NOTIFIER = 'circle.tests.notifiers.NotingNotifier'\n"
    "settings.HAVEN_CIRCLE_LEASE_SECONDS = 2\n"
    # Batches of two: a kill lands inside one, and two workers share the rows.
    "settings.HAVEN_CIRCLE_BATCH = 2\n"
    "from django.core.management import call_command\n"
    "call_command('run_worker', *sys.argv[1:])\n"
)
