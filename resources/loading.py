"""Upsert the data file into the database, keyed by each entry's slug.

Rows an operator has edited in the admin are left alone unless overwrite=True,
so re-running the loader never undoes a correction or a checked date. Rows the
file does not mention (including the ones operators added) are only removed
with prune=True.
"""

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from resources import data
from resources.models import Country, HelpLine

COUNTRY_FIELDS = ("name", "emergency_number", "position")
LINE_FIELDS = ("country", "position", *data.LINE_FIELDS)


@dataclass
class Report:
    version: int
    countries: Counter = field(default_factory=Counter)
    lines: Counter = field(default_factory=Counter)


def load(path: Path = data.DATA_FILE, *, overwrite=False, prune=False) -> Report:
    dataset = data.read(path)
    report = Report(version=dataset.version)
    with transaction.atomic():
        by_code = {}
        for fields in dataset.countries:
            country = Country.objects.filter(code=fields["code"]).first()
            outcome, country = _upsert(
                country, Country(code=fields["code"]), fields, COUNTRY_FIELDS, overwrite
            )
            report.countries[outcome] += 1
            by_code[country.code] = country

        for fields in dataset.lines:
            fields = dict(fields)
            code = fields["country"]
            fields["country"] = by_code[code] if code else None
            line = HelpLine.objects.filter(slug=fields["slug"]).first()
            outcome, _line = _upsert(
                line, HelpLine(slug=fields["slug"]), fields, LINE_FIELDS, overwrite
            )
            report.lines[outcome] += 1

        if prune:
            slugs = [line["slug"] for line in dataset.lines]
            stale_lines = HelpLine.objects.exclude(slug__in=slugs)
            report.lines["removed"] = stale_lines.count()
            stale_lines.delete()
            stale_countries = Country.objects.exclude(code__in=list(by_code))
            report.countries["removed"] = stale_countries.count()
            stale_countries.delete()
    return report


def _upsert(existing, blank, fields, names, overwrite):
    if existing is not None and existing.edited_by_operator and not overwrite:
        return "kept", existing
    obj = blank if existing is None else existing
    changed = [name for name in names if getattr(obj, name) != fields[name]]
    for name in changed:
        setattr(obj, name, fields[name])
    if obj.edited_by_operator:
        obj.edited_by_operator = False
        changed.append("edited_by_operator")
    if existing is not None and not changed:
        return "unchanged", obj
    try:
        obj.full_clean(validate_unique=False)
    except ValidationError as error:
        label = getattr(obj, "slug", None) or getattr(obj, "code", "")
        raise data.DataFileError(f"{label}: {error.messages}") from error
    obj.save()
    return ("added" if existing is None else "updated"), obj
