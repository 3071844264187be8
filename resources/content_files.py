"""Loading resources/data/helplines.yaml into Country and HelpLine rows, through
the one content loader (core.content): a row follows the file unless an operator
edited it in the admin; rows gone from the file go, unless an operator edited
them (or added them: those have no slug)."""

from pathlib import Path

from django.db import transaction

from core import content
from resources import data
from resources.models import Country, HelpLine


def load(*, force: bool = False, path: Path = data.DATA_FILE) -> str:
    dataset = data.read(path)
    doc = dataset.doc
    with transaction.atomic():
        countries = content.upsert(
            Country,
            [
                content.Row(
                    fields["code"],
                    {k: v for k, v in fields.items() if k != "code"},
                    dataset.version,
                    doc,
                    loc,
                )
                for fields, loc in zip(dataset.countries, dataset.country_locs, strict=True)
            ],
            key="code",
            force=force,
            # A country still holding help lines an operator keeps stays too.
            removable=Country.objects.filter(help_lines__isnull=True),
        )
        ids = dict(Country.objects.values_list("code", "pk"))
        rows = []
        for fields, loc in zip(dataset.lines, dataset.line_locs, strict=True):
            fields = dict(fields)
            code = fields.pop("country")
            fields["country_id"] = ids[code] if code else None
            rows.append(content.Row(fields.pop("slug"), fields, dataset.version, doc, loc))
        lines = content.upsert(HelpLine, rows, force=force)
        # Countries emptied by this load (their lines gone from the file).
        emptied = Country.objects.filter(help_lines__isnull=True, edited_by_operator=False).exclude(
            code__in=[c["code"] for c in dataset.countries]
        )
        countries.counts["removed"] += emptied.count()
        emptied.delete()
    report = content.Report(countries.counts + lines.counts, countries.kept + lines.kept)
    return (
        f"Help lines (file version {dataset.version}): countries {countries.counts_text()}; "
        f"help lines {lines.counts_text()}" + (f". {report.kept_text()}." if report.kept else ".")
    )
