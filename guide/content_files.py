"""The guide's content files: guide/content/NN-slug.md, YAML front matter between
two "---" lines, then the section's body in Markdown. Loaded by the one content
loader (core.content); `manage.py load_content` (or `load_guide`) runs `load`.
"""

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from django.db import transaction
from django.db.models import Max
from pydantic import AfterValidator, Field

from core import content
from guide import search
from guide import tools as guide_tools
from guide.models import Section

CONTENT_DIR = Path(__file__).resolve().parent / "content"
FILENAME = re.compile(r"^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$")
# Paths under /guide/ that a section slug must not take.
RESERVED_SLUGS = {"search", "for-supporters", "print"}


def _free_slug(slug: str) -> str:
    if slug in RESERVED_SLUGS:
        raise ValueError(f"the slug {slug!r} is taken by a guide page")
    return slug


def _tools(tools: list) -> list:
    try:
        return guide_tools.validate(tools)
    except guide_tools.ToolError as error:
        raise ValueError(str(error)) from None


class FrontMatter(content.ContentModel):
    number: int = Field(ge=1, le=99)
    slug: Annotated[content.Slug, AfterValidator(_free_slug)]
    title: content.Text = Field(min_length=1, max_length=200)
    summary: content.Text = Field(min_length=1)
    version: content.Version
    # Checked by guide.tools, the same check the admin makes.
    tools: Annotated[list[Any], AfterValidator(_tools)] = []
    help_lines: bool = False


@dataclass
class SectionFile:
    number: int
    slug: str
    title: str
    summary: str
    version: int
    body: str
    tools: list
    show_help_lines: bool
    name: str
    doc: content.Document

    def row(self) -> content.Row:
        fields = {
            "number": self.number,
            "title": self.title,
            "summary": self.summary,
            "body_markdown": self.body,
            "tools": self.tools,
            "show_help_lines": self.show_help_lines,
        }
        return content.Row(self.slug, fields, self.version, self.doc)


def read_file(path: Path) -> SectionFile:
    named = FILENAME.match(path.name)
    if not named:
        raise content.ContentError(path, 0, "", "the name must look like 01-some-slug.md")
    doc = content.read_markdown(path, FrontMatter)
    meta = doc.data
    if meta.number != int(named.group(1)):
        raise doc.error(("number",), f"must match the file name ({path.name})")
    if meta.slug != named.group(2):
        raise doc.error(("slug",), f"must match the file name ({path.name})")
    body = doc.body.strip() + "\n"
    if not body.strip():
        raise content.ContentError(path, doc.body_line, "body", "the body is empty")
    return SectionFile(
        number=meta.number,
        slug=meta.slug,
        title=meta.title,
        summary=meta.summary,
        version=meta.version,
        body=body,
        tools=meta.tools,
        show_help_lines=meta.help_lines,
        name=path.name,
        doc=doc,
    )


def read_all(folder: Path = CONTENT_DIR) -> list[SectionFile]:
    files = [read_file(path) for path in sorted(Path(folder).glob("*.md"))]
    if not files:
        raise content.ContentError(folder, 0, "", "there are no guide files (NN-slug.md) here")
    seen: dict[int, SectionFile] = {}
    for file in files:
        if file.number in seen:
            raise file.doc.error(
                ("number",), f"{seen[file.number].name} has the number {file.number} too"
            )
        seen[file.number] = file
    return files


def load(*, force: bool = False, path: Path = CONTENT_DIR) -> str:
    files = read_all(path)
    by_slug = {file.slug: file for file in files}
    with transaction.atomic():
        plan = content.plan(Section, [file.row() for file in files], force=force)
        report = content.apply(plan, prepare=lambda plan: _make_room(plan, by_slug))
        search.rebuild()
    return report.summary(f"Guide, {len(files)} sections")


def _make_room(plan: content.Plan, files: dict[str, SectionFile]) -> None:
    """Sections may swap or shift numbers between versions of the files. The
    numbers are unique, so the sections that move first step aside to numbers
    nobody uses; the writes then give each its new number. A number still held
    by a section that keeps it (kept as edited in the admin, or not in the
    files) is an error."""
    movers = [
        step
        for step in plan.steps
        if step.writes and (step.obj.pk is None or step.obj.number != step.row.fields["number"])
    ]
    if not movers:
        return
    moving = {step.obj.pk for step in movers if step.obj.pk is not None}
    holders = {s.number: s for s in Section.objects.exclude(pk__in=moving)}
    for step in movers:
        number = step.row.fields["number"]
        holder = holders.get(number)
        if holder is None or holder.pk == step.obj.pk:
            continue
        file = files[step.row.key]
        if holder.slug in files:
            raise file.doc.error(
                ("number",),
                f"section {number} is still stored with the slug {holder.slug!r}, which was "
                "edited in the admin and is kept; give it its new number there too, "
                "or run with --force",
            )
        raise file.doc.error(
            ("number",),
            f"section {number} is already stored with the slug {holder.slug!r}, which was "
            "added in the admin; renumber or remove it there first",
        )
    highest = Section.objects.aggregate(highest=Max("number"))["highest"] or 0
    aside = max([highest, *(file.number for file in files.values())]) + 1
    for offset, pk in enumerate(sorted(moving, key=str)):
        # update(), not save(): nothing to render or index for a number that
        # only lasts until the end of this transaction.
        Section.objects.filter(pk=pk).update(number=aside + offset)
