"""One loader for the content files: the guide, help lines, scripts, and the next
rooms' daily inspirations and newsletter tips.

Every content file goes the same way:

1. `read_yaml` (or `read_markdown`, for a Markdown file with YAML front matter)
   reads the file and keeps the line of every value;
2. a pydantic model the feature declares validates it; any mistake becomes one
   `ContentError` naming the file, the line and the field, e.g.
   `resources/data/helplines.yaml:42: international[3].phone: must be text`;
3. `upsert` writes the rows under one rule for operators' admin edits: a row
   follows its file, unless an operator edited it in the admin (then the edit
   stands until `force=True`); rows gone from the file are removed, unless an
   operator edited them. The models stand on `ContentRow`, and their admins
   on `OperatorEditsAdmin`, which marks a row as edited when it is saved.

A new content file is a pydantic model and a few lines. The daily
inspirations, say, in `inspire/content_files.py`:

    from pathlib import Path
    from typing import Literal

    from pydantic import Field

    from core import content
    from inspire.models import Inspiration   # class Inspiration(ContentRow), from core.content_rows

    DATA_FILE = Path(__file__).resolve().parent / "data" / "inspirations.yaml"

    class Entry(content.ContentModel):
        slug: content.Slug
        text: content.Text = Field(min_length=1, max_length=280)
        season: Literal["any", "winter", "spring", "summer", "autumn"] = "any"

    class InspirationsFile(content.ContentModel):
        version: content.Version
        inspirations: list[Entry] = Field(min_length=1)

    def load(*, force: bool = False, path: Path = DATA_FILE) -> str:
        doc = content.read_yaml(path, InspirationsFile)
        entries = doc.data.inspirations
        content.unique(doc, [(("inspirations", i, "slug"), e.slug) for i, e in enumerate(entries)])
        rows = [
            content.Row(e.slug, {"text": e.text, "season": e.season, "position": i},
                        doc.data.version, doc, ("inspirations", i))
            for i, e in enumerate(entries)
        ]
        return content.upsert(Inspiration, rows, force=force).summary("Daily inspirations")

and `content="inspire.content_files"` in `inspire/feature.py`, so that
`manage.py load_content` (which `bin/run` calls on every start) loads it too.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Generic, TypeVar

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import URLValidator
from django.db import models, transaction
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict
from pydantic import ValidationError as PydanticValidationError

from core.content_rows import ContentRow, OperatorEditsAdmin  # noqa: F401 (for loaders)

Loc = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)


# ---- Errors ------------------------------------------------------------------


class ContentError(ValueError):
    """A mistake in a content file, said as `file:line: field: what is wrong`."""

    def __init__(self, path: Path | str, line: int, field: str, problem: str) -> None:
        self.path = display_path(path)
        self.line = line
        self.field = field
        self.problem = problem
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {field}: {problem}" if field else f"{where}: {problem}")


def display_path(path: Path | str) -> str:
    """The path from the project's folder when the file lives there, else in full."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path(settings.BASE_DIR).resolve()))
    except ValueError:
        return str(path)


def field_name(loc: Sequence[str | int]) -> str:
    """("countries", 0, "lines", 3, "phone") -> "countries[0].lines[3].phone"."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


# ---- Reading YAML with its line numbers ----------------------------------------


@dataclass
class Document(Generic[M]):
    """A validated content file and where each of its values was written."""

    path: Path
    data: M
    lines: dict[Loc, int]
    # Markdown files only: the text after the front matter, and its first line.
    body: str = ""
    body_line: int = 0

    def line(self, loc: Sequence[str | int]) -> int:
        """The line of `loc`, or of the nearest enclosing value written in the file."""
        loc = tuple(loc)
        while loc and loc not in self.lines:
            loc = loc[:-1]
        return self.lines.get(loc, 1)

    def error(self, loc: Sequence[str | int], problem: str) -> ContentError:
        return ContentError(self.path, self.line(loc), field_name(loc), problem)


def read_yaml(path: Path, model: type[M]) -> Document[M]:
    """A YAML file validated by `model`, or a ContentError saying what is wrong and where."""
    text = _read_text(path)
    data, lines = parse_yaml(text, path)
    return Document(path, validate(model, data, lines, path), lines)


FRONT_MATTER = re.compile(r"\A---\n(.*?\n)?---\n(.*)\Z", re.DOTALL)


def read_markdown(path: Path, model: type[M]) -> Document[M]:
    """A Markdown file that starts with YAML front matter between two `---` lines."""
    text = _read_text(path)
    found = FRONT_MATTER.match(text)
    if not found:
        raise ContentError(path, 1, "", "it must start with front matter between two --- lines")
    front = found.group(1) or ""
    # The front matter starts on line 2; the body right after the closing ---.
    data, lines = parse_yaml(front, path, first_line=2)
    doc = Document(path, validate(model, data, lines, path), lines)
    doc.body = found.group(2)
    doc.body_line = 3 + front.count("\n")
    return doc


def _read_text(path: Path) -> str:
    try:
        return Path(path).read_text(encoding="utf-8").replace("\r\n", "\n")
    except FileNotFoundError:
        raise ContentError(path, 0, "", "there is no such file") from None
    except UnicodeDecodeError as error:
        line = error.object[: error.start].count(b"\n") + 1
        raise ContentError(path, line, "", "this line is not UTF-8 text") from None
    except OSError as error:
        raise ContentError(path, 0, "", f"it could not be read ({error.strerror})") from None


def parse_yaml(text: str, path: Path, first_line: int = 1) -> tuple[Any, dict[Loc, int]]:
    """Plain Python data (as yaml.safe_load gives) and the line of every value in it."""
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
        lines: dict[Loc, int] = {}
        data = _Builder(loader, path, first_line, lines).build(root, ())
    except yaml.MarkedYAMLError as error:
        raise _syntax_error(error, text, path, first_line) from None
    except yaml.YAMLError as error:
        raise ContentError(path, first_line, "", f"this is not valid YAML ({error})") from None
    finally:
        loader.dispose()
    return data, lines


@dataclass
class _Builder:
    loader: yaml.SafeLoader
    path: Path
    offset: int
    lines: dict[Loc, int]
    open_nodes: set[int] = field(default_factory=set)

    def line(self, node: yaml.Node) -> int:
        return node.start_mark.line + self.offset

    def build(self, node: yaml.Node | None, loc: Loc) -> Any:
        if node is None:  # an empty file
            return None
        self.lines.setdefault(loc, self.line(node))
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, loc)
        if id(node) in self.open_nodes:
            raise ContentError(self.path, self.line(node), field_name(loc), "it refers to itself")
        self.open_nodes.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
            assert isinstance(node, yaml.MappingNode)  # the only other kind of node
            return self.mapping(node, loc)
        finally:
            self.open_nodes.discard(id(node))

    def mapping(self, node: yaml.MappingNode, loc: Loc) -> dict:
        self.loader.flatten_mapping(node)  # "<<: *defaults" merges
        result: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise ContentError(
                    self.path, self.line(key_node), field_name(loc), "a name must be plain text"
                )
            key = self.scalar(key_node, loc)
            child = (*loc, key if isinstance(key, int) else str(key))
            if key in result:
                raise ContentError(
                    self.path,
                    self.line(key_node),
                    field_name(child),
                    "this name is given twice in the same entry",
                )
            result[key] = self.build(value_node, child)
            # The name's own line: for a nested list it is the line above the values.
            self.lines[child] = self.line(key_node)
        return result

    def scalar(self, node: yaml.ScalarNode, loc: Loc) -> Any:
        try:
            return self.loader.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as error:
            problem = f"YAML cannot read this ({error.problem})"
            raise ContentError(self.path, self.line(node), field_name(loc), problem) from None
        except ValueError:
            # Looks like a date but is not one (2024-13-45): keep the text, and
            # let the model say what it expected.
            return node.value


KEY_ON_LINE = re.compile(r"^\s*(?:-\s+)?([\w-]+)\s*:")


def _syntax_error(error: yaml.MarkedYAMLError, text: str, path: Path, offset: int) -> ContentError:
    problem = error.problem or error.context or ""
    problem = problem.replace("'<stream end>'", "the end of the file")
    problem = problem.replace("found unexpected end of stream", "it never closes (the file ends)")
    mark = error.problem_mark or error.context_mark
    if "never closes" in problem or "end of the file" in problem:
        # Something opened (a quote, a bracket) never closed: where it opened
        # is where the mistake is.
        mark = error.context_mark or mark
    index = mark.line if mark else 0
    source_lines = text.split("\n")
    key = KEY_ON_LINE.match(source_lines[index]) if index < len(source_lines) else None
    return ContentError(
        path, index + offset, key.group(1) if key else "", f"this is not valid YAML: {problem}"
    )


# ---- Validation ----------------------------------------------------------------


class ContentModel(BaseModel):
    """Base for the pydantic models that describe a content file.

    Strict: a version must be a number, not "2"; a name must not be a list.
    Unknown names are refused, so a typo ("phnoe:") is caught, not ignored.
    """

    model_config = ConfigDict(strict=True, extra="forbid", str_strip_whitespace=True, frozen=True)


def _as_text(value: Any) -> Any:
    if value is None:
        return ""
    # A number written without quotes ("911") is fine as text; true/false is a slip.
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


def _as_date(value: Any) -> Any:
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError("must be a date written as YYYY-MM-DD") from None
    return value


SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _slug(value: str) -> str:
    if not SLUG.match(value) or len(value) > 80:
        raise ValueError(
            "a slug may only hold small letters a-z, digits and single hyphens, up to 80 characters"
        )
    return value


def _web_address(value: str) -> str:
    if value:
        try:
            URLValidator(schemes=["http", "https"])(value)
        except DjangoValidationError:
            raise ValueError("must be a web address starting with https://") from None
    return value


# Text; empty when left out or left blank. Numbers written without quotes count.
Text = Annotated[str, BeforeValidator(_as_text)]
# A date written as YYYY-MM-DD, or nothing.
Day = Annotated[date | None, BeforeValidator(_as_date)]
# The stable name a row is matched by: small letters, digits and hyphens.
Slug = Annotated[str, AfterValidator(_slug)]
WebAddress = Annotated[Text, AfterValidator(_web_address)]


def _version(value: int) -> int:
    if value < 0:
        raise ValueError("must be a whole number, 0 or more, like 3")
    return value


Version = Annotated[int, AfterValidator(_version)]


def validate(model: type[M], data: Any, lines: dict[Loc, int], path: Path) -> M:
    try:
        return model.model_validate(data)
    except PydanticValidationError as error:
        doc: Document = Document(path, None, lines)
        # One mistake at a time, the first in the file; a misspelt name ("sumary")
        # also leaves a field missing, and the misspelling says more.
        first = min(
            error.errors(include_url=False),
            key=lambda e: (e["type"] == "missing", doc.line(e["loc"])),
        )
        raise doc.error(first["loc"], plain_message(first)) from None


def _found(error: Any) -> str:
    value = error.get("input")
    if isinstance(value, bool):
        return f" (it says {str(value).lower()})"
    if isinstance(value, str | int | float | date) and len(str(value)) <= 40:
        return f" (it says {value!r})" if isinstance(value, str) else f" (it says {value})"
    return ""


def plain_message(error: Any) -> str:
    """What is wrong, in the words an operator editing the file would use."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return "this is needed but missing"
    if kind == "extra_forbidden":
        return "this name is not one the file may use (a typo?)"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind == "string_type":
        return "must be text" + _found(error)
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is {len(error['input'])} characters; the most is {ctx['max_length']}"
    if kind.startswith("int_"):
        return "must be a whole number, like 3" + _found(error)
    if kind.startswith("bool_"):
        return "must be true or false" + _found(error)
    if kind.startswith("date_"):
        return "must be a date written as YYYY-MM-DD" + _found(error)
    if kind == "list_type":
        return "must be a list (lines starting with -)" + _found(error)
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "must be a set of name: value lines" + _found(error)
    if kind == "literal_error":
        return f"must be one of {ctx['expected']}" + _found(error)
    if kind == "too_short":
        return f"must hold at least {ctx.get('min_length', 1)}"
    return error["msg"]


def unique(doc: Document, entries: Iterable[tuple[Loc, Any]], what: str = "slug") -> None:
    """Refuse a file that uses the same key twice, naming the second place."""
    seen: dict[Any, Loc] = {}
    for loc, value in entries:
        if value in seen:
            raise doc.error(
                loc,
                f"the {what} {value!r} is already used on line {doc.line(seen[value])}; "
                f"each needs its own",
            )
        seen[value] = loc


# ---- Writing rows: one rule for operators' edits --------------------------------

# The model and admin halves live in core/content_rows.py, which models and
# admin modules import without pulling in YAML or pydantic.


@dataclass
class Row:
    """One entry of a content file, as the model fields it sets."""

    key: Any
    fields: dict[str, Any]
    version: int = 0
    doc: Document | None = None
    loc: Loc = ()


@dataclass
class Step:
    row: Row
    obj: Any
    status: str  # added, updated, unchanged, kept

    @property
    def writes(self) -> bool:
        return self.status in ("added", "updated")


STATUS_WORDS = {
    "added": "added",
    "updated": "updated",
    "unchanged": "unchanged",
    "kept": "kept as edited in the admin",
    "removed": "removed",
}


@dataclass
class Report:
    counts: Counter = field(default_factory=Counter)
    kept: list[str] = field(default_factory=list)

    def summary(self, label: str) -> str:
        line = f"{label}: {self.counts_text()}"
        if self.kept:
            line += f". {self.kept_text()}"
        return line + "."

    def counts_text(self) -> str:
        parts = [f"{self.counts[s]} {STATUS_WORDS[s]}" for s in STATUS_WORDS if self.counts[s]]
        return ", ".join(parts) or "nothing in the file"

    def kept_text(self) -> str:
        names = ", ".join(self.kept[:5]) + (" and more" if len(self.kept) > 5 else "")
        return f"Kept as edited in the admin: {names} (--force replaces them with the file)"


@dataclass
class Plan:
    model: type[ContentRow]
    steps: list[Step]
    stale: models.QuerySet


def plan(
    model: type[ContentRow],
    rows: list[Row],
    *,
    key: str = "slug",
    force: bool = False,
    removable: models.QuerySet | None = None,
) -> Plan:
    """What loading `rows` would do to each stored row, and which rows go."""
    keys = [row.key for row in rows]
    stored = {
        getattr(obj, key): obj
        # No ordering: a default ordering across a relation would join, and
        # PostgreSQL locks no rows on the nullable side of an outer join.
        for obj in model._default_manager.select_for_update(of=("self",))
        .filter(**{f"{key}__in": keys})
        .order_by()
    }
    steps = []
    for row in rows:
        obj = stored.get(row.key)
        if obj is None:
            steps.append(Step(row, model(**{key: row.key}), "added"))
            continue
        same = all(getattr(obj, name) == value for name, value in row.fields.items())
        edited = obj.edited_by_operator
        if edited and force:
            status = "updated"
        elif same:
            status = "unchanged"
        else:
            status = "kept" if edited else "updated"
        steps.append(Step(row, obj, status))
    # Rows with no key never came from a file; edited rows are the operators'.
    pool = model._default_manager.all() if removable is None else removable
    stale = pool.exclude(**{f"{key}__in": keys}).filter(
        **{f"{key}__isnull": False, "edited_by_operator": False}
    )
    return Plan(model, steps, stale)


def apply(plan: Plan, prepare: Callable[[Plan], None] | None = None) -> Report:
    """Remove the stale rows, let `prepare` make room, then write the rest."""
    report = Report()
    with transaction.atomic():
        report.counts["removed"] = plan.stale.count()
        if report.counts["removed"]:
            plan.stale.delete()
        if prepare is not None:
            prepare(plan)
        catch_up: dict[int, list] = {}
        for step in plan.steps:
            report.counts[step.status] += 1
            if step.status == "kept":
                report.kept.append(str(step.row.key))
            elif step.writes:
                _write(step)
            elif step.obj.source_version != step.row.version and not step.obj.edited_by_operator:
                catch_up.setdefault(step.row.version, []).append(step.obj.pk)
        for version, pks in catch_up.items():
            # Same text, newer file: only the bookkeeping moves on.
            plan.model._default_manager.filter(pk__in=pks).update(source_version=version)
    return report


def upsert(
    model: type[ContentRow],
    rows: list[Row],
    *,
    key: str = "slug",
    force: bool = False,
    removable: models.QuerySet | None = None,
) -> Report:
    """Load rows under the one rule: the file wins, except over an operator's edit."""
    with transaction.atomic():
        return apply(plan(model, rows, key=key, force=force, removable=removable))


def _write(step: Step) -> None:
    obj, row = step.obj, step.row
    for name, value in row.fields.items():
        setattr(obj, name, value)
    obj.source_version = row.version
    obj.edited_by_operator = False
    try:
        # A last guard with the database's own rules; the file's model should
        # have caught everything already.
        obj.full_clean(validate_unique=False, validate_constraints=False)
    except DjangoValidationError as error:
        name, messages = next(iter(error.message_dict.items()))
        loc = (*row.loc, name) if name != "__all__" else row.loc
        if row.doc is None:
            raise ContentError("", 0, field_name(loc), " ".join(messages)) from None
        raise row.doc.error(loc, " ".join(messages)) from None
    obj.save()


# ---- Commands ------------------------------------------------------------------


class LoadCommand(BaseCommand):
    """A command that loads one feature's content files (`load_content` loads them all)."""

    loader: Callable[..., str]
    path_option = "--file"
    default_path: Path

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace rows edited in the admin with the file's version too.",
        )
        parser.add_argument(
            self.path_option, dest="path", type=Path, default=self.default_path, help="Other files."
        )

    def handle(self, *args, force=False, path=None, **options):
        try:
            summary = type(self).loader(force=force, path=path)
        except ContentError as error:
            raise CommandError(str(error)) from None
        if options["verbosity"] > 0:
            self.stdout.write(summary)
