"""The task worker, with the exactly-once jobs' sweeper beside it.

`manage.py db_worker` runs queued tasks. This command does the same and, on
a thread of its own, sweeps every few seconds (see core/jobs.py): a job whose
task was lost, or whose worker was killed mid-job, is queued again, so one
process type is all a laptop or a server needs to start.
"""

import logging
import os
import threading
import time

from django.db import close_old_connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.compat import TASKS_LOGGER
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from core import jobs

logger = logging.getLogger("haven.jobs")


def sweep_forever(every: float) -> None:
    while True:
        try:
            jobs.sweep()
        except Exception as error:
            # A busy SQLite file or a dropped connection: try again next time.
            logger.warning("sweep failed error=%s", type(error).__name__)
        finally:
            close_old_connections()
        time.sleep(every)


class Command(DbWorkerCommand):
    help = "Run the task worker and, every few seconds, the exactly-once jobs' sweeper."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--sweep-every",
            type=float,
            default=5.0,
            help="seconds between sweeps for lost or abandoned jobs (default: %(default)r)",
        )

    def configure_logging(self, verbosity: int) -> None:
        super().configure_logging(verbosity)
        if verbosity <= 1:
            # No line for every task that starts and ends: with few tasks, the
            # time of one can tell what someone did (a duress alert follows a
            # sign-in). Failures are still logged.
            logging.getLogger(TASKS_LOGGER).setLevel(logging.WARNING)

    def handle(self, *args, sweep_every, **options):
        reloading = options.get("reload") and not options.get("batch")
        # With the autoreloader, only the child process (the one that runs
        # tasks) sweeps.
        if sweep_every > 0 and (not reloading or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true"):
            threading.Thread(
                target=sweep_forever, args=(sweep_every,), name="sweeper", daemon=True
            ).start()
        super().handle(*args, **options)
