"""The public library's content file, scripts/data/scripts.yaml, loaded through
the one content loader (core.content)."""

from pathlib import Path
from typing import Annotated, Literal

from django.db import transaction
from pydantic import AfterValidator, Field

from core import content
from scripts.models import Script, Situation, Tone

DATA_FILE = Path(__file__).resolve().parent / "data" / "scripts.yaml"


def _some_situation(situations: list) -> list:
    if not situations:
        raise ValueError("every script needs at least one situation, so the library can list it")
    return situations


class ScriptEntry(content.ContentModel):
    # Stricter than Django's slug (no capitals, no underscores): slugs end up in
    # the library's URLs and should read the same wherever they're typed.
    slug: content.Slug
    title: content.Text = Field(min_length=1, max_length=120)
    # At least one; the first is the situation the script is mainly for.
    situations: Annotated[
        list[Literal[tuple(Situation.values)]],  # type: ignore[valid-type]
        AfterValidator(_some_situation),
    ]
    tone: Literal[tuple(Tone.values)]  # type: ignore[valid-type]
    body: content.Text = Field(min_length=1)
    note: content.Text = ""


class ScriptsFile(content.ContentModel):
    version: content.Version
    scripts: list[ScriptEntry] = Field(min_length=1)


def read(path: Path = DATA_FILE) -> content.Document[ScriptsFile]:
    doc = content.read_yaml(path, ScriptsFile)
    scripts = doc.data.scripts
    content.unique(doc, [(("scripts", n, "slug"), s.slug) for n, s in enumerate(scripts)])
    for n, script in enumerate(scripts):
        for i, value in enumerate(script.situations):
            if value in script.situations[:i]:
                raise doc.error(("scripts", n, "situations", i), f"{value!r} is listed twice")
    return doc


def load(*, force: bool = False, path: Path = DATA_FILE) -> str:
    doc = read(path)
    rows = [
        content.Row(
            entry.slug,
            {
                "title": entry.title,
                "situations": list(entry.situations),
                "tone": entry.tone,
                "body": entry.body,
                "note": entry.note,
                "position": number,
            },
            doc.data.version,
            doc,
            ("scripts", number - 1),
        )
        for number, entry in enumerate(doc.data.scripts, start=1)
    ]
    with transaction.atomic():
        report = content.upsert(Script, rows, force=force)
    return report.summary(f"Scripts (file version {doc.data.version})")
