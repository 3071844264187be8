from django.core.management.base import BaseCommand, CommandError

from core import features
from core.content import ContentError


class Command(BaseCommand):
    help = (
        "Load every feature's content files (the guide, help lines, scripts...). Safe to "
        "run on every start: a row follows its file, except one an operator edited in "
        "the admin, which is kept unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace rows edited in the admin with the files' versions too.",
        )

    def handle(self, *args, force=False, **options):
        loaders = list(features.with_module("content"))
        if not loaders:
            self.stdout.write("No feature declares content files.")
            return
        failed = []
        for feature, module in loaders:
            # Each feature loads in its own transaction: one broken file does
            # not stop the others, and leaves its own rows as they were.
            try:
                summary = module.load(force=force)
            except ContentError as error:
                failed.append(feature.app)
                self.stderr.write(self.style.ERROR(str(error)))
                continue
            if options["verbosity"] > 0:
                self.stdout.write(summary)
        if failed:
            raise CommandError(
                f"Not loaded: {', '.join(failed)} (see above); everything else was loaded."
            )
