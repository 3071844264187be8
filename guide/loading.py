"""Reads the guide's content files and upserts them as Sections.

A content file is guide/content/NN-slug.md: YAML front matter between two
"---" lines, then the body in Markdown.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.db import transaction

from guide import search
from guide import tools as guide_tools
from guide.models import Section
from guide.rendering import content_hash

CONTENT_DIR = Path(__file__).resolve().parent / "content"
FILENAME = re.compile(r"^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$")
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n(.*)\Z", re.DOTALL)
# Paths under /guide/ that a section slug must not take.
RESERVED_SLUGS = {"search", "for-supporters", "print"}
REQUIRED = ("number", "title", "slug", "summary", "version")


class ContentError(Exception):
    pass


@dataclass
class SectionFile:
    number: int
    slug: str
    title: str
    summary: str
    version: int
    body: str
    tools: list = field(default_factory=list)
    show_help_lines: bool = False
    name: str = ""

    def content_hash(self) -> str:
        return content_hash(
            self.title, self.summary, self.body, self.tools, self.number, self.show_help_lines
        )


def read_file(path: Path) -> SectionFile:
    name = path.name
    named = FILENAME.match(name)
    if not named:
        raise ContentError(f"{name}: the name must look like 01-some-slug.md")
    found = FRONT_MATTER.match(path.read_text(encoding="utf-8").replace("\r\n", "\n"))
    if not found:
        raise ContentError(f"{name}: it must start with front matter between two --- lines")
    try:
        meta = yaml.safe_load(found.group(1)) or {}
    except yaml.YAMLError as error:
        raise ContentError(f"{name}: the front matter is not valid YAML ({error})") from None
    missing = [key for key in REQUIRED if key not in meta]
    if missing:
        raise ContentError(f"{name}: the front matter needs {', '.join(missing)}")
    if meta["number"] != int(named.group(1)) or meta["slug"] != named.group(2):
        raise ContentError(f"{name}: number and slug must match the file name")
    if meta["slug"] in RESERVED_SLUGS:
        raise ContentError(f"{name}: the slug {meta['slug']!r} is taken by a guide page")
    if not isinstance(meta["version"], int) or meta["version"] < 1:
        raise ContentError(f"{name}: version must be a whole number, 1 or more")
    body = found.group(2).strip() + "\n"
    if len(body.strip()) == 0:
        raise ContentError(f"{name}: the body is empty")
    return SectionFile(
        number=meta["number"],
        slug=meta["slug"],
        title=str(meta["title"]).strip(),
        summary=str(meta["summary"]).strip(),
        version=meta["version"],
        body=body,
        tools=_tools(name, meta.get("tools") or []),
        show_help_lines=bool(meta.get("help_lines", False)),
        name=name,
    )


def _tools(name: str, tools) -> list:
    try:
        return guide_tools.validate(tools)
    except guide_tools.ToolError as error:
        raise ContentError(f"{name}: {error}") from None


def read_all(folder: Path = CONTENT_DIR) -> list[SectionFile]:
    files = [read_file(path) for path in sorted(folder.glob("*.md"))]
    numbers = [f.number for f in files]
    if len(set(numbers)) != len(numbers):
        raise ContentError("two content files share a number")
    return files


@dataclass
class Outcome:
    file: SectionFile
    status: str  # created, updated, unchanged, kept-edit, kept-newer, same-version
    stored_version: int | None = None


def load(files: list[SectionFile], force: bool = False) -> list[Outcome]:
    outcomes = []
    with transaction.atomic():
        for file in files:
            outcomes.append(_load_one(file, force))
        search.rebuild()
    return outcomes


def _load_one(file: SectionFile, force: bool) -> Outcome:
    section = Section.objects.filter(slug=file.slug).first()
    if section is None:
        clash = Section.objects.filter(number=file.number).first()
        if clash is not None:
            raise ContentError(
                f"{file.name}: section {file.number} is already stored with the slug "
                f"{clash.slug!r}; rename it in the admin or remove it first"
            )
        section = Section(slug=file.slug)
        _fill(section, file)
        return Outcome(file, "created")
    stored = section.version
    same = section.version == file.version and section.content_hash() == file.content_hash()
    if same:
        if section.source_hash != file.content_hash():
            _fill(section, file)  # same text, only the bookkeeping was stale
        return Outcome(file, "unchanged", stored)
    if force:
        _fill(section, file)
        return Outcome(file, "updated", stored)
    if file.version < section.version:
        return Outcome(file, "kept-newer", stored)
    if file.version == section.version:
        if section.edited_since_loaded:
            return Outcome(file, "unchanged", stored)  # the operator's edit stands
        return Outcome(file, "same-version", stored)
    if section.edited_since_loaded:
        return Outcome(file, "kept-edit", stored)
    _fill(section, file)
    return Outcome(file, "updated", stored)


def _fill(section: Section, file: SectionFile) -> None:
    section.number = file.number
    section.title = file.title
    section.summary = file.summary
    section.body_markdown = file.body
    section.tools = file.tools
    section.show_help_lines = file.show_help_lines
    section.version = file.version
    section.source_hash = file.content_hash()
    section.save()
