"""Check an exported copy, or every record in the database.

    manage.py verify_records notes.zip      # or records.json: the same report as /records/verify/
    manage.py verify_records --stored       # every incident's sealed chain, no one's key needed

Exits with 1 when anything fails, naming the entry (its short id) and version.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from records import chain
from records.models import Incident


class Command(BaseCommand):
    help = "Check an exported records zip or records.json, or (--stored) every record held here."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="an exported zip or records.json")
        parser.add_argument(
            "--stored", action="store_true", help="check every incident in the database"
        )

    def handle(self, *args, file=None, stored=False, **options):
        if bool(file) == bool(stored):
            raise CommandError("give a FILE to check, or --stored (one of them)")
        failed = self._stored() if stored else self._file(Path(file))
        if failed:
            raise SystemExit(1)

    def _file(self, path: Path) -> bool:
        from records import verify

        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error.strerror}") from None
        report = verify.check(data)
        for line in report.lines():
            self.stdout.write(line)
        return not report.ok

    def _stored(self) -> bool:
        checked = failed = 0
        incidents = Incident.objects.order_by("created_at", "id").prefetch_related("versions")
        for incident in incidents.iterator(chunk_size=200):
            versions = sorted(incident.versions.all(), key=lambda v: v.number)
            problems = chain.verify_stored(incident, versions)
            checked += 1
            if problems:
                failed += 1
                for problem in problems:
                    self.stdout.write(f"FAILED {problem}")
        state = "OK" if not failed else "FAILED"
        self.stdout.write(f"{state}: {checked} entries checked, {failed} with problems")
        return bool(failed)
