"""PDFs made in memory (nothing is written to disk), in any script.

Text may be in any script. DejaVu Sans (Debian: fonts-dejavu-core) covers
Latin, Greek, Cyrillic, Arabic, Hebrew and more; for other scripts we add
whichever installed Noto fonts (fonts-noto-core, fonts-noto-cjk) cover the
characters actually typed, as fallbacks, and shape the text with HarfBuzz so
Arabic joins and Devanagari combines.

    out = Writer()
    out.title(_("My plan"))
    out.heading(_("Safe places"))
    out.line(place_name)
    content = out.render()          # bytes, or FontsMissing

`Writer(footer=...)` prints the same words, and the page number, at the foot
of every page.
"""

from __future__ import annotations

import logging
import unicodedata
from contextlib import suppress
from functools import cache, lru_cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

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
    "section": (13, 6.4, "B", 4),
    "heading": (11, 5.6, "B", 1.6),
    "line": (9.5, 4.5, "", 0),
    "small": (8, 3.7, "", 0),
}


class FontsMissing(RuntimeError):
    """No Unicode font was found (Debian: fonts-dejavu-core)."""


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
    from fontTools.ttLib import TTFont

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


FOOTER_SIZE, FOOTER_LINE = 7.5, 3.6  # pt, mm
FOOTER_ROOM = 14  # mm kept free at the foot of each page for the footer


@cache
def _pages_class():
    """fpdf2 (about 24 MiB once imported) is loaded by the first PDF a worker
    makes, not by every worker that merely imports this module."""
    from fpdf import FPDF

    class _Pages(FPDF):
        """fpdf2 calls footer() as it finishes each page."""

        footer_text = ""

        def footer(self) -> None:
            if not self.footer_text:
                return
            self.set_y(-(FOOTER_ROOM - 2))
            self.set_draw_color(160, 160, 160)
            self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
            self.ln(1.2)
            self.set_font("main", "", FOOTER_SIZE)
            self.multi_cell(
                0,
                FOOTER_LINE,
                f"{self.footer_text}   ·   {self.page_no()}/{{nb}}",
                align="C",
                new_x="LMARGIN",
                new_y="NEXT",
            )

    return _Pages


class Writer:
    """Collects lines first, so fonts are chosen for exactly the characters used."""

    def __init__(self, footer: str = "") -> None:
        self.items: list[tuple[str, str]] = []
        self.footer = _clean(footer).replace("\n", " ")

    def title(self, text) -> None:
        self.items.append(("title", _clean(text)))

    def section(self, text) -> None:
        """A part of a longer document, above its headings."""
        self.items.append(("section", _clean(text)))

    def heading(self, text) -> None:
        self.items.append(("heading", _clean(text)))

    def line(self, text) -> None:
        self.items.append(("line", _clean(text)))

    def small(self, text) -> None:
        self.items.append(("small", _clean(text)))

    def render(self) -> bytes:
        everything = [text for _kind, text in self.items] + [self.footer]
        joined, fallbacks = fonts_for("\n".join(everything))
        texts = joined.split("\n")
        regular, bold = main_fonts()
        pdf = _pages_class()(format="A4")
        pdf.footer_text = texts[-1]
        pdf.set_title(_("Notes"))
        pdf.set_margins(14, 12, 14)
        pdf.set_auto_page_break(True, margin=FOOTER_ROOM + 2 if self.footer else 12)
        pdf.add_font("main", "", str(regular))
        pdf.add_font("main", "B", str(bold or regular))
        names = []
        for index, path in enumerate(fallbacks):
            name = f"fallback{index}"
            pdf.add_font(name, "", str(path))
            names.append(name)
        if names:
            pdf.set_fallback_fonts(names, exact_match=False)
        from fpdf.errors import FPDFException

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
