"""The day counter with a long history: years of noted contacts and urges ridden out.

Everything lives in one sealed document per person, so the question is what
opening it costs when it has grown: the counter's page and the dashboard
(whose card works out the count) for a member with 1,000 contacts, 300 urges
and 100 pieces of writing, beside the same pages for a member who never used it.

    .venv/bin/python -m bench.steady     (alone; `make bench` runs it too)
"""

from __future__ import annotations

import datetime
import random
import tempfile
import uuid
from pathlib import Path

from bench.measure import interleaved_medians

REPS = 11
CONTACTS = 1000
URGES = 300
WRITINGS = 100


def _fill(user, box) -> None:
    from nocontact import actions, content
    from nocontact.models import Steady

    rng = random.Random(7)
    today = datetime.date.today()
    start = today - datetime.timedelta(days=3 * 365)
    actions.save_counter(user, box, {"mode": "low", "start": start, "allowed": ["app"]})
    words = "what I noticed before and after it happened and what I would try next time".split()

    def note(n: int) -> str:
        return " ".join(rng.choice(words) for _ in range(n))

    contacts = [
        {
            "id": str(uuid.UUID(int=i + 1)),
            "on": (start + datetime.timedelta(days=rng.randrange(3 * 365))).isoformat(),
            "who": "them",
            "how": rng.choice(content.CHANNEL_KEYS),
            "felt": "uneasy",
            "note": note(30),
        }
        for i in range(CONTACTS)
    ]
    urges = {
        "items": [
            {"id": str(i), "on": today.isoformat(), "before": "8", "after": "3", "helped": []}
            for i in range(URGES)
        ],
        "writings": [{"id": str(i), "on": "", "text": note(60)} for i in range(WRITINGS)],
    }
    doc = Steady.objects.get(owner=user)
    doc.contacts = box.seal_json(doc, "contacts", {"items": contacts})
    doc.urges = box.seal_json(doc, "urges", urges)
    doc.save()


def bench_steady() -> dict:
    from bench.inprocess import _member, _sign_in
    from nocontact import actions
    from vault.box import Box

    heavy, dek = _member("steady-heavy")
    _fill(heavy, Box(dek))
    _member("steady-empty")
    full, empty = _sign_in("steady-heavy"), _sign_in("steady-empty")

    def get(client, path):
        def run():
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)

        return run

    times = interleaved_medians(
        {
            "count_s": lambda: actions.current_count(heavy, Box(dek)),
            "page_empty_s": get(empty, "/steady/"),
            "page_full_s": get(full, "/steady/"),
            "home_empty_s": get(empty, "/home/"),
            "home_full_s": get(full, "/home/"),
        },
        REPS,
    )
    return {"reps": REPS, "contacts": CONTACTS, "urges": URGES, "writings": WRITINGS, **times}


def section(r: dict) -> list[str]:
    from bench.report import ratio, seconds, table

    out = [
        f"13. The day counter with {r['contacts']:,} contacts, {r['urges']} urges and "
        f"{r['writings']} writings in its sealed document, median of {r['reps']}"
    ]
    rows = [
        ["nocontact.actions.current_count() (opens it, counts)", seconds(r["count_s"]), ""],
        ["GET /steady/, a member who never used it (baseline)", seconds(r["page_empty_s"]), ""],
        [
            "GET /steady/, the long history",
            seconds(r["page_full_s"]),
            ratio(r["page_full_s"] / r["page_empty_s"]),
        ],
        ["GET /home/, a member who never used it (baseline)", seconds(r["home_empty_s"]), ""],
        [
            "GET /home/, the long history (the card counts)",
            seconds(r["home_full_s"]),
            ratio(r["home_full_s"] / r["home_empty_s"]),
        ],
    ]
    return out + table(["", "time", "vs baseline"], rows)


if __name__ == "__main__":
    from bench.inprocess import setup_django

    setup_django(Path(tempfile.mkdtemp(prefix="haven-bench-steady-")))
    print("\n".join(section(bench_steady())))
