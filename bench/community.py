"""The community's benchmarks: deep thread pages, search, and a thread page under load.

6. a thread of 50,000 posts: its last page beside its first (keyset paging;
   goal: within 1.2x), with an OFFSET query to the same depth for contrast
7. search over 100,000 posts on PostgreSQL (goal: under 100 ms), in a
   throwaway database; skipped with the reason when PostgreSQL is unreachable
8. a thread page under wrk at 50 connections beside /ping/ (goal: at least
   25% of /ping/'s requests per second), on the same gunicorn setup as 4

    .venv/bin/python -m bench.community     (these alone; `make bench` runs them all)

HAVEN_BENCH_PG sets the PostgreSQL server (default postgres://postgres@127.0.0.1:5432).
"""

from __future__ import annotations

import datetime
import json
import os
import random
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.measure import interleaved_medians, interleaved_samples

ROOT = Path(__file__).resolve().parent.parent
THREAD_POSTS = 50_000
SEARCH_POSTS = 100_000
PAGE_REPS = 15
SEARCH_REPS = 15
LOAD_THREAD_POSTS = 500
PG_SERVER = "postgres://postgres@127.0.0.1:5432"

_WORDS = (
    "today felt lighter I walked to the park and nobody asked where I was going my sister "
    "called and we laughed about nothing some nights are still hard but the mornings are "
    "mine again I keep my own keys and I cook what I like the counsellor said progress is "
    "not a straight line I believed her this time"
).split()
# Rare words, each in about 1% of the search bench's posts.
RARE = ["lantern", "orchard", "harbour", "meadow"]


def text(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(12, 60))]
    if rng.random() < 0.01:
        words.insert(rng.randrange(len(words)), rng.choice(RARE))
    return " ".join(words)


def seed_thread(posts: int, *, rng_seed: int = 5, name: str = "bench-community"):
    """A member (made with `accounts`, or reused) and one thread of `posts` published posts."""
    from django.utils import timezone

    from accounts import actions
    from accounts.models import User
    from community.boards import ensure_boards
    from community.markup import render
    from community.models import Board, Member, Post, Thread

    ensure_boards()
    user = User.objects.filter(username=name).first()
    if user is None:
        user, _dek, _code = actions.create_account(name, "bench copper kettle winter meadow")
        User.objects.filter(pk=user.pk).update(recovery_confirmed=True)
    member, _created = Member.objects.get_or_create(
        user=user, defaults={"name": "Bench Writer", "name_key": "benchwriter"}
    )
    thread = Thread.objects.create(
        board=Board.objects.get(slug="after"),
        author=member,
        title="A long thread",
        next_position=posts + 1,
        last_published=posts,
    )
    rng = random.Random(rng_seed)
    now = timezone.now()
    batch = []
    for position in range(1, posts + 1):
        body = text(rng)
        batch.append(
            Post(
                thread=thread,
                position=position,
                author=member,
                body=body,
                html=render(body) if position <= 50 or position > posts - 50 else f"<p>{body}</p>",
                created_at=now - datetime.timedelta(seconds=posts - position),
            )
        )
        if len(batch) == 2000:
            Post.objects.bulk_create(batch)
            batch = []
    Post.objects.bulk_create(batch)
    return user, thread


# ---- 6. Deep pages ----------------------------------------------------------


def bench_thread_pages() -> dict:
    from django.db import connection
    from django.test import Client

    from community.models import Post

    user, thread = seed_thread(THREAD_POSTS)
    # The page needs an open vault: sign in as the member does.
    client = Client()
    response = client.post(
        "/sign-in/", {"username": user.username, "passphrase": "bench copper kettle winter meadow"}
    )
    if response.status_code != 302:
        raise RuntimeError(f"the bench member could not sign in ({response.status_code})")
    first_path = f"/community/t/{thread.pk}/"
    last_path = f"/community/t/{thread.pk}/?last=1"

    def get(path: str, expect: str):
        def fetch():
            page = client.get(path)
            assert page.status_code == 200 and expect.encode() in page.content, path

        return fetch

    first_text = Post.objects.get(thread=thread, position=1).html[:40]
    last_text = Post.objects.get(thread=thread, position=THREAD_POSTS).html[:40]
    depth = THREAD_POSTS - 20

    def offset_query():
        list(Post.objects.filter(thread=thread).order_by("position")[depth : depth + 20])

    def keyset_query():
        list(Post.objects.filter(thread=thread, position__gt=depth).order_by("position")[:20])

    samples = interleaved_samples(
        {
            "first": get(first_path, first_text),
            "last": get(last_path, last_text),
            "ping": get("/ping/", "pong"),
            "offset_query": offset_query,
            "keyset_query": keyset_query,
        },
        reps=PAGE_REPS,
    )
    medians = {name: statistics.median(runs["wall"]) for name, runs in samples.items()}
    # Processor time of one page beside one /ping/ (the same signed-in
    # client): what the load test's ratio comes from, measured without the
    # HTTP server and wrk sharing the cores.
    cpu = {name: statistics.median(runs["cpu"]) for name, runs in samples.items()}
    return {
        "ping_cpu_s": cpu["ping"],
        "last_page_cpu_s": cpu["last"],
        "ping_over_page_cpu": cpu["ping"] / cpu["last"],
        "posts": THREAD_POSTS,
        "reps": PAGE_REPS,
        "database": connection.vendor,
        "first_page_s": medians["first"],
        "last_page_s": medians["last"],
        "last_over_first": medians["last"] / medians["first"],
        "offset_query_s": medians["offset_query"],
        "keyset_query_s": medians["keyset_query"],
        "offset_over_keyset": medians["offset_query"] / medians["keyset_query"],
    }


# ---- 7. Search on PostgreSQL --------------------------------------------------


def _pg_server() -> str:
    return os.environ.get("HAVEN_BENCH_PG", PG_SERVER)


def bench_search() -> dict:
    """Runs in a child process with DATABASE_URL at a throwaway PostgreSQL database."""
    try:
        import psycopg

        admin = psycopg.connect(f"{_pg_server()}/postgres", autocommit=True, connect_timeout=3)
    except Exception as error:  # noqa: BLE001 - any failure to connect means "skip"
        return {"skipped": f"PostgreSQL is unreachable at {_pg_server()} ({error})"}
    name = f"haven_bench_{secrets.token_hex(4)}"
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        env = dict(os.environ)
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "haven.settings_test",
                "DATABASE_URL": f"{_pg_server()}/{name}",
                "HAVEN_VAR_DIR": tempfile.mkdtemp(prefix="haven-bench-pg-"),
            }
        )
        done = subprocess.run(
            [sys.executable, "-m", "bench.community", "--search-child"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        line = next((x for x in done.stdout.splitlines() if x.startswith("SEARCHJSON ")), None)
        if done.returncode or line is None:
            raise RuntimeError(f"the search bench failed:\n{done.stdout}\n{done.stderr}")
        return json.loads(line[len("SEARCHJSON ") :])
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def _search_child() -> None:
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    from django.db import connection

    from community import search

    started = time.perf_counter()
    seed_thread(SEARCH_POSTS, rng_seed=9)
    seeded = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE community_post")
        # Fixed text (the indexed expression); the word is a parameter.
        explain = f"EXPLAIN SELECT id FROM community_post WHERE {search.VECTOR} @@ "  # noqa: S608
        cursor.execute(explain + f"plainto_tsquery('{search.CONFIG}', %s)", ["lantern"])
        plan = [row[0] for row in cursor.fetchall()]
    found = {word: len(search.search(None, word)) for word in ("lantern", "sister", "walked park")}

    medians = interleaved_medians(
        {
            "rare": lambda: search.search(None, "lantern"),
            "common": lambda: search.search(None, "sister"),
            "two_words": lambda: search.search(None, "walked park"),
        },
        reps=SEARCH_REPS,
    )
    uses_index = any("community_post_search" in line for line in plan)
    print(
        "SEARCHJSON "
        + json.dumps(
            {
                "posts": SEARCH_POSTS,
                "reps": SEARCH_REPS,
                "seed_s": seeded,
                "rare_s": medians["rare"],
                "common_s": medians["common"],
                "two_words_s": medians["two_words"],
                "found": found,
                "uses_gin_index": uses_index,
                "plan": plan,
            }
        )
    )


# ---- 8. A thread page under load ----------------------------------------------


def bench_thread_load(wrk: str, var_dir: Path, seconds: int) -> dict:
    from bench import load

    var_dir.mkdir(parents=True, exist_ok=True)
    env = load.server_env(var_dir)
    load._manage(env, "migrate", "--noinput", "-v", "0")
    load._manage(env, "createcachetable")
    load._manage(env, "collectstatic", "--noinput", "-v", "0")
    seeded = subprocess.run(
        [sys.executable, "-m", "bench.community", "--seed-load", load.MEMBER],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if seeded.returncode:
        raise RuntimeError(f"seeding the thread failed:\n{seeded.stderr}")
    thread_id = seeded.stdout.strip().splitlines()[-1]
    path = f"/community/t/{thread_id}/?last=1"

    port = load._free_port()
    log = var_dir / "gunicorn-community.log"
    with log.open("w") as out:
        web = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "haven.wsgi",
                "--workers",
                str(load.WEB_WORKERS),
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        load._wait_for(port, web, log)
        client = load.Client(port)
        load.sign_in(client)
        status, _loc, page = client.request("GET", path)
        if status != 200 or b'class="card post"' not in page:
            raise RuntimeError(f"{path} is not the thread page (status {status})")
        cookie = client.cookie_header()
        for target in ("/ping/", path):
            load.run_wrk(wrk, port, target, load.WARMUP_SECONDS, cookie)
        results = {}
        for target in ("/ping/", path):
            print(f"  wrk {target} for {seconds}s ...", flush=True)
            results[target] = load.run_wrk(wrk, port, target, seconds, cookie)
        if web.poll() is not None:
            raise RuntimeError("gunicorn died during the load")
    finally:
        if web.poll() is None:
            web.terminate()
        try:
            web.wait(timeout=15)
        except subprocess.TimeoutExpired:
            web.kill()
            web.wait()
    ping, thread = results["/ping/"], results[path]
    return {
        "connections": load.CONNECTIONS,
        "seconds": seconds,
        "web_workers": load.WEB_WORKERS,
        "thread_posts": LOAD_THREAD_POSTS,
        "page_bytes": len(page),
        "ping": ping,
        "thread": thread,
        "thread_share_of_ping": thread["requests_per_s"] / ping["requests_per_s"],
    }


def _seed_load(name: str) -> None:
    import django

    django.setup()
    _user, thread = seed_thread(LOAD_THREAD_POSTS, name=name)
    print(thread.pk)


# ---- The printed section ------------------------------------------------------


def section(results: dict) -> list[str]:
    from bench.report import micros, ratio, seconds, table

    out = []
    pages = results.get("community_pages")
    if pages:
        goal = "met" if pages["last_over_first"] <= 1.2 else "NOT met"
        out += [
            f"8. A thread of {pages['posts']:,} posts ({pages['database']}), signed-in page "
            f"views, medians of {pages['reps']} interleaved runs",
            *table(
                ["what", "median", "ratio"],
                [
                    ["first page (baseline)", seconds(pages["first_page_s"]), ratio(1)],
                    [
                        "last page (keyset)",
                        seconds(pages["last_page_s"]),
                        f"{ratio(pages['last_over_first'])}  goal <= 1.2x ({goal})",
                    ],
                    [
                        "CPU: /ping/ (baseline)",
                        seconds(pages["ping_cpu_s"]),
                        ratio(1),
                    ],
                    [
                        "CPU: last page",
                        seconds(pages["last_page_cpu_s"]),
                        f"{ratio(1 / pages['ping_over_page_cpu'])}  "
                        f"(/ping/ is {pages['ping_over_page_cpu']:.0%} of it)",
                    ],
                    [
                        "query: 20 posts after position (baseline)",
                        seconds(pages["keyset_query_s"]),
                        ratio(1),
                    ],
                    [
                        "query: the same 20 by OFFSET, for contrast",
                        seconds(pages["offset_query_s"]),
                        ratio(pages["offset_over_keyset"]),
                    ],
                ],
            ),
        ]
    found = results.get("community_search")
    if found:
        out.append("")
        if "skipped" in found:
            out.append(f"9. Search: skipped, {found['skipped']}")
        else:
            worst = max(found["rare_s"], found["common_s"], found["two_words_s"])
            goal = "met" if worst < 0.1 else "NOT met"
            out += [
                f"9. Search over {found['posts']:,} posts on PostgreSQL (GIN index used: "
                f"{'yes' if found['uses_gin_index'] else 'NO'}), 50 newest matches, "
                f"medians of {found['reps']} runs; goal under 100 ms ({goal})",
                *table(
                    ["query", "median", "matches shown"],
                    [
                        [
                            '"lantern" (in ~1% of posts)',
                            seconds(found["rare_s"]),
                            str(found["found"]["lantern"]),
                        ],
                        [
                            '"sister" (in many posts)',
                            seconds(found["common_s"]),
                            str(found["found"]["sister"]),
                        ],
                        [
                            '"walked park"',
                            seconds(found["two_words_s"]),
                            str(found["found"]["walked park"]),
                        ],
                    ],
                ),
            ]
    loaded = results.get("community_load")
    if loaded:
        share = loaded["thread_share_of_ping"]
        goal = "met" if share >= 0.25 else "NOT met"
        rows = []
        for label, key in (("/ping/ (baseline)", "ping"), ("thread page, last of 500", "thread")):
            w = loaded[key]
            lat = w["latency_us"]
            rows.append(
                [
                    label,
                    f"{w['requests_per_s']:,.0f}",
                    micros(lat["p50"]),
                    micros(lat["p99"]),
                    f"{w['non200']}/{sum(w['errors'].values())}",
                ]
            )
        out += [
            "",
            f"10. A thread page under wrk, {loaded['connections']} connections, "
            f"{loaded['seconds']} s each, gunicorn {loaded['web_workers']} workers, SQLite; "
            f"{loaded['page_bytes']:,} B page",
            *table(["view", "req/s", "p50", "p99", "non-200/err"], rows),
            f"   thread page / ping: {share:.0%} of /ping/'s rate; goal at least 25% ({goal})",
        ]
    return out


def main() -> int:
    if "--search-child" in sys.argv:
        _search_child()
        return 0
    if "--seed-load" in sys.argv:
        _seed_load(sys.argv[-1])
        return 0
    import shutil

    from bench import inprocess, load

    for name in ("DATABASE_URL", "REDIS_URL", "HAVEN_TASKS_BACKEND"):
        os.environ.pop(name, None)
    in_dir = Path(tempfile.mkdtemp(prefix="haven-bench-community-"))
    http_dir = Path(tempfile.mkdtemp(prefix="haven-bench-community-http-"))
    results: dict = {}
    try:
        inprocess.setup_django(in_dir)
        print("- community_pages ...", flush=True)
        results["community_pages"] = bench_thread_pages()
        print("- community_search ...", flush=True)
        results["community_search"] = bench_search()
        wrk, why = load.ensure_wrk()
        if wrk is None:
            print(f"NOTE: the thread page under load is skipped: {why}")
        else:
            print("- community_load ...", flush=True)
            seconds_each = int(os.environ.get("HAVEN_BENCH_SECONDS", "12"))
            results["community_load"] = bench_thread_load(wrk, http_dir, seconds_each)
    finally:
        shutil.rmtree(in_dir, ignore_errors=True)
        shutil.rmtree(http_dir, ignore_errors=True)
    print("\n".join(["", *section(results)]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
