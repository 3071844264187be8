from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from scripts import library


class Command(BaseCommand):
    help = (
        "Load the scripts library from scripts/data/scripts.yaml. Safe to run again: "
        "scripts edited in the admin are kept unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=library.DATA_FILE)
        parser.add_argument(
            "--force",
            action="store_true",
            help="Overwrite every script from the file, including ones edited in the admin.",
        )

    def handle(self, *args, **options):
        try:
            result = library.load(options["file"], force=options["force"])
        except library.LibraryFileError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Scripts version {result.version}: {result.created} added, "
            f"{result.updated} updated, {result.unchanged} already current, "
            f"{result.kept_edited} kept as edited in the admin."
        )
        if result.kept_edited and not options["force"]:
            self.stdout.write("Run with --force to replace the edited ones from the file.")
