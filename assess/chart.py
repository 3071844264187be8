"""Geometry for the history chart, drawn as inline SVG by the template.

Points are spaced evenly in the order the checks were saved (the dates are
labelled), so a burst of checks on one day stays readable. The y axis is the
check's total, 0 to 27 (see assess/scoring.py).
"""

from __future__ import annotations

from assess.scoring import MAX_TOTAL

WIDTH = 640
HEIGHT = 260
LEFT = 44
RIGHT = 24
TOP = 16
BOTTOM = 44
TICKS = (0, 9, 18, 27)
MAX_DATE_LABELS = 6


def _round(value: float) -> float:
    return round(value, 1)


def line_chart(points: list[dict]) -> dict:
    """`points` are dicts with at least "total" and "when"; returns what the SVG needs."""
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    count = len(points)

    def x_at(index: int) -> float:
        if count == 1:
            return LEFT + plot_w / 2
        return LEFT + index * plot_w / (count - 1)

    def y_at(total: int) -> float:
        return TOP + plot_h * (1 - total / MAX_TOTAL)

    # Label every date when there are few points; otherwise the first and last.
    labelled = set(range(count)) if count <= MAX_DATE_LABELS else {0, count - 1}
    placed = [
        {
            **point,
            "x": _round(x_at(i)),
            "y": _round(y_at(point["total"])),
            "label_date": i in labelled,
        }
        for i, point in enumerate(points)
    ]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "bottom": HEIGHT - BOTTOM,
        "date_y": HEIGHT - BOTTOM + 20,
        "ticks": [{"value": t, "y": _round(y_at(t))} for t in TICKS],
        "points": placed,
        "polyline": " ".join(f"{p['x']},{p['y']}" for p in placed),
        "max_total": MAX_TOTAL,
    }
