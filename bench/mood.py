"""The mood room's year view with 365 check-ins (bench step 12).

One member, one check-in a day for a whole year, every detail filled (energy,
sleep, feeling safe, tags, own words, a note). The year page is asked for
through Django's test client with the member signed in, as a browser would,
beside two baselines measured in the same run, taking turns:

- /ping/ through the same client (what any signed-in request costs);
- opening the same 365 sealed rows in process, without drawing anything.

Also timed in process: opening plus building the picture and its table
(no template, no middleware). Goal: the year page under 100 ms server time.
"""

from __future__ import annotations

import datetime
import random
import statistics

from bench.measure import interleaved_samples

REPS = 15
GOAL_S = 0.100
NAME = "bench-mood"
TAGS = ["outside", "friend", "slept", "moved", "ate", "rest", "contact"]


def seed_year(user, box, year: int) -> int:
    from django.utils import timezone

    from mood.checkins import Entry
    from mood.models import CheckIn

    rng = random.Random(365)
    rows = []
    day = datetime.date(year, 1, 1)
    while day.year == year:
        at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(20, 30)))
        entry = Entry(
            id=None,
            day=day,
            mood=rng.randint(1, 5),
            energy=rng.randint(1, 5),
            sleep=round(rng.uniform(4, 9), 1),
            safe=rng.choice(["yes", "mostly", "no"]),
            tags=rng.sample(TAGS, rng.randint(0, 4)),
            own_tags=["choir"] if rng.random() < 0.2 else [],
            note="A walk after work, soup, an early night. " * 3,
        )
        row = CheckIn(owner=user, created_at=at)
        row.data = box.seal_json(row, "data", entry.document())
        rows.append(row)
        day += datetime.timedelta(days=1)
    CheckIn.objects.bulk_create(rows)
    return len(rows)


def bench_year_view() -> dict:
    from bench.inprocess import _member, _sign_in
    from mood import actions, charts, days
    from vault.box import Box

    user, dek = _member(NAME)
    box = Box(dek)
    year = actions.today().year - 1
    rows = seed_year(user, box, year)
    client = _sign_in(NAME)
    first, last = days.year_of(year)
    path = f"/mood/year/{year}/"
    logged = f"{rows} days logged".encode()

    def page():
        response = client.get(path)
        assert response.status_code == 200 and logged in response.content, response.status_code

    def ping():
        response = client.get("/ping/")
        assert response.status_code == 200

    def open_rows():
        assert len(actions.open_days(user, box, first, last)) == rows

    def open_and_build():
        entries = actions.open_days(user, box, first, last)
        shown = days.by_day(entries, first, last)
        charts.year_grid(year, shown, "year")
        charts.year_rows(year, shown)

    samples = interleaved_samples(
        {"page": page, "ping": ping, "open": open_rows, "build": open_and_build}, reps=REPS
    )
    wall = {name: statistics.median(runs["wall"]) for name, runs in samples.items()}
    cpu = {name: statistics.median(runs["cpu"]) for name, runs in samples.items()}
    return {
        "check_ins": rows,
        "reps": REPS,
        "page_s": wall["page"],
        "page_cpu_s": cpu["page"],
        "open_cpu_s": cpu["open"],
        "build_cpu_s": cpu["build"],
        "ping_cpu_s": cpu["ping"],
        "ping_s": wall["ping"],
        "open_s": wall["open"],
        "build_s": wall["build"],
        "page_over_open": wall["page"] / wall["open"],
        "page_over_ping": wall["page"] / wall["ping"],
        "goal_s": GOAL_S,
        "goal_met": wall["page"] < GOAL_S,
    }


def section(results: dict) -> list[str]:
    from bench.report import ratio, seconds, table

    found = results.get("mood_year")
    if not found:
        return []
    goal = "met" if found["goal_met"] else "NOT met"
    return [
        f"12. The mood year view: {found['check_ins']} check-ins with every detail, "
        f"medians of {found['reps']} interleaved runs",
        *table(
            ["what", "median", "CPU", "ratio"],
            [
                [
                    "open the 365 sealed rows only (baseline)",
                    seconds(found["open_s"]),
                    seconds(found["open_cpu_s"]),
                    ratio(1),
                ],
                [
                    "open + build the SVG and the table",
                    seconds(found["build_s"]),
                    seconds(found["build_cpu_s"]),
                    ratio(found["build_s"] / found["open_s"]),
                ],
                [
                    "the year page, signed in (test client)",
                    seconds(found["page_s"]),
                    seconds(found["page_cpu_s"]),
                    f"{ratio(found['page_over_open'])}  goal < 100 ms ({goal})",
                ],
                [
                    "/ping/, same client",
                    seconds(found["ping_s"]),
                    seconds(found["ping_cpu_s"]),
                    f"page is {ratio(found['page_over_ping'])} of it",
                ],
            ],
        ),
    ]


if __name__ == "__main__":
    import shutil
    import tempfile
    from pathlib import Path

    from bench import inprocess

    folder = Path(tempfile.mkdtemp(prefix="haven-bench-mood-"))
    try:
        inprocess.setup_django(folder)
        print("\n".join(section({"mood_year": bench_year_view()})))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
