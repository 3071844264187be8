"""A reminder as a picture to keep or share, drawn here with Pillow.

Only library reminders are drawn (never a member's own words), at fixed sizes,
so the set of pictures is small and known: the slug and the size are the whole
input. Each character is drawn with the first installed font that has it
(DejaVu Sans, then the Noto faces core.pdf knows), so any script shows as
itself and not as empty boxes; raqm shapes the joined and combining scripts.
Nothing on the picture names Haven: it may end up in a shared phone's photos.
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from core.pdf import REPLACEMENT, coverage, fallback_candidates, main_fonts

if TYPE_CHECKING:
    from PIL import ImageFont

# Name -> (width, height): a square for messages and posts, a wide one for links.
SIZES = {"square": (1080, 1080), "wide": (1200, 630)}

# Haven's calm palette (core/static/core/css/base.css).
PAPER = (247, 244, 238)  # --bg
PANEL = (255, 255, 255)  # --surface
INK = (31, 42, 39)  # --text
ACCENT = (47, 93, 80)  # --accent
EDGE = (217, 209, 195)  # --border

LINE_HEIGHT = 1.4


@dataclass(frozen=True)
class Run:
    text: str
    font_path: Path


def _joins_previous(char: str) -> bool:
    # Spaces, combining marks and invisible joiners stay with the letter before
    # them, so a shaped word is never split between two fonts.
    return char.isspace() or unicodedata.category(char) in ("Mn", "Mc", "Me", "Cf")


def font_plan(text: str) -> list[Run]:
    """The text cut into runs, each with the font that draws it.

    A character no installed font has becomes U+FFFD in the main font: a visible
    mark, not a silently dropped letter.
    """
    main, _bold = main_fonts()
    candidates = [main, *fallback_candidates()]
    runs: list[Run] = []
    current: Path | None = None
    chars: list[str] = []
    for char in text:
        if _joins_previous(char) and current is not None:
            chars.append(char)
            continue
        found = next((path for path in candidates if ord(char) in coverage(path)), None)
        if found is None:
            found, char = main, REPLACEMENT
        if found != current and chars:
            runs.append(Run("".join(chars), current))  # type: ignore[arg-type]
            chars = []
        current = found
        chars.append(char)
    if chars:
        runs.append(Run("".join(chars), current or main))
    return runs


@lru_cache(maxsize=64)
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont

    return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.RAQM)


def _breaks_anywhere(char: str) -> bool:
    # Chinese, Japanese and Korean text has no spaces: a line may end between
    # any two of its characters.
    return unicodedata.east_asian_width(char) in ("W", "F")


def _pieces(runs: list[Run]) -> list[list[Run]]:
    """Units a line may not split: a word with its trailing space, or one wide character."""
    pieces: list[list[Run]] = []
    piece: list[Run] = []

    def add(char: str, path: Path) -> None:
        if piece and piece[-1].font_path == path:
            piece[-1] = Run(piece[-1].text + char, path)
        else:
            piece.append(Run(char, path))

    for run in runs:
        for char in run.text:
            if _breaks_anywhere(char) and piece and not piece[-1].text[-1].isspace():
                pieces.append(piece)
                piece = []
            add(char, run.font_path)
            if char.isspace() or _breaks_anywhere(char):
                pieces.append(piece)
                piece = []
    if piece:
        pieces.append(piece)
    return pieces


def _width(runs: list[Run], size: int) -> float:
    return sum(_font(r.font_path, size).getlength(r.text) for r in runs)


def _merge(runs: list[Run]) -> list[Run]:
    merged: list[Run] = []
    for run in runs:
        if merged and merged[-1].font_path == run.font_path:
            merged[-1] = Run(merged[-1].text + run.text, run.font_path)
        else:
            merged.append(run)
    return merged


def _strip_end(line: list[Run]) -> list[Run]:
    if line and line[-1].text != line[-1].text.rstrip():
        line = [*line[:-1], Run(line[-1].text.rstrip(), line[-1].font_path)]
    return [r for r in line if r.text]


def wrap(runs: list[Run], size: int, max_width: int) -> list[list[Run]]:
    """Lines of runs no wider than `max_width` at `size` (a longer word gets its own line)."""
    lines: list[list[Run]] = []
    line: list[Run] = []
    for piece in _pieces(runs):
        candidate = _merge([*line, *piece])
        if line and _width(_strip_end(candidate), size) > max_width:
            lines.append(_strip_end(line))
            line = _merge(piece)
        else:
            line = candidate
    if line:
        lines.append(_strip_end(line))
    return [ln for ln in lines if ln]


def _layout(text: str, box_width: int, box_height: int) -> tuple[int, list[list[Run]]]:
    """The largest font size (in steps) at which the text fits the box."""
    runs = font_plan(" ".join(text.split()))
    size = 84
    while True:
        lines = wrap(runs, size, box_width)
        fits = all(_width(ln, size) <= box_width for ln in lines)
        if (fits and len(lines) * size * LINE_HEIGHT <= box_height) or size <= 18:
            return size, lines
        size -= 4


@lru_cache(maxsize=64)
def render(text: str, size_name: str) -> bytes:
    """The PNG of `text` at one of SIZES. Cached: the inputs are a known, small set."""
    # Pillow is loaded by the first picture a worker draws, not by every page.
    from PIL import Image, ImageDraw

    width, height = SIZES[size_name]
    image = Image.new("RGB", (width, height), PAPER)
    draw = ImageDraw.Draw(image)
    margin = round(min(width, height) * 0.07)
    panel = (margin, margin, width - margin, height - margin)
    draw.rounded_rectangle(panel, radius=round(margin * 0.6), fill=PANEL, outline=EDGE, width=3)
    # A band of Haven green along the top of the panel.
    band = round(margin * 0.25)
    draw.rounded_rectangle(
        (panel[0], panel[1], panel[2], panel[1] + band * 2), radius=band, fill=ACCENT
    )
    draw.rectangle((panel[0] + 2, panel[1] + band, panel[2] - 2, panel[1] + band * 2), fill=PANEL)

    pad = round(margin * 1.2)
    box_width = panel[2] - panel[0] - 2 * pad
    box_height = panel[3] - panel[1] - 2 * pad - band
    size, lines = _layout(text, box_width, box_height)
    line_height = round(size * LINE_HEIGHT)
    block = line_height * len(lines)
    middle = (panel[1] + band + panel[3]) / 2
    # Baselines sit about four fifths of the way down each line.
    baseline = middle - block / 2 + size * 1.05
    for line in lines:
        x = (width - _width(line, size)) / 2
        for run in line:
            font = _font(run.font_path, size)
            draw.text((x, baseline), run.text, font=font, fill=INK, anchor="ls")
            x += font.getlength(run.text)
        baseline += line_height
    # A small mark under the words, in the accent colour.
    dot_y = min(baseline - line_height + size * 0.9, panel[3] - pad / 2)
    draw.ellipse((width / 2 - 7, dot_y - 7, width / 2 + 7, dot_y + 7), fill=ACCENT)

    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
