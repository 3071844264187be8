"""Reading resources/data/helplines.yaml, the versioned file operators edit."""

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

DATA_FILE = Path(__file__).resolve().parent / "data" / "helplines.yaml"

LINE_FIELDS = (
    "kind",
    "name",
    "phone",
    "text_option",
    "sms_number",
    "sms_body",
    "website",
    "hours",
    "description",
    "source",
    "checked_on",
    "well_known",
)


KINDS = ("emergency", "domestic_abuse", "crisis", "text", "legal_aid", "other")


class DataFileError(ValueError):
    pass


@dataclass
class Dataset:
    version: int
    countries: list[dict] = field(default_factory=list)  # code, name, emergency_number, position
    lines: list[dict] = field(
        default_factory=list
    )  # slug, country (code or None), position, LINE_FIELDS


def read(path: Path = DATA_FILE) -> Dataset:
    with open(path, encoding="utf-8") as handle:
        raw = yaml.safe_load(handle) or {}
    if not isinstance(raw, dict) or "version" not in raw:
        raise DataFileError(f"{path}: a top-level 'version:' key is required")
    dataset = Dataset(version=int(raw["version"]))
    seen: set[str] = set()

    def add_lines(entries, country_code):
        for position, entry in enumerate(entries or []):
            slug = entry.get("slug")
            if not slug:
                raise DataFileError(f"{path}: every entry needs a slug ({entry.get('name')!r})")
            if slug in seen:
                raise DataFileError(f"{path}: the slug {slug!r} is used twice")
            seen.add(slug)
            unknown = set(entry) - set(LINE_FIELDS) - {"slug"}
            if unknown:
                raise DataFileError(f"{path}: {slug}: unknown keys {sorted(unknown)}")
            if entry.get("kind") not in KINDS:
                raise DataFileError(f"{path}: {slug}: kind must be one of {', '.join(KINDS)}")
            if not entry.get("name"):
                raise DataFileError(f"{path}: {slug}: a name is required")
            line = {"slug": slug, "country": country_code, "position": position}
            for name in LINE_FIELDS:
                value = entry.get(name)
                if name == "well_known":
                    line[name] = bool(value)
                elif name == "checked_on":
                    line[name] = _date(value, slug, path)
                else:
                    line[name] = "" if value is None else str(value)
            dataset.lines.append(line)

    for position, country in enumerate(raw.get("countries") or []):
        missing = {"code", "name", "emergency_number"} - set(country)
        if missing:
            raise DataFileError(f"{path}: a country is missing {sorted(missing)}")
        code = str(country["code"]).upper()
        if len(code) != 2:
            raise DataFileError(f"{path}: country code {code!r} must have two letters")
        dataset.countries.append(
            {
                "code": code,
                "name": str(country["name"]),
                "emergency_number": str(country["emergency_number"]),
                "position": position,
            }
        )
        add_lines(country.get("lines"), code)
    add_lines(raw.get("international"), None)
    return dataset


def _date(value, slug, path):
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as error:
        raise DataFileError(f"{path}: {slug}: checked_on must be YYYY-MM-DD") from error
