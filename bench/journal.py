"""11. Searching 2,000 sealed journal pages of one member, beside opening them.

Search never has an index: the person's pages are opened in memory and the
words matched there (journal/actions.py). So its cost is opening every page,
plus matching; this measures both, and the page as the person gets it.
Goal: a search over 2,000 pages under 200 ms.

    .venv/bin/python -c 'from bench import journal; print(journal.run())'
"""

from __future__ import annotations

import datetime
import random
import statistics
import tempfile
from pathlib import Path

PAGES = 2000
REPS = 7
GOAL_S = 0.200

_WORDS = (
    "today I walked to the shop and back the air was cold but clear I noticed my "
    "shoulders were up near my ears again so I breathed out slowly and let them drop "
    "work was busy and I said no to one extra thing which felt strange but right my "
    "sister called and we laughed about the old kitchen I slept badly again and woke "
    "at four thinking about money the kettle the rain on the window a good song on "
    "the radio I made soup with lentils and lemon and it was better than I expected "
    "I keep wondering why I always apologise first I want to trust what I see"
).split()
_TAGS = ["sleep", "work", "walks", "family", "money", "calm", "worry", "food", "friends"]


def _paragraph(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(rng.randint(low, high))).capitalize() + "."


def _content(rng: random.Random, day: datetime.date) -> tuple[str, dict]:
    from journal import modes

    mode = rng.choice(modes.MODES)
    # Between about 60 and 400 words a page, spread over the mode's prompts.
    answers = {p.key: _paragraph(rng, 20, 130) for p in mode.prompts}
    return mode.key, {
        "mode": mode.key,
        "title": _paragraph(rng, 2, 5) if rng.random() < 0.4 else "",
        "answers": answers,
        "tags": rng.sample(_TAGS, rng.randint(0, 3)),
        "day": day.isoformat(),
    }


def _setup_if_needed() -> Path | None:
    from django.conf import settings

    if settings.configured:
        return None
    from bench import inprocess

    var_dir = Path(tempfile.mkdtemp(prefix="haven-bench-journal-"))
    inprocess.setup_django(var_dir)
    return var_dir


def run() -> dict:
    """Seed, measure, and return the figures (print `section(result)` for the table)."""
    var_dir = _setup_if_needed()
    try:
        return _measure()
    finally:
        if var_dir is not None:
            import shutil

            shutil.rmtree(var_dir, ignore_errors=True)


def _measure() -> dict:
    from django.utils import timezone

    from bench import inprocess
    from bench.measure import interleaved_samples
    from journal import actions
    from journal.models import Entry
    from vault.box import Box

    owner, dek = inprocess._member("bench-journal")
    box = Box(dek)
    rng = random.Random(11)  # the same pages every run
    now = timezone.now()
    rows, sealed_bytes = [], 0
    for n in range(PAGES):
        when = now - datetime.timedelta(hours=4 * (PAGES - n))
        _mode, content = _content(rng, timezone.localdate(when))
        if n == PAGES // 2:
            content["answers"][next(iter(content["answers"]))] += " A heron by the Café Rosé."
        row = Entry(owner=owner, created_at=when)
        row.content = box.seal_json(row, "content", content)
        sealed_bytes += len(row.content)
        rows.append(row)
    Entry.objects.bulk_create(rows, batch_size=250)
    if Entry.objects.filter(owner=owner).count() != PAGES:
        raise RuntimeError("the pages were not all created")

    def search(words: str, expect: int):
        def go():
            found, _next = actions.page(owner, box, match=actions.searcher(words))
            assert len(found) == expect, (words, len(found))

        return go

    client = inprocess._sign_in("bench-journal")

    def search_page():
        response = client.post("/journal/", {"q": "heron cafe"})
        assert response.status_code == 200
        assert response.content.count(b'<li class="card">') == 1, "one page should match"

    samples = interleaved_samples(
        {
            "fetch": lambda: list(Entry.objects.filter(owner=owner)),
            "open": lambda: actions.open_all(owner, box),
            "search_rare": search("heron cafe", 1),
            "search_none": search("zebra", 0),
            "search_common": search("soup", actions.PAGE_SIZE),
            "search_page": search_page,
        },
        reps=REPS,
    )
    # Wall time, and CPU time of this process: on a shared, busy machine the
    # wall time also counts the time others' work kept this one waiting.
    wall = {name: statistics.median(runs["wall"]) for name, runs in samples.items()}
    cpu = {name: statistics.median(runs["cpu"]) for name, runs in samples.items()}
    return {
        "pages": PAGES,
        "reps": REPS,
        "mean_sealed_bytes": sealed_bytes / PAGES,
        "wall_s": wall,
        "cpu_s": cpu,
        "search_ratio": wall["search_rare"] / wall["open"],
        "search_ratio_cpu": cpu["search_rare"] / cpu["open"],
        "goal_s": GOAL_S,
    }


def section(r: dict) -> list[str]:
    from bench.report import ratio, seconds, table

    n = f"{r['pages']:,}"
    wall, cpu = r["wall_s"], r["cpu_s"]
    met = "met" if wall["search_page"] <= r["goal_s"] else "NOT met"
    out = [
        f"11. Searching {n} sealed journal pages of one member (about "
        f"{r['mean_sealed_bytes']:,.0f} B sealed each), median of {r['reps']}; "
        f"goal: the search page under {r['goal_s'] * 1000:.0f} ms ({met} in wall time)"
    ]
    labels = {
        "fetch": f"fetch {n} rows, not opened",
        "open": f"open all {n} pages (baseline)",
        "search_rare": "search, one page matches (opens all)",
        "search_none": "search, nothing matches (opens all)",
        "search_common": "search, a common word (stops at 20)",
        "search_page": "POST /journal/ search, test Client",
    }
    rows = [
        [
            label,
            seconds(wall[name]),
            ratio(wall[name] / wall["open"]),
            seconds(cpu[name]),
            ratio(cpu[name] / cpu["open"]),
        ]
        for name, label in labels.items()
    ]
    return out + table(["measure", "wall", "vs open", "cpu", "vs open"], rows)
