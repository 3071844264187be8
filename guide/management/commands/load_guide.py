from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from guide import loading

NOTES = {
    "created": "added",
    "updated": "updated to version {file_version} (was {stored_version})",
    "unchanged": "unchanged",
    "kept-edit": "KEPT the edit made in the admin; the file has version {file_version}. "
    "Run with --force to replace the edit with the file.",
    "same-version": "NOT updated: the file changed but its version is still {file_version}. "
    "Raise the version in the file to publish the change.",
    "kept-newer": "kept: the stored version {stored_version} is newer than the file's "
    "{file_version}",
}


class Command(BaseCommand):
    help = (
        "Load the guide's sections from guide/content/*.md. Safe to run again: a "
        "section is replaced only by a file with a higher version, and never when "
        "an operator has edited it in the admin, unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace every section with its file, even admin edits and newer versions.",
        )
        parser.add_argument("--folder", default=str(loading.CONTENT_DIR), help="Content folder.")

    def handle(self, *args, force=False, folder=None, **options):
        try:
            files = loading.read_all(Path(folder))
            if not files:
                raise CommandError(f"No content files found in {folder}")
            outcomes = loading.load(files, force=force)
        except loading.ContentError as error:
            raise CommandError(str(error)) from None
        counts: dict[str, int] = {}
        for outcome in outcomes:
            counts[outcome.status] = counts.get(outcome.status, 0) + 1
            if options["verbosity"] == 0:
                continue
            if outcome.status == "unchanged" and options["verbosity"] < 2:
                continue
            note = NOTES[outcome.status].format(
                file_version=outcome.file.version, stored_version=outcome.stored_version
            )
            style = self.style.WARNING if outcome.status.startswith(("kept", "same")) else str
            self.stdout.write(style(f"  {outcome.file.number:2}. {outcome.file.title}: {note}"))
        summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
        if options["verbosity"] > 0:
            self.stdout.write(f"Guide: {len(outcomes)} sections ({summary}).")
