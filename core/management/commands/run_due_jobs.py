import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from core import jobs


class Command(BaseCommand):
    help = (
        "Queue exactly-once jobs that are due but not queued, or whose worker died; "
        "give up those that ran out of attempts. Once, or every N seconds with --every."
    )

    def add_arguments(self, parser):
        parser.add_argument("--every", type=float, default=0, help="repeat every N seconds")

    def handle(self, *args, every, **options):
        while True:
            swept = jobs.sweep()
            if options["verbosity"] > 1 or not every:
                self.stdout.write(f"queued {swept.queued}, gave up {swept.gave_up}")
            if not every:
                return
            close_old_connections()
            time.sleep(every)
