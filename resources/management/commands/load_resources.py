from pathlib import Path

import yaml
from django.core.management.base import BaseCommand, CommandError

from resources import data, loading


class Command(BaseCommand):
    help = (
        "Load help lines from resources/data/helplines.yaml. Safe to run again: entries are "
        "matched by slug, rows edited in the admin are kept, nothing is deleted unless --prune."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=data.DATA_FILE, help="Another data file.")
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Replace rows an operator edited in the admin with the file's version.",
        )
        parser.add_argument(
            "--prune",
            action="store_true",
            help="Delete help lines and countries the file does not list, "
            "including ones operators added in the admin.",
        )

    def handle(self, *args, file, overwrite, prune, **options):
        try:
            report = loading.load(file, overwrite=overwrite, prune=prune)
        except (OSError, yaml.YAMLError, data.DataFileError) as error:
            raise CommandError(f"{file}: {error}") from error
        self.stdout.write(f"Data file version {report.version}")
        for label, counts in (("Countries", report.countries), ("Help lines", report.lines)):
            parts = ", ".join(
                f"{counts[key]} {key}"
                for key in ("added", "updated", "unchanged", "kept", "removed")
                if key in counts
            )
            self.stdout.write(f"{label}: {parts or 'none'}")
        if report.lines["kept"] or report.countries["kept"]:
            self.stdout.write(
                "Rows edited in the admin were kept. Use --overwrite to replace them with the file."
            )
        self.stdout.write(self.style.SUCCESS("Help lines loaded."))
