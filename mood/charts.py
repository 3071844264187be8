"""Charts drawn on the server as SVG: a week, a month, a year in squares.

No script and no chart library: each chart is a small SVG string built here
and placed in the page. Colour is never the only carrier: bars print or title
their number, squares carry a pattern per level (lines for the lower moods,
dots for the higher ones, plain for "okay"), every mark has a <title>, and a
table beside each chart gives the same numbers (`rows` of each chart).

Every mark holds `data-day`, `data-mood` (the day's average) and `data-level`,
which is how the tests compare the picture with the table.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mood.checkins import MOODS
from mood.days import Day, mean

LEVELS = tuple(MOODS)


def shown(value) -> str:
    """A day's average as both the chart and the table print it ("3.5")."""
    return "" if value is None else str(value)


def _patterns(prefix: str) -> SafeString:
    """One fill pattern per level, drawn over the level's colour."""
    marks = {
        1: '<path d="M0 6L6 0M-1 1L1 -1M5 7L7 5" class="mood-mark" stroke-width="1.4"/>',
        2: '<path d="M0 6L6 0" class="mood-mark" stroke-width="1"/>',
        4: '<circle cx="3" cy="3" r="1" class="mood-dot"/>',
        5: '<circle cx="3" cy="3" r="1.8" class="mood-dot"/>',
    }
    # Constant markup and our own ids only.
    return mark_safe(  # noqa: S308
        "<defs>"
        + "".join(
            f'<pattern id="{prefix}-p{level}" width="6" height="6" '
            f'patternUnits="userSpaceOnUse">{mark}</pattern>'
            for level, mark in marks.items()
        )
        + "</defs>"
    )


def _mark(prefix: str, level: int | None, x, y, w, h) -> SafeString:
    if level is None:
        return format_html(
            '<rect x="{}" y="{}" width="{}" height="{}" rx="1.5" class="mood-none"/>', x, y, w, h
        )
    fill = format_html(
        '<rect x="{}" y="{}" width="{}" height="{}" rx="1.5" class="mood-l{}"/>',
        x, y, w, h, level,
    )  # fmt: skip
    if level == 3:
        return fill
    return fill + format_html(
        '<rect x="{}" y="{}" width="{}" height="{}" rx="1.5" fill="url(#{}-p{})"/>',
        x, y, w, h, prefix, level,
    )  # fmt: skip


def _join(parts) -> SafeString:
    """Marks already built by format_html, one after another (still escaped)."""
    return format_html_join("", "{}", ((part,) for part in parts))


def day_title(day: Day) -> str:
    when = formats.date_format(day.date, "l j F")
    if day.level is None:
        return _("%(day)s: nothing logged") % {"day": when}
    count = ngettext("%(n)d check-in", "%(n)d check-ins", day.count) % {"n": day.count}
    return _("%(day)s: %(mood)s, %(words)s (%(count)s)") % {
        "day": when,
        "mood": shown(day.average),
        "words": day.words,
        "count": count,
    }


@dataclass
class Chart:
    svg: SafeString
    title: str


def _svg(prefix, width, height, title, body) -> SafeString:
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" class="mood-chart" '
        'role="img" aria-labelledby="{}-title" id="{}">'
        '<title id="{}-title">{}</title>{}{}</svg>',
        width, height, prefix, prefix, prefix, title, _patterns(prefix), body,
    )  # fmt: skip


def bars(days: list[Day], title: str, *, prefix: str, label_every: int = 1) -> Chart:
    """A bar per day, its height the day's average (1 to 5). With room for it
    (a week), each bar prints its number; a month names every few days."""
    left, top, plot_h, width = 22, 14, 150, 340
    step = (width - left) / len(days)
    bar = step * 0.72
    base = top + plot_h
    parts = []
    # Grid lines and the scale 1 to 5 (words in the legend and the table).
    for level in LEVELS:
        y = base - plot_h * level / 5
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" class="mood-grid"/>'
                '<text x="{}" y="{}" class="mood-axis" text-anchor="end">{}</text>',
                left,
                width,
                y,
                y,
                left - 5,
                y + 4,
                level,
            )  # fmt: skip
        )
    wide = label_every == 1
    for index, day in enumerate(days):
        x = round(left + index * step + (step - bar) / 2, 2)
        centre = round(x + bar / 2, 2)
        inside = []
        if day.level is not None:
            height = round(plot_h * float(day.average) / 5, 2)
            top_y = round(base - height, 2)
            inside.append(_mark(prefix, day.level, x, top_y, round(bar, 2), height))
            if wide:
                inside.append(
                    format_html(
                        '<text x="{}" y="{}" class="mood-value" text-anchor="middle">{}</text>',
                        centre,
                        round(base - height - 4, 2),
                        shown(day.average),
                    )  # fmt: skip
                )
        elif wide:
            inside.append(
                format_html(
                    '<text x="{}" y="{}" class="mood-axis" text-anchor="middle">–</text>',
                    centre,
                    base - 4,
                )  # fmt: skip
            )
        if wide:
            label = formats.date_format(day.date, "D")
            inside.append(
                format_html(
                    '<text x="{}" y="{}" class="mood-axis" text-anchor="middle">{}</text>'
                    '<text x="{}" y="{}" class="mood-axis" text-anchor="middle">{}</text>',
                    centre,
                    base + 14,
                    label,
                    centre,
                    base + 27,
                    day.date.day,
                )  # fmt: skip
            )
        elif day.date.day == 1 or day.date.day % label_every == 0:
            inside.append(
                format_html(
                    '<text x="{}" y="{}" class="mood-axis" text-anchor="middle">{}</text>',
                    centre,
                    base + 14,
                    day.date.day,
                )  # fmt: skip
            )
        parts.append(
            format_html(
                '<g class="mood-day" data-day="{}" data-mood="{}" data-level="{}" data-count="{}">'
                "<title>{}</title>{}</g>",
                day.date.isoformat(),
                shown(day.average),
                day.level or "",
                day.count,
                day_title(day),
                _join(inside),
            )  # fmt: skip
        )
    height = base + (32 if wide else 20)
    return Chart(_svg(prefix, width, height, title, _join(parts)), title)


def year_grid(year: int, days: list[Day], title: str, *, prefix: str = "mood-year") -> Chart:
    """Twelve rows of up to 31 squares, one per day of the year."""
    cell, gap, left, top = 10, 1.5, 26, 14
    parts = [
        format_html(
            '<text x="{}" y="{}" class="mood-axis" text-anchor="middle">{}</text>',
            left + (n - 1) * (cell + gap) + cell / 2,
            top - 4,
            n,
        )  # fmt: skip
        for n in (1, 10, 20, 31)
    ]
    for month in range(1, 13):
        y = top + (month - 1) * (cell + gap)
        name = formats.date_format(datetime.date(year, month, 1), "M")
        parts.append(
            format_html(
                '<text x="{}" y="{}" class="mood-axis" text-anchor="end">{}</text>',
                left - 4,
                y + cell - 1,
                name,
            )  # fmt: skip
        )
    for day in days:
        if day.date.year != year:
            continue
        x = left + (day.date.day - 1) * (cell + gap)
        y = top + (day.date.month - 1) * (cell + gap)
        parts.append(
            format_html(
                '<g class="mood-day" data-day="{}" data-mood="{}" data-level="{}" data-count="{}">'
                "<title>{}</title>{}</g>",
                day.date.isoformat(),
                shown(day.average),
                day.level or "",
                day.count,
                day_title(day),
                _mark(prefix, day.level, x, y, cell, cell),
            )  # fmt: skip
        )
    width = left + 31 * (cell + gap)
    height = top + 12 * (cell + gap)
    return Chart(_svg(prefix, width, height, title, _join(parts)), title)


def legend(prefix: str = "mood-key") -> SafeString:
    """The five levels as swatches with their words (a small SVG each)."""
    items = format_html_join(
        "",
        '<li><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 12 12" width="18" '
        'height="18" aria-hidden="true">{}{}</svg> {} – {}</li>',
        ((_patterns(f"{prefix}{level}"), _mark(f"{prefix}{level}", level, 0, 0, 12, 12), level,
          MOODS[level]) for level in LEVELS),
    )  # fmt: skip
    return format_html('<ul class="mood-legend">{}</ul>', items)


# ---- The tables beside the charts ---------------------------------------------


def year_rows(year: int, days: list[Day]) -> list[dict]:
    """Per month: days logged, their average, and how many days at each level."""
    rows = []
    for month in range(1, 13):
        in_month = [d for d in days if d.date.year == year and d.date.month == month]
        logged = [d for d in in_month if d.level is not None]
        rows.append(
            {
                "month": formats.date_format(datetime.date(year, month, 1), "F"),
                "logged": len(logged),
                "average": shown(mean(d.average for d in logged)),
                "levels": [sum(1 for d in logged if d.level == level) for level in LEVELS],
            }
        )
    return rows
