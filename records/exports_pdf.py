"""Chosen entries as a PDF, made in memory, readable in any script.

A summary table (date, where, tags) comes first, then each entry with its
fields, the thumbnails of its pictures, and its chain: how many versions, each
version's server time and link hash, the signature over the newest link with
the key that made it, and how to check it. Fonts and fallbacks come from
core/pdf.py, so words in any script are drawn.
"""

from __future__ import annotations

import io
from contextlib import suppress

from django.utils import timezone
from django.utils.translation import gettext as _

from core.pdf import (
    FOOTER_ROOM,
    SIZES,
    FontsMissing,
    _clean,
    _pages_class,
    coverage,
    fonts_for,
    main_fonts,
)
from records.export_zip import Item, Source, entry_day

__all__ = ["FontsMissing", "records_pdf", "entry_rows"]

# Keys an entry keeps that are not words for the reader.
SKIPPED = {"evidence", "template", "kind", "draft"}


def _labels() -> tuple[list[tuple[str, object]], dict[str, object]]:
    """The log's own field and tag labels (records/forms.py), in its order."""
    from records.forms import FIELD_LABELS, TAG_LABELS

    return FIELD_LABELS, TAG_LABELS


def _value(value) -> str:
    if value is True:
        return _("Yes")
    if value is False or value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_value(v) for v in value if _value(v))
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_value(v)}" for k, v in value.items() if _value(v))
    return str(value)


def when_text(entry: dict) -> str:
    """When it happened, as the entry says it: date, time ("about" if unsure), own words."""
    parts = [str(entry.get("date") or "")]
    time_of_day = str(entry.get("time") or "")
    if time_of_day:
        parts.append(
            _("about %(time)s") % {"time": time_of_day} if entry.get("about") else time_of_day
        )
    elif entry.get("about"):
        parts.append(_("time not sure"))
    words = str(entry.get("when_text") or "")
    text = " ".join(p for p in parts if p)
    return f"{text} · {words}" if text and words else text or words


def tags_text(entry: dict) -> str:
    _fields, tag_labels = _labels()
    return ", ".join(str(tag_labels.get(t, t)) for t in entry.get("tags") or [])


def entry_rows(entry: dict) -> list[tuple[str, str]]:
    """(label, text) for each filled box of an entry, in the log's order."""
    fields, _tags = _labels()
    rows = []
    when = when_text(entry)
    if when:
        rows.append((_("When"), when))
    known = {"date", "time", "about", "when_text", "tags", *SKIPPED}
    for key, label in fields:
        text = _value(entry.get(key)).strip()
        if text:
            rows.append((str(label), text))
        known.add(key)
    for key in sorted(k for k in entry if k not in known):
        text = _value(entry[key]).strip()
        if text:
            rows.append((key.replace("_", " ").capitalize(), text))
    if entry.get("tags"):
        rows.append((_("Tags"), tags_text(entry)))
    return rows


def summary_row(item: Item) -> tuple[str, str, str]:
    entry = item.entry
    day = entry_day(entry)
    return (
        day.isoformat() if day else str(entry.get("when_text") or ""),
        _value(entry.get("where")),
        tags_text(entry),
    )


def how_to_check() -> str:
    return _(
        "How to check: upload the zip of this export (or its records.json) to "
        "/records/verify/ on the Haven it came from, or run "
        "'manage.py verify_records FILE' there. Each version's words hash to its "
        "commitment, each link hashes the one before it, and the newest link is "
        "signed with the server's Ed25519 key named here. One changed character "
        "anywhere makes the check fail and name the entry."
    )


class _Doc:
    """Text first (so fonts are chosen for exactly the characters used), then pages."""

    def __init__(self) -> None:
        self.ops: list[tuple[str, object]] = []
        self.texts: list[str] = []

    def text(self, kind: str, value: str) -> None:
        self.ops.append((kind, len(self.texts)))
        self.texts.append(_clean(value).replace("\n", "\u2028"))

    def table(self, rows: list[tuple[str, ...]]) -> None:
        start = len(self.texts)
        for row in rows:
            self.texts.extend(_clean(cell).replace("\n", " ") for cell in row)
        self.ops.append(("table", (start, len(rows), len(rows[0]) if rows else 0)))

    def image(self, data: bytes) -> None:
        self.ops.append(("image", data))


def records_pdf(items: list[Item], source: Source, footer: str = "") -> bytes:
    doc = _Doc()
    doc.text("title", _("Records"))
    doc.text(
        "small",
        _("Made on %(date)s. %(count)s entries.")
        % {"date": timezone.localdate().isoformat(), "count": len(items)},
    )
    doc.text("section", _("Summary"))
    doc.table(
        [(_("Date"), _("Where"), _("Tags"), _("Entry"))]
        + [(*summary_row(item), item.short) for item in items]
    )
    for item in items:
        day, _where, _tags = summary_row(item)
        doc.text("section", _("Entry %(id)s") % {"id": item.short} + (f" · {day}" if day else ""))
        for label, text in entry_rows(item.entry):
            doc.text("heading", label)
            doc.text("line", text)
        if item.evidence:
            doc.text("heading", _("Evidence"))
            for ev in item.evidence:
                if ev.get("thumb"):
                    thumb = source.thumb(ev["id"])
                    if thumb:
                        doc.image(thumb)
                doc.text("line", f"{ev['name']} ({ev['content_type']}, {ev['size']} bytes)")
                doc.text("small", f"SHA-256 {ev['sha256']}")
        versions = item.proof["versions"]
        head = item.proof["head"]
        doc.text("heading", _("Its record of changes"))
        doc.text(
            "small",
            _("%(count)s version(s), each written down with the server's time:")
            % {"count": len(versions)},
        )
        for version in versions:
            doc.text(
                "small",
                _("Version %(n)s · %(time)s · link %(link)s")
                % {"n": version["number"], "time": version["recorded_at"], "link": version["link"]},
            )
        doc.text(
            "small",
            _("Signed by key %(key)s: %(signature)s")
            % {"key": head["key_id"], "signature": head["signature"]},
        )
        doc.text("small", _("Entry id %(id)s") % {"id": item.id})
    doc.text("section", _("Checking this copy"))
    doc.text("line", how_to_check())
    return _render(doc, footer or _("Records"))


def _needs_shaping(text: str) -> bool:
    # Joining and combining scripts (Arabic, Devanagari, ...) need HarfBuzz;
    # Latin, Greek and Cyrillic draw as they are, much faster.
    return any(ord(c) >= 0x0590 and not 0x2000 <= ord(c) <= 0x2BFF for c in text)


def _render(doc: _Doc, footer: str) -> bytes:
    everything = "\n".join([*doc.texts, _clean(footer).replace("\n", " ")])
    joined, fallbacks = fonts_for(everything)
    texts = [t.replace("\u2028", "\n") for t in joined.split("\n")]
    regular, bold = main_fonts()
    pdf = _pages_class()(format="A4")
    pdf.footer_text = texts[-1]
    pdf.set_title(_("Notes"))
    pdf.set_margins(14, 12, 14)
    pdf.set_auto_page_break(True, margin=FOOTER_ROOM + 2)
    pdf.add_font("main", "", str(regular))
    pdf.add_font("main", "B", str(bold or regular))
    names = []
    for index, path in enumerate(fallbacks):
        name = f"fallback{index}"
        pdf.add_font(name, "", str(path))
        names.append(name)
    if names:
        pdf.set_fallback_fonts(names, exact_match=False)
    shaped = _needs_shaping(joined)
    if shaped:
        with suppress(Exception):  # without HarfBuzz the text still shows, unjoined
            pdf.set_text_shaping(True)
    # Lines the main font draws alone, with no shaping, go straight to the page
    # (fpdf2's cell() costs a millisecond a line, most of the export's time);
    # other lines go through cell(), which finds fallback fonts and shapes.
    plain = {} if shaped else {"covered": coverage(regular)}
    pdf.add_page()
    for kind, payload in doc.ops:
        if kind == "image":
            _image(pdf, payload)
        elif kind == "table":
            start, count, width = payload
            _table(pdf, texts, start, count, width, plain)
        else:
            size, height, style, space = SIZES[kind]
            if space:
                pdf.ln(space)
            pdf.set_font("main", style, size)
            usable = pdf.w - pdf.l_margin - pdf.r_margin
            for line in _wrap(pdf, texts[payload], usable):
                if pdf.get_y() + height > pdf.page_break_trigger:
                    pdf.add_page()
                    pdf.set_font("main", style, size)
                _draw(pdf, pdf.l_margin, pdf.get_y(), usable, height, line, plain)
                pdf.set_xy(pdf.l_margin, pdf.get_y() + height)
    return bytes(pdf.output())


def _wrap(pdf, text: str, width: float) -> list[str]:
    """Lines that fit `width`, broken at spaces (or anywhere in a very long word).

    fpdf2's own wrapping measures each line again for every character it adds,
    which made 500 entries take minutes; here each character is measured once
    per font and size.
    """
    widths = _widths(pdf)
    default = pdf.font_size * 0.6
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0.0
        for word in paragraph.split(" "):
            size = sum(widths.get(c) or _measure(pdf, widths, c, default) for c in word)
            gap = widths.get(" ") or _measure(pdf, widths, " ", default)
            if line and used + gap + size <= width:
                line, used = f"{line} {word}", used + gap + size
                continue
            if line:
                lines.append(line)
            line, used = "", 0.0
            for char in word:
                w = widths.get(char) or _measure(pdf, widths, char, default)
                if line and used + w > width:
                    lines.append(line)
                    line, used = "", 0.0
                line, used = line + char, used + w
        lines.append(line)
    return lines


_measured: dict[tuple, dict[str, float]] = {}


def _widths(pdf) -> dict[str, float]:
    return _measured.setdefault((pdf.font_family, pdf.font_style, pdf.font_size_pt), {})


def _measure(pdf, widths: dict[str, float], char: str, default: float) -> float:
    try:
        width = pdf.get_string_width(char) or default
    except Exception:  # noqa: BLE001 - a character the main font lacks: a fair guess
        width = default
    widths[char] = width
    return width


COLUMNS = (0.2, 0.35, 0.3, 0.15)


def _draw(pdf, x: float, y: float, w: float, h: float, line: str, plain: dict) -> None:
    covered = plain.get("covered")
    if covered is not None and all(ord(c) in covered for c in line):
        # Where cell() would put the baseline: centred in the line's height.
        pdf.text(x, y + 0.5 * h + 0.3 * pdf.font_size, line)
    else:
        pdf.set_xy(x, y)
        pdf.cell(w, h, line)


def _table(pdf, texts: list[str], start: int, count: int, width: int, plain: dict) -> None:
    size, height, _style, _space = SIZES["small"]
    pdf.ln(1)
    usable = pdf.w - pdf.l_margin - pdf.r_margin
    widths = [usable * share for share in COLUMNS[:width]]
    for row in range(count):
        cells = texts[start + row * width : start + (row + 1) * width]
        pdf.set_font("main", "B" if row == 0 else "", size)
        # Room for the tallest cell of the row, so a row never splits across pages.
        wrapped = [_wrap(pdf, cell, w - 1.5) for w, cell in zip(widths, cells, strict=True)]
        lines = max(len(cell) for cell in wrapped)
        if pdf.get_y() + lines * height > pdf.page_break_trigger:
            pdf.add_page()
            pdf.set_font("main", "B" if row == 0 else "", size)
        top, left = pdf.get_y(), pdf.l_margin
        for w, cell in zip(widths, wrapped, strict=True):
            for n, line in enumerate(cell):
                _draw(pdf, left, top + n * height, w, height, line, plain)
            left += w
        pdf.set_xy(pdf.l_margin, top + lines * height)
        pdf.set_draw_color(200, 200, 200)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + usable, pdf.get_y())
        pdf.ln(0.6)


def _image(pdf, data: bytes) -> None:
    side = 40  # mm: big enough to recognise, small enough for a few per page
    if pdf.get_y() + side > pdf.page_break_trigger:
        pdf.add_page()
    try:
        placed = pdf.image(io.BytesIO(data), x=pdf.l_margin, w=side, h=side, keep_aspect_ratio=True)
    except Exception:  # noqa: BLE001 - a thumbnail that won't draw leaves its line only
        return
    pdf.set_y(pdf.get_y() + (placed.rendered_height if placed else side) + 1)
