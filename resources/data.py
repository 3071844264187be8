"""Reading resources/data/helplines.yaml, the versioned file operators edit."""

import re
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
    """The file as plain dicts, or DataFileError saying what is wrong and where."""
    try:
        with open(path, encoding="utf-8") as handle:
            raw = yaml.safe_load(handle) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise DataFileError(f"{path}: could not be read: {error}") from error
    if not isinstance(raw, dict) or "version" not in raw:
        raise DataFileError(f"{path}: a top-level 'version:' key is required")
    version = raw["version"]
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise DataFileError(f"{path}: 'version:' must be a whole number, like 3")
    dataset = Dataset(version=version)
    seen: set[str] = set()

    def add_lines(entries, country_code, where):
        for position, entry in enumerate(_list(entries, where, path)):
            if not isinstance(entry, dict):
                raise DataFileError(f"{path}: {where}: entry {position + 1} must be a mapping")
            slug = entry.get("slug")
            if not slug:
                raise DataFileError(f"{path}: every entry needs a slug ({entry.get('name')!r})")
            if not isinstance(slug, str) or not SLUG.match(slug):
                raise DataFileError(
                    f"{path}: {where}: the slug {slug!r} may only hold letters, digits, "
                    "hyphens and underscores"
                )
            if slug in seen:
                raise DataFileError(f"{path}: the slug {slug!r} is used twice")
            seen.add(slug)
            unknown = set(entry) - set(LINE_FIELDS) - {"slug"}
            if unknown:
                raise DataFileError(f"{path}: {slug}: unknown keys {sorted(map(str, unknown))}")
            if entry.get("kind") not in KINDS:
                raise DataFileError(f"{path}: {slug}: kind must be one of {', '.join(KINDS)}")
            if not entry.get("name"):
                raise DataFileError(f"{path}: {slug}: a name is required")
            line = {"slug": slug, "country": country_code, "position": position}
            for name in LINE_FIELDS:
                value = entry.get(name)
                if name == "well_known":
                    if value is not None and not isinstance(value, bool):
                        raise DataFileError(f"{path}: {slug}: well_known must be true or false")
                    line[name] = bool(value)
                elif name == "checked_on":
                    line[name] = _date(value, slug, path)
                else:
                    line[name] = _text(value, f"{slug}: {name}", path)
            dataset.lines.append(line)

    for position, country in enumerate(_list(raw.get("countries"), "countries", path)):
        if not isinstance(country, dict):
            raise DataFileError(f"{path}: country {position + 1} must be a mapping")
        missing = {"code", "name", "emergency_number"} - set(country)
        if missing:
            raise DataFileError(f"{path}: a country is missing {sorted(missing)}")
        code = _text(country["code"], "country code", path).upper()
        if len(code) != 2 or not code.isascii() or not code.isalpha():
            raise DataFileError(f"{path}: country code {code!r} must have two letters")
        dataset.countries.append(
            {
                "code": code,
                "name": _text(country["name"], f"{code}: name", path),
                "emergency_number": _text(
                    country["emergency_number"], f"{code}: emergency_number", path
                ),
                "position": position,
            }
        )
        add_lines(country.get("lines"), code, f"{code}: lines")
    add_lines(raw.get("international"), None, "international")
    return dataset


SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,80}$")  # what HelpLine.slug accepts


def _list(value, where, path) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise DataFileError(f"{path}: {where} must be a list")
    return value


def _text(value, where, path) -> str:
    if value is None:
        return ""
    # Numbers are fine ("911" written without quotes); lists and mappings are a slip.
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise DataFileError(f"{path}: {where} must be text")
    return str(value)


def _date(value, slug, path):
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as error:
        raise DataFileError(f"{path}: {slug}: checked_on must be YYYY-MM-DD") from error
