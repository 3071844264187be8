import time

from aiosmtpd.controller import Controller
from django.conf import settings
from django.core.management.base import BaseCommand

from core.outbox import OutboxHandler


class Command(BaseCommand):
    help = "Run the local SMTP outbox: mail sent to it is filed for operators to read."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=settings.EMAIL_PORT)

    def handle(self, *args, port, **options):
        controller = Controller(
            OutboxHandler(settings.HAVEN_OUTBOX_DIR), hostname="127.0.0.1", port=port
        )
        controller.start()
        self.stdout.write(f"Mail outbox listening on 127.0.0.1:{port}")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
        finally:
            controller.stop()
