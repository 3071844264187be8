"""The public library: loading scripts.yaml, and filtering it for the library page."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.db import transaction

from scripts.models import Script, Situation, Tone

DATA_FILE = Path(__file__).resolve().parent / "data" / "scripts.yaml"
FIELDS = ("title", "situation", "tone", "body", "note")
# Stricter than Django's slug (no capitals, no underscores): slugs end up in
# the library's URLs and should read the same wherever they're typed.
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class LibraryFileError(ValueError):
    pass


@dataclass
class LoadResult:
    version: int
    created: int = 0
    updated: int = 0
    kept_edited: int = 0
    unchanged: int = 0


def read_file(path: Path = DATA_FILE) -> tuple[int, list[dict]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise LibraryFileError(f"Could not read {path}: {error}") from error
    version = data.get("version") if isinstance(data, dict) else None
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise LibraryFileError(f"{path} needs a whole-number `version:` at the top.")
    entries = data.get("scripts")
    if not isinstance(entries, list) or not entries:
        raise LibraryFileError(f"{path} has no `scripts:` list.")
    seen: set[str] = set()
    clean = []
    for number, entry in enumerate(entries, start=1):
        where = (
            f"script {number} ({entry.get('slug', 'no slug') if isinstance(entry, dict) else '?'})"
        )
        if not isinstance(entry, dict):
            raise LibraryFileError(f"{where}: each script must be a mapping.")
        slug = str(entry.get("slug") or "").strip()
        if not slug or slug in seen:
            raise LibraryFileError(f"{where}: every script needs its own unique slug.")
        if not SLUG.match(slug) or len(slug) > _max_length("slug"):
            raise LibraryFileError(
                f"{where}: a slug may only hold small letters a-z, digits and single "
                f"hyphens, up to {_max_length('slug')} characters."
            )
        seen.add(slug)
        if entry.get("situation") not in Situation.values:
            raise LibraryFileError(f"{where}: situation must be one of {Situation.values}.")
        if entry.get("tone") not in Tone.values:
            raise LibraryFileError(f"{where}: tone must be one of {Tone.values}.")
        for required in ("title", "body"):
            if not str(entry.get(required) or "").strip():
                raise LibraryFileError(f"{where}: `{required}` is empty.")
        for name in FIELDS:
            value = entry.get(name)
            if value is not None and not isinstance(value, (str, int, float)):
                raise LibraryFileError(f"{where}: `{name}` must be text.")
        row = {name: str(entry.get(name) or "").strip() for name in FIELDS}
        for name in FIELDS:
            limit = _max_length(name)
            if limit is not None and len(row[name]) > limit:
                raise LibraryFileError(
                    f"{where}: `{name}` is {len(row[name])} characters; the most is {limit}."
                )
        row["slug"] = slug
        row["position"] = number
        clean.append(row)
    return version, clean


def _max_length(name: str) -> int | None:
    return Script._meta.get_field(name).max_length


def load(path: Path = DATA_FILE, force: bool = False) -> LoadResult:
    """Upsert by slug. Rows an operator edited stay as they are unless `force`.

    A row is refreshed when the file's version is newer than the one it was
    loaded from; with the same version, running again changes nothing.
    """
    version, rows = read_file(path)
    result = LoadResult(version=version)
    with transaction.atomic():
        existing = {s.slug: s for s in Script.objects.select_for_update()}
        for row in rows:
            script = existing.get(row["slug"])
            if script is None:
                Script.objects.create(**row, source_version=version)
                result.created += 1
                continue
            if script.edited_by_operator and not force:
                result.kept_edited += 1
                continue
            if script.source_version == version and not force:
                result.unchanged += 1
                continue
            for name, value in row.items():
                setattr(script, name, value)
            script.source_version = version
            script.edited_by_operator = False
            script.save()
            result.updated += 1
    return result


def _fold(text: str) -> str:
    """Lower case without accents, so "cafe" finds "café"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def find(situation: str = "", tone: str = "", query: str = "") -> list[Script]:
    """Scripts matching the filters. The search words are matched here, in
    Python, so they never reach the database, a log or a URL."""
    scripts = Script.objects.all()
    if situation:
        scripts = scripts.filter(situation=situation)
    if tone:
        scripts = scripts.filter(tone=tone)
    words = _fold(query).split()
    found = [
        script
        for script in scripts
        if all(word in _fold(f"{script.title} {script.body} {script.note}") for word in words)
    ]
    # Grouped by situation in the order people are likely to need them.
    order = {value: index for index, value in enumerate(Situation.values)}
    found.sort(key=lambda s: (order.get(s.situation, len(order)), s.position, s.title))
    return found
