"""The safety plan as a PDF, made in memory: nothing is written to disk.

Text may be in any script. DejaVu Sans (Debian: fonts-dejavu-core) covers
Latin, Greek, Cyrillic, Arabic, Hebrew and more; for other scripts we add
whichever installed Noto fonts (fonts-noto-core, fonts-noto-cjk) cover the
characters actually typed, as fallbacks, and shape the text with HarfBuzz so
Arabic joins and Devanagari combines.
"""

from __future__ import annotations

import logging
import unicodedata
from contextlib import suppress
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.errors import FPDFException

from plan.printable import DONE_MARK, HEADINGS, OPEN_MARK, ROUTE, TITLE, WHERE

FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts")
MAIN_FONT = "DejaVuSans.ttf"
MAIN_BOLD = "DejaVuSans-Bold.ttf"
# Looked at first, in this order; then every other Noto Sans regular face.
PREFERRED_FALLBACKS = (
    "NotoSansCJK-Regular.ttc",
    "NotoSansDevanagari-Regular.ttf",
    "NotoSansBengali-Regular.ttf",
    "NotoSansTamil-Regular.ttf",
    "NotoSansThai-Regular.ttf",
    "NotoSansGujarati-Regular.ttf",
    "NotoSansGurmukhi-Regular.ttf",
    "NotoSansTelugu-Regular.ttf",
    "NotoSansKannada-Regular.ttf",
    "NotoSansMalayalam-Regular.ttf",
    "NotoSansSinhala-Regular.ttf",
    "NotoSansMyanmar-Regular.ttf",
    "NotoSansKhmer-Regular.ttf",
    "NotoSansEthiopic-Regular.ttf",
    "NotoSansArmenian-Regular.ttf",
    "NotoSansGeorgian-Regular.ttf",
    "NotoSansHebrew-Regular.ttf",
    "NotoSansArabic-Regular.ttf",
)
REPLACEMENT = "\ufffd"
VARIATION_SELECTORS = range(0xFE00, 0xFE10)


# Font size (pt), line height (mm), style and space before (mm): small enough
# that a usual plan fits on one A4 page, large enough to read in a hurry.
SIZES = {
    "title": (15, 7, "B", 0),
    "heading": (11, 5.6, "B", 1.6),
    "line": (9.5, 4.5, "", 0),
    "small": (8, 3.7, "", 0),
}


class FontsMissing(RuntimeError):
    pass


class _NoGlyphReports(logging.Filter):
    """fpdf2 logs the characters a font lacks: those are the person's words."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "missing the following glyphs" not in str(record.msg)


logging.getLogger("fpdf.output").addFilter(_NoGlyphReports())


def _font_dirs() -> tuple[str, ...]:
    return tuple(getattr(settings, "HAVEN_FONT_DIRS", FONT_DIRS))


@lru_cache(maxsize=4)
def _installed_fonts(dirs: tuple[str, ...]) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for folder in dirs:
        root = Path(folder)
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if path.suffix.lower() in {".ttf", ".otf", ".ttc"}:
                found.setdefault(path.name, path)
    return found


def main_fonts() -> tuple[Path, Path | None]:
    """DejaVu Sans regular (needed) and bold (nice to have)."""
    fonts = _installed_fonts(_font_dirs())
    regular = fonts.get(MAIN_FONT)
    if regular is None:
        raise FontsMissing(
            f"PDF export needs the {MAIN_FONT} font. On Debian, install fonts-dejavu-core "
            f"(looked under: {', '.join(_font_dirs())})."
        )
    return regular, fonts.get(MAIN_BOLD)


def fallback_candidates() -> list[Path]:
    fonts = _installed_fonts(_font_dirs())
    preferred = [fonts[name] for name in PREFERRED_FALLBACKS if name in fonts]
    others = [
        path
        for name, path in sorted(fonts.items())
        if name.startswith("NotoSans") and "-Regular." in name and path not in preferred
    ]
    return preferred + others


@lru_cache(maxsize=512)
def coverage(path: Path) -> frozenset[int]:
    font = TTFont(str(path), lazy=True, fontNumber=0)
    try:
        return frozenset(font.getBestCmap() or {})
    finally:
        font.close()


def fonts_for(text: str) -> tuple[str, list[Path]]:
    """The text made safe to draw, and the fallback fonts it needs.

    Characters that no installed font can draw become U+FFFD, so the PDF shows
    a visible mark rather than silently dropping a word.
    """
    regular, _bold = main_fonts()
    covered = set(coverage(regular))
    needed: list[Path] = []
    missing = {
        ord(char)
        for char in set(text)
        if ord(char) not in covered and not char.isspace() and unicodedata.category(char) != "Cf"
    }
    for path in fallback_candidates():
        if not missing:
            break
        found = missing & coverage(path)
        if found:
            needed.append(path)
            covered |= found
            missing -= found
    if missing:
        text = "".join(
            ""
            if ord(char) in VARIATION_SELECTORS
            else REPLACEMENT
            if ord(char) in missing
            else char
            for char in text
        )
    return text, needed


def _clean(value) -> str:
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return "".join(char for char in text if char in "\n\t" or unicodedata.category(char) != "Cc")


class _Writer:
    """Collects lines first, so fonts are chosen for exactly the characters used."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []

    def title(self, text) -> None:
        self.items.append(("title", _clean(text)))

    def heading(self, text) -> None:
        self.items.append(("heading", _clean(text)))

    def line(self, text) -> None:
        self.items.append(("line", _clean(text)))

    def small(self, text) -> None:
        self.items.append(("small", _clean(text)))

    def render(self) -> bytes:
        joined, fallbacks = fonts_for("\n".join(text for _kind, text in self.items))
        texts = joined.split("\n")
        regular, bold = main_fonts()
        pdf = FPDF(format="A4")
        pdf.set_title(_("Notes"))
        pdf.set_margins(14, 12, 14)
        pdf.set_auto_page_break(True, margin=12)
        pdf.add_font("main", "", str(regular))
        pdf.add_font("main", "B", str(bold or regular))
        names = []
        for index, path in enumerate(fallbacks):
            name = f"fallback{index}"
            pdf.add_font(name, "", str(path))
            names.append(name)
        if names:
            pdf.set_fallback_fonts(names, exact_match=False)
        with suppress(FPDFException):  # without HarfBuzz the text still shows, unjoined
            pdf.set_text_shaping(True)
        pdf.add_page()
        position = 0
        for kind, text in self.items:
            count = text.count("\n") + 1
            text = "\n".join(texts[position : position + count])
            position += count
            size, height, style, space = SIZES[kind]
            if space:
                pdf.ln(space)
            pdf.set_font("main", style, size)
            pdf.multi_cell(0, height, text, new_x="LMARGIN", new_y="NEXT")
        return bytes(pdf.output())


def _mark(done: bool) -> str:
    return DONE_MARK if done else OPEN_MARK


def safety_plan_pdf(view: dict) -> bytes:
    """`view` is plan.printable.printable(plan)."""
    out = _Writer()
    out.title(TITLE)
    out.small(
        _("Made on %(date)s. Keep this somewhere only you, or someone you trust, can reach.")
        % {"date": timezone.localdate().isoformat()}
    )

    out.heading(HEADINGS["checklist"])
    for item in view["checklist"]:
        out.line(f"{item['label']}: {item['status_label']}")
        if item["note"]:
            out.small(item["note"])

    if view["places"]:
        out.heading(HEADINGS["places"])
        for place in view["places"]:
            out.line(place.get("name", ""))
            if place.get("route"):
                out.small(f"{ROUTE}: {place['route']}")

    if view["numbers"]:
        out.heading(HEADINGS["numbers"])
        for row in view["numbers"]:
            label = row.get("label", "")
            out.line(f"{label}: {row.get('number', '')}" if label else row.get("number", ""))

    if view["person"]:
        out.heading(HEADINGS["person"])
        for label, value in view["person"]:
            out.line(f"{label}: {value}")

    out.heading(HEADINGS["documents"])
    for document in view["documents"]:
        where = f" ({WHERE}: {document['where']})" if document["where"] else ""
        out.line(f"{_mark(document['done'])} {document['label']}{where}")

    out.heading(HEADINGS["bag"])
    for item in view["bag"]:
        out.line(f"{_mark(item['done'])} {item['label']}")

    out.heading(HEADINGS["security"])
    for step in view["security"]:
        out.line(f"{_mark(step['done'])} {step['label']}")
    if view["security_note"]:
        out.small(view["security_note"])

    out.small("")
    out.small(_("%(done)s done   %(open)s not yet") % {"done": DONE_MARK, "open": OPEN_MARK})
    return out.render()
