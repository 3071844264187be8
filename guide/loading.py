"""Reads the guide's content files and upserts them as Sections.

A content file is guide/content/NN-slug.md: YAML front matter between two
"---" lines, then the body in Markdown.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.db import transaction
from django.db.models import Max

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


@dataclass
class _Step:
    outcome: Outcome
    section: Section
    fill: bool  # whether the file's text replaces what is stored


def load(files: list[SectionFile], force: bool = False) -> list[Outcome]:
    with transaction.atomic():
        steps = [_decide(file, force) for file in files]
        _make_room_for_new_numbers(steps)
        for step in steps:
            if step.fill:
                _fill(step.section, step.outcome.file)
        search.rebuild()
    return [step.outcome for step in steps]


def _decide(file: SectionFile, force: bool) -> _Step:
    section = Section.objects.filter(slug=file.slug).first()
    if section is None:
        return _Step(Outcome(file, "created"), Section(slug=file.slug), fill=True)
    stored = section.version
    same = section.version == file.version and section.content_hash() == file.content_hash()
    if same:
        # Same text; only the bookkeeping may be stale.
        stale = section.source_hash != file.content_hash()
        return _Step(Outcome(file, "unchanged", stored), section, fill=stale)
    if force:
        return _Step(Outcome(file, "updated", stored), section, fill=True)
    if file.version < section.version:
        return _Step(Outcome(file, "kept-newer", stored), section, fill=False)
    if file.version == section.version:
        # An operator's edit stands; otherwise the file changed without a new version.
        status = "unchanged" if section.edited_since_loaded else "same-version"
        return _Step(Outcome(file, status, stored), section, fill=False)
    if section.edited_since_loaded:
        return _Step(Outcome(file, "kept-edit", stored), section, fill=False)
    return _Step(Outcome(file, "updated", stored), section, fill=True)


def _make_room_for_new_numbers(steps: list[_Step]) -> None:
    """Sections may swap or shift numbers between versions of the files. The
    numbers are unique, so the sections that move first step aside to numbers
    nobody uses; _fill then gives each its new number. A number still held by a
    section that keeps it (no file, or a file that is not loaded) is an error."""
    movers = [
        step
        for step in steps
        if step.fill
        and (step.section.pk is None or step.section.number != step.outcome.file.number)
    ]
    if not movers:
        return
    moving = {step.section.pk for step in movers if step.section.pk is not None}
    skipped = {step.section.pk: step for step in steps if not step.fill}
    holders = {s.number: s for s in Section.objects.exclude(pk__in=moving)}
    for step in movers:
        file = step.outcome.file
        holder = holders.get(file.number)
        if holder is None or holder.pk == step.section.pk:
            continue
        if holder.pk in skipped:
            raise ContentError(
                f"{file.name}: section {file.number} is still stored with the slug "
                f"{holder.slug!r}, and {skipped[holder.pk].outcome.file.name} was not loaded "
                f"({skipped[holder.pk].outcome.status}); raise that file's version too, "
                "or run with --force"
            )
        raise ContentError(
            f"{file.name}: section {file.number} is already stored with the slug "
            f"{holder.slug!r}; rename it in the admin or remove it first"
        )
    highest = Section.objects.aggregate(highest=Max("number"))["highest"] or 0
    aside = max([highest, *(step.outcome.file.number for step in steps)]) + 1
    for offset, pk in enumerate(sorted(moving, key=str)):
        # update(), not save(): nothing to render or index for a number that
        # only lasts until the end of this transaction.
        Section.objects.filter(pk=pk).update(number=aside + offset)


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
