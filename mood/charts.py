"""Charts drawn on the server as SVG: a week, a month, a year in squares.

No script and no chart library: each chart is a small SVG string built here
and placed in the page. Colour is never the only carrier: bars print or title
their number, squares carry a pattern per level (lines for the lower moods,
dots for the higher ones, plain for "okay"), every mark has a <title>, and a
table beside each chart gives the same numbers.

Every mark holds `data-day`, `data-mood` (the day's average) and `data-level`,
which is how the tests compare the picture with the table.

The markup is built as plain strings, since a year is 365 marks and
format_html per attribute cost more than opening the rows: every text that
is not a number or an ISO date we make (titles, labels) goes through `esc`,
and the whole is marked safe once, in `_svg`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from html import escape

from django.utils import formats
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mood.checkins import MOODS
from mood.days import Day, mean

LEVELS = tuple(MOODS)


def esc(text) -> str:
    return escape(str(text), quote=True)


def shown(value) -> str:
    """A day's average as both the chart and the table print it ("3.5")."""
    return "" if value is None else str(value)


def _patterns(prefix: str) -> str:
    """One fill pattern per level, drawn over the level's colour."""
    marks = {
        1: '<path d="M0 6L6 0M-1 1L1 -1M5 7L7 5" class="mood-mark" stroke-width="1.4"/>',
        2: '<path d="M0 6L6 0" class="mood-mark" stroke-width="1"/>',
        4: '<circle cx="3" cy="3" r="1" class="mood-dot"/>',
        5: '<circle cx="3" cy="3" r="1.8" class="mood-dot"/>',
    }
    return (
        "<defs>"
        + "".join(
            f'<pattern id="{prefix}-p{level}" width="6" height="6" '
            f'patternUnits="userSpaceOnUse">{mark}</pattern>'
            for level, mark in marks.items()
        )
        + "</defs>"
    )


def _mark(prefix: str, level: int | None, x, y, w, h) -> str:
    box = f'x="{x}" y="{y}" width="{w}" height="{h}" rx="1.5"'
    if level is None:
        return f'<rect {box} class="mood-none"/>'
    fill = f'<rect {box} class="mood-l{level}"/>'
    if level == 3:
        return fill
    return fill + f'<rect {box} fill="url(#{prefix}-p{level})"/>'


class Titles:
    """Each day's <title> ("Wednesday 4 March: 2.0, Low (1 check-in)"), with
    the translated words looked up once per chart rather than once per day."""

    def __init__(self) -> None:
        self.nothing = _("%(day)s: nothing logged")
        self.logged = _("%(day)s: %(mood)s, %(words)s (%(count)s)")
        self.words = {level: str(words) for level, words in MOODS.items()}
        self._months: dict[int, str] = {}
        self._weekdays: dict[int, str] = {}
        self._counts: dict[int, str] = {}

    def when(self, date: datetime.date) -> str:
        """ "Wednesday 4 March": the names from Django's (translated) formats."""
        month = self._months.get(date.month)
        if month is None:
            month = self._months[date.month] = formats.date_format(date, "F")
        weekday = self._weekdays.get(date.weekday())
        if weekday is None:
            weekday = self._weekdays[date.weekday()] = formats.date_format(date, "l")
        return f"{weekday} {date.day} {month}"

    def __call__(self, day: Day) -> str:
        when = self.when(day.date)
        if day.level is None:
            return self.nothing % {"day": when}
        count = self._counts.get(day.count)
        if count is None:
            count = ngettext("%(n)d check-in", "%(n)d check-ins", day.count) % {"n": day.count}
            self._counts[day.count] = count
        return self.logged % {
            "day": when,
            "mood": shown(day.average),
            "words": self.words[day.level],
            "count": count,
        }


def day_title(day: Day) -> str:
    return Titles()(day)


def _group(day: Day, title: str, inside: str) -> str:
    return (
        f'<g class="mood-day" data-day="{day.date.isoformat()}" data-mood="{shown(day.average)}" '
        f'data-level="{day.level or ""}" data-count="{day.count}">'
        f"<title>{esc(title)}</title>{inside}</g>"
    )


@dataclass
class Chart:
    svg: SafeString
    title: str


def _svg(prefix, width, height, title, body: str) -> SafeString:
    return mark_safe(  # noqa: S308 - every text inside went through esc(); the rest is numbers
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'class="mood-chart" role="img" aria-labelledby="{prefix}-title" id="{prefix}">'
        f'<title id="{prefix}-title">{esc(title)}</title>{_patterns(prefix)}{body}</svg>'
    )


def _text(x, y, text, css: str = "mood-axis", anchor: str = "middle") -> str:
    return f'<text x="{x}" y="{y}" class="{css}" text-anchor="{anchor}">{esc(text)}</text>'


def bars(days: list[Day], title: str, *, prefix: str, label_every: int = 1) -> Chart:
    """A bar per day, its height the day's average (1 to 5). With room for it
    (a week), each bar prints its number; a month names every few days."""
    left, top, plot_h, width = 22, 14, 150, 340
    step = (width - left) / len(days)
    bar = round(step * 0.72, 2)
    base = top + plot_h
    titles = Titles()
    parts = []
    # Grid lines and the scale 1 to 5 (words in the legend and the table).
    for level in LEVELS:
        y = base - plot_h * level / 5
        parts.append(f'<line x1="{left}" x2="{width}" y1="{y}" y2="{y}" class="mood-grid"/>')
        parts.append(_text(left - 5, y + 4, level, anchor="end"))
    wide = label_every == 1
    for index, day in enumerate(days):
        x = round(left + index * step + (step - bar) / 2, 2)
        centre = round(x + bar / 2, 2)
        inside = []
        if day.level is not None:
            height = round(plot_h * float(day.average) / 5, 2)
            inside.append(_mark(prefix, day.level, x, round(base - height, 2), bar, height))
            if wide:
                y = round(base - height - 4, 2)
                inside.append(_text(centre, y, shown(day.average), css="mood-value"))
        elif wide:
            inside.append(_text(centre, base - 4, "–"))
        if wide:
            inside.append(_text(centre, base + 14, formats.date_format(day.date, "D")))
            inside.append(_text(centre, base + 27, day.date.day))
        elif day.date.day == 1 or day.date.day % label_every == 0:
            inside.append(_text(centre, base + 14, day.date.day))
        parts.append(_group(day, titles(day), "".join(inside)))
    height = base + (32 if wide else 20)
    return Chart(_svg(prefix, width, height, title, "".join(parts)), title)


def year_grid(year: int, days: list[Day], title: str, *, prefix: str = "mood-year") -> Chart:
    """Twelve rows of up to 31 squares, one per day of the year."""
    cell, gap, left, top = 10, 1.5, 26, 14
    titles = Titles()
    parts = [_text(left + (n - 1) * (cell + gap) + cell / 2, top - 4, n) for n in (1, 10, 20, 31)]
    for month in range(1, 13):
        y = top + (month - 1) * (cell + gap)
        name = formats.date_format(datetime.date(year, month, 1), "M")
        parts.append(_text(left - 4, y + cell - 1, name, anchor="end"))
    for day in days:
        if day.date.year != year:
            continue
        x = left + (day.date.day - 1) * (cell + gap)
        y = top + (day.date.month - 1) * (cell + gap)
        parts.append(_group(day, titles(day), _mark(prefix, day.level, x, y, cell, cell)))
    width = left + 31 * (cell + gap)
    height = top + 12 * (cell + gap)
    return Chart(_svg(prefix, width, height, title, "".join(parts)), title)


def legend(prefix: str = "mood-key") -> SafeString:
    """The five levels as swatches with their words (a small SVG each)."""
    items = "".join(
        f'<li><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 12 12" width="18" '
        f'height="18" aria-hidden="true">{_patterns(f"{prefix}{level}")}'
        f"{_mark(f'{prefix}{level}', level, 0, 0, 12, 12)}</svg> {level} – {esc(words)}</li>"
        for level, words in MOODS.items()
    )
    return mark_safe(f'<ul class="mood-legend">{items}</ul>')  # noqa: S308 - words escaped


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
