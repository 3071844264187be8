"""Reading resources/data/helplines.yaml, the versioned file operators edit.

Validated by the one content loader (core.content): a mistake is refused with
the file, the line and the field, e.g.
`resources/data/helplines.yaml:42: countries[0].lines[3].kind: must be one of ...`.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from core import content

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

# Kept for the callers that name it; every mistake is a content.ContentError.
DataFileError = content.ContentError


def _country_code(code: str) -> str:
    code = code.upper()
    if len(code) != 2 or not code.isascii() or not code.isalpha():
        raise ValueError("must be two letters, like GB")
    return code


def _line_slug(slug: str) -> str:
    # What HelpLine.slug accepts: the shipped slugs are small letters and hyphens.
    allowed = all(ch.isascii() and (ch.isalnum() or ch in "-_") for ch in slug)
    if not slug or len(slug) > 80 or not allowed:
        raise ValueError("may only hold letters, digits, hyphens and underscores, up to 80")
    return slug


class LineEntry(content.ContentModel):
    slug: Annotated[str, AfterValidator(_line_slug)]
    kind: Literal[KINDS]  # type: ignore[valid-type]
    name: content.Text = Field(min_length=1, max_length=200)
    phone: content.Text = Field("", max_length=60)
    text_option: content.Text = Field("", max_length=200)
    sms_number: content.Text = Field("", max_length=30)
    sms_body: content.Text = Field("", max_length=40)
    website: content.WebAddress = ""
    hours: content.Text = Field("", max_length=120)
    description: content.Text = ""
    # Every entry says where its facts come from; checked_on is the day someone
    # confirmed them there (empty until then).
    source: content.WebAddress = Field(min_length=1)
    checked_on: content.Day = None
    well_known: bool = False


class CountryEntry(content.ContentModel):
    code: Annotated[content.Text, AfterValidator(_country_code)]
    name: content.Text = Field(min_length=1, max_length=100)
    emergency_number: content.Text = Field(min_length=1, max_length=40)
    lines: list[LineEntry] = []


class HelpLinesFile(content.ContentModel):
    version: content.Version
    countries: list[CountryEntry] = []
    international: list[LineEntry] = []


@dataclass
class Dataset:
    version: int
    countries: list[dict] = field(default_factory=list)  # code, name, emergency_number, position
    # slug, country (code or None), position, LINE_FIELDS
    lines: list[dict] = field(default_factory=list)
    doc: content.Document | None = None
    # Where each country and line was written: (("countries", 0), ...), same order.
    country_locs: list[tuple] = field(default_factory=list)
    line_locs: list[tuple] = field(default_factory=list)


def read(path: Path = DATA_FILE) -> Dataset:
    """The file as plain dicts, or a ContentError saying what is wrong and where."""
    doc = content.read_yaml(path, HelpLinesFile)
    found = doc.data
    dataset = Dataset(version=found.version, doc=doc)
    entries: list[tuple[tuple, LineEntry, str | None]] = []
    for index, country in enumerate(found.countries):
        dataset.countries.append(
            {
                "code": country.code,
                "name": country.name,
                "emergency_number": country.emergency_number,
                "position": index,
            }
        )
        dataset.country_locs.append(("countries", index))
        entries += [
            (("countries", index, "lines", n), line, country.code)
            for n, line in enumerate(country.lines)
        ]
    entries += [(("international", n), line, None) for n, line in enumerate(found.international)]
    codes = [(("countries", n, "code"), c.code) for n, c in enumerate(found.countries)]
    content.unique(doc, codes, what="country code")
    content.unique(doc, [((*loc, "slug"), line.slug) for loc, line, _code in entries])
    for loc, line, code in entries:
        fields = {name: getattr(line, name) for name in LINE_FIELDS}
        dataset.lines.append({"slug": line.slug, "country": code, "position": loc[-1], **fields})
        dataset.line_locs.append(loc)
    return dataset
