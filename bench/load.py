"""HTTP load and memory: gunicorn + the task worker on SQLite, driven by wrk.

Everything binds to 127.0.0.1 and lives in a temporary HAVEN_VAR_DIR. The
member signs in over HTTP exactly as a browser would (CSRF cookie and form
token, then the POST), and wrk replays the session and vault-key cookies.
"""

from __future__ import annotations

import base64
import http.client
import json
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from http.cookies import SimpleCookie
from pathlib import Path

from bench import open_loop
from bench.inprocess import PASSPHRASE, bare_argon2id, production_argon2
from bench.measure import children_of, cpu_seconds, proc_status_kib, reset_peak, time_once

ROOT = Path(__file__).resolve().parent.parent
LUA = Path(__file__).resolve().parent / "wrk_report.lua"
MEMBER = "bench-http"
DASHBOARD_REASONS = 10
WEB_WORKERS = 2
CONNECTIONS = 50
THREADS = 2
WARMUP_SECONDS = 2
SIGN_INS = 7
# Requests arriving at random moments at this rate (issue goal: private pages'
# p95 under 20 ms at 150 req/s), beside wrk's closed loop.
OPEN_LOOP_RATE = 150.0
OPEN_LOOP_PATHS = ("/home/", "/guide/")
OPEN_LOOP_GOAL_P95_S = 0.020
# Pages measured beside the bare Django ping, each round taking turns with it.
# (label, path, with the member's cookies): a public page is measured both as
# a new visitor gets it (from the kept copy) and as someone signed in does.
PAGES_VS_BARE = (
    ("/ping/, session cookie", "/ping/", True),
    ("/guide/ (public), new visitor", "/guide/", False),
    ("/guide/ (public), signed in", "/guide/", True),
    ("/home/ (private)", "/home/", True),
)


def ensure_wrk() -> tuple[str | None, str]:
    """The wrk binary, installing Debian's package when we are root; else why not."""
    found = shutil.which("wrk")
    if found:
        return found, ""
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return None, (
            "wrk is not installed and this is not a root shell with apt-get. "
            "Install it with `sudo apt-get install -y wrk`, then run `make bench` again."
        )
    print("wrk is missing: installing Debian's package ...", flush=True)
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.STDOUT}
    if subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=False, **quiet).returncode:
        subprocess.run(["apt-get", "update", "-q"], check=False, **quiet)
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=False, **quiet)
    found = shutil.which("wrk")
    return (found, "") if found else (None, "`apt-get install -y wrk` did not succeed.")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(var_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    # Never let a developer's own database, cache or queue settings leak in.
    for name in ("DATABASE_URL", "REDIS_URL", "HAVEN_TASKS_BACKEND", "HAVEN_CSRF_TRUSTED_ORIGINS"):
        env.pop(name, None)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "haven.settings",
            "HAVEN_DEBUG": "0",
            "HAVEN_SECRET_KEY": secrets.token_urlsafe(50),
            "HAVEN_PEPPER": base64.b64encode(secrets.token_bytes(32)).decode(),
            "HAVEN_SERVER_KEYS": "k1:" + base64.b64encode(secrets.token_bytes(32)).decode(),
            "HAVEN_RECORDS_SIGNING_KEYS": "r1:"
            + base64.b64encode(secrets.token_bytes(32)).decode(),
            "HAVEN_SECURE": "0",
            "HAVEN_SSL_REDIRECT": "0",
            "HAVEN_ALLOWED_HOSTS": "127.0.0.1",
            "HAVEN_VAR_DIR": str(var_dir),
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


class Client:
    """Just enough of a browser: one cookie jar, no redirects followed."""

    def __init__(self, port: int, timeout: float = 60) -> None:
        self.port = port
        self.timeout = timeout
        self.cookies: dict[str, str] = {}

    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def request(self, method: str, path: str, form: dict[str, str] | None = None):
        headers = {"Cookie": self.cookie_header()} if self.cookies else {}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            content = response.read()
            for header in response.msg.get_all("Set-Cookie") or []:
                jar: SimpleCookie = SimpleCookie()
                jar.load(header)
                for name, morsel in jar.items():
                    if morsel.value and morsel["max-age"] != "0":
                        self.cookies[name] = morsel.value
                    else:
                        self.cookies.pop(name, None)
            return response.status, response.getheader("Location", ""), content
        finally:
            conn.close()


def _wait_for(port: int, proc: subprocess.Popen, log: Path, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited early:\n{_tail(log)}")
        try:
            status, _loc, _body = Client(port).request("GET", "/ping/")
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer /ping/ in {seconds}s:\n{_tail(log)}")


def _wait_until_idle(proc: subprocess.Popen, log: Path, seconds: float = 30) -> None:
    """Until the process uses under 10% of a core over half a second (or time runs out)."""
    deadline = time.monotonic() + seconds
    used = cpu_seconds(proc.pid)
    while time.monotonic() < deadline:
        time.sleep(0.5)
        if proc.poll() is not None:
            raise RuntimeError(f"the task worker exited early:\n{_tail(log)}")
        now = cpu_seconds(proc.pid)
        if now - used < 0.05:
            return
        used = now


def start_gunicorn(app: str, port: int, env: dict[str, str], log: Path) -> subprocess.Popen:
    """Haven and the bare ping are served alike: same workers, same options."""
    with log.open("w") as out:
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                app,
                "--workers",
                str(WEB_WORKERS),
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


def settle(pids: list[int], seconds: float = 20) -> None:
    """Wait until these processes are idle: when wrk stops, requests it left
    queued are still being served, and would be counted against the next run."""
    deadline = time.monotonic() + seconds
    used = sum(cpu_seconds(pid) for pid in pids)
    while time.monotonic() < deadline:
        time.sleep(0.3)
        now = sum(cpu_seconds(pid) for pid in pids)
        if now - used < 0.01:
            return
        used = now


def compare_with_bare(
    wrk: str,
    haven: tuple[int, list[int]],
    bare: tuple[int, list[int]],
    cookie: str,
    seconds: int,
    rounds: int,
) -> dict:
    """Each page's req/s as a share of the bare ping's, in interleaved rounds.

    Every round runs the bare ping and each page once, starting one place
    further along each time, so drift on a busy machine hits them alike; the
    share is taken within a round and the median of the rounds reported.
    Worker CPU per request is the servers' own CPU time over the requests
    served, which wrk sharing the CPUs skews less than req/s.
    """
    runs = [
        ("bare Django /ping/", bare, "/ping/", ""),
        *[
            (label, haven, path, cookie if signed_in else "")
            for label, path, signed_in in PAGES_VS_BARE
        ],
    ]
    samples: dict[str, list[dict]] = {label: [] for label, *_ in runs}
    for round_ in range(rounds):
        shift = round_ % len(runs)
        for label, (port, workers), path, jar in runs[shift:] + runs[:shift]:
            settle(haven[1] + bare[1])
            before = sum(cpu_seconds(pid) for pid in workers)
            figures = run_wrk(wrk, port, path, seconds, jar)
            used = sum(cpu_seconds(pid) for pid in workers) - before
            figures["cpu_per_request_s"] = used / max(figures["requests"], 1)
            figures.pop("wrk_output", None)
            samples[label].append(figures)
    bare_runs = samples["bare Django /ping/"]
    rows = []
    for label, *_ in runs:
        mine = samples[label]
        shares = [
            m["requests_per_s"] / b["requests_per_s"] for m, b in zip(mine, bare_runs, strict=True)
        ]
        rows.append(
            {
                "label": label,
                "requests_per_s": statistics.median(m["requests_per_s"] for m in mine),
                "of_bare": statistics.median(shares),
                "of_bare_runs": shares,
                "p50_us": statistics.median(m["latency_us"]["p50"] for m in mine),
                "p95_us": statistics.median(m["latency_us"]["p95"] for m in mine),
                "cpu_per_request_s": statistics.median(m["cpu_per_request_s"] for m in mine),
                "non200": sum(m["non200"] for m in mine),
                "errors": sum(sum(m["errors"].values()) for m in mine),
            }
        )
    return {"rounds": rounds, "seconds": seconds, "rows": rows}


STORM_SIGN_INS = 200
PAGES_SCRIPT = """
import django
django.setup()
from core import features
for f in features.all_features():
    for page in [*f.public_pages, *f.private_pages]:
        print(features.page_url(page))
"""


def registry_pages(env: dict[str, str]) -> list[str]:
    """Every page the features declare (public and private), plus the shared ones."""
    done = subprocess.run(
        [sys.executable, "-c", PAGES_SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    shared = ["/", "/home/", "/sign-in/", "/guide/", "/staying-safe/", "/settings/"]
    return list(dict.fromkeys([*shared, *done.stdout.split()]))


def memory_after_every_page(client: Client, pages: list[str], workers: list[int]) -> dict:
    """Each worker's memory once every page has been served by it (each page is
    asked for twice per worker, so whichever worker takes it, both serve it)."""
    statuses = {}
    for _ in range(2 * len(workers)):
        for path in pages:
            statuses[path] = client.request("GET", path)[0]
    return {"pages": statuses, "workers": _memory(workers)}


def sign_in_storm(port: int, workers: list[int], seconds: int, count: int = STORM_SIGN_INS) -> dict:
    """`count` wrong sign-ins sent at once, while one visitor keeps reading /guide/.

    Each sign-in uses a name no one has (so the per-name limit never stops it
    before Argon2id runs), all from one browser's CSRF cookie. For `seconds`
    the visitor's page times are taken; then the workers' peak memory since
    the storm began is read. Sign-ins still queued when the window closes are
    left to the server (this runs last; the server is stopped after it).
    """
    visitor = Client(port, timeout=seconds)
    status, _loc, page = visitor.request("GET", "/sign-in/")
    match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if status != 200 or not match:
        raise RuntimeError("the sign-in page had no form token")
    token = match.group(1).decode()
    jar = dict(visitor.cookies)
    answers: list[int] = []
    lock = threading.Lock()

    def wrong_sign_in(n: int) -> None:
        client = Client(port, timeout=120)
        client.cookies = dict(jar)
        form = {
            "csrfmiddlewaretoken": token,
            "username": f"storm-{n}-{secrets.token_hex(4)}",
            "passphrase": "not the right passphrase",
            "next": "",
        }
        try:
            answer = client.request("POST", "/sign-in/", form)[0]
        except OSError:
            answer = 0
        with lock:
            answers.append(answer)

    for pid in workers:
        reset_peak(pid)
    threads = [threading.Thread(target=wrong_sign_in, args=(n,), daemon=True) for n in range(count)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    page_times: list[float] = []
    failed_pages = 0
    while time.monotonic() - started < seconds:
        begin = time.perf_counter()
        try:
            status = visitor.request("GET", "/guide/")[0]
        except OSError:
            status = 0
        page_times.append(time.perf_counter() - begin)
        failed_pages += status != 200
    memory = _memory(workers)
    with lock:
        tally = {str(code): answers.count(code) for code in sorted(set(answers))}
    page_times.sort()
    return {
        "sign_ins": count,
        "seconds": seconds,
        "answers_in_window": tally,
        "unanswered_in_window": count - sum(tally.values()),
        "pages": len(page_times),
        "pages_failed": failed_pages,
        "page_p50_s": statistics.median(page_times) if page_times else None,
        "page_p95_s": page_times[int(0.95 * (len(page_times) - 1))] if page_times else None,
        "page_max_s": page_times[-1] if page_times else None,
        "workers": memory,
    }


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
    )


def sign_in(client: Client) -> float:
    status, _loc, page = client.request("GET", "/sign-in/")
    match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if status != 200 or not match or "hv_c" not in client.cookies:
        raise RuntimeError(f"the sign-in page had no CSRF cookie or token (status {status})")
    form = {
        "csrfmiddlewaretoken": match.group(1).decode(),
        "username": MEMBER,
        "passphrase": PASSPHRASE,
        "next": "",
    }
    start = time.perf_counter()
    status, location, _body = client.request("POST", "/sign-in/", form)
    elapsed = time.perf_counter() - start
    if status != 302 or location != "/home/":
        raise RuntimeError(f"sign-in over HTTP failed (status {status}, to {location!r})")
    for name in ("hv_s", "hv_k"):
        if name not in client.cookies:
            raise RuntimeError(f"sign-in set no {name} cookie")
    return elapsed


def check_dashboard(client: Client) -> int:
    status, location, page = client.request("GET", "/home/")
    if status != 200 or b"Welcome back" not in page:
        raise RuntimeError(f"/home/ is not the signed-in dashboard (status {status} {location})")
    if page.count(b"<li>") < DASHBOARD_REASONS:
        raise RuntimeError("/home/ does not list the member's reasons")
    return len(page)


def run_wrk(wrk: str, port: int, path: str, seconds: int, cookie: str) -> dict:
    command = [
        wrk,
        f"-t{THREADS}",
        f"-c{CONNECTIONS}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "--latency",
        "-s",
        str(LUA),
        "-H",
        f"Cookie: {cookie}",
        f"http://127.0.0.1:{port}{path}",
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    line = next((x for x in done.stdout.splitlines() if x.startswith("WRKJSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no report:\n{done.stdout}\n{done.stderr}")
    figures = json.loads(line[len("WRKJSON ") :])
    figures["requests_per_s"] = figures["requests"] / (figures["duration_us"] / 1e6)
    figures["wrk_output"] = [x for x in done.stdout.splitlines() if not x.startswith("WRKJSON")]
    return figures


def _memory(pids: list[int]) -> list[dict[str, int]]:
    return [{"pid": pid, **proc_status_kib(pid)} for pid in pids]


def bench_http(wrk: str, var_dir: Path, seconds: int) -> dict:
    env = server_env(var_dir)
    # The storm comes from one address here; in life it comes from many, which
    # the per-address limit would not slow either.
    env["HAVEN_SIGNIN_LIMIT_PER_ADDRESS"] = "1000000"
    _manage(env, "migrate", "--noinput", "-v", "0")
    _manage(env, "createcachetable")
    # As every install does (bin/run, the deploy steps): the guide, help lines,
    # scripts and reminders in the database, so no page falls back to reading
    # (and validating) the content files.
    _manage(env, "load_content")
    _manage(env, "collectstatic", "--noinput", "-v", "0")
    seeded = subprocess.run(
        [sys.executable, "-m", "bench.seed", MEMBER, str(DASHBOARD_REASONS)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if seeded.returncode:
        raise RuntimeError(f"seeding the member failed:\n{seeded.stderr}")

    port = _free_port()
    web_log, worker_log = var_dir / "gunicorn.log", var_dir / "db_worker.log"
    processes: list[subprocess.Popen] = []
    try:
        web = start_gunicorn("haven.wsgi", port, env, web_log)
        processes.append(web)
        bare_port, bare_log = _free_port(), var_dir / "bare_ping.log"
        bare_web = start_gunicorn("bench.bare_ping.wsgi", bare_port, env, bare_log)
        processes.append(bare_web)
        with worker_log.open("w") as out:
            worker = subprocess.Popen(
                [sys.executable, "manage.py", "db_worker", "--interval", "1"],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        processes.append(worker)
        _wait_for(port, web, web_log)
        _wait_for(bare_port, bare_web, bare_log)
        # Its start-up (importing Django) would otherwise share the CPUs with
        # the timed sign-ins below.
        _wait_until_idle(worker, worker_log)

        # Fresh browsers each time; the first may meet a cold worker, hence the
        # median. A bare Argon2id run here takes turns with them as the baseline.
        bare = bare_argon2id(production_argon2())
        sign_in_times, bare_times = [], []
        for _ in range(SIGN_INS):
            bare_times.append(time_once(bare)[0])
            client = Client(port)
            sign_in_times.append(sign_in(client))
        page_bytes = check_dashboard(client)
        cookie = client.cookie_header()
        web_workers = children_of(web.pid)
        if len(web_workers) != WEB_WORKERS:
            raise RuntimeError(f"expected {WEB_WORKERS} gunicorn workers, found {web_workers}")
        if worker.poll() is not None:
            raise RuntimeError(f"the task worker exited early:\n{_tail(worker_log)}")

        every_page = memory_after_every_page(client, registry_pages(env), web_workers)

        # The sign-ins' Argon2 runs (64 MiB each in production) set the workers'
        # peaks; record them, then start fresh peaks so the load shows serving alone.
        after_sign_in = _memory(web_workers)
        task_worker_before = _memory([worker.pid])[0]
        watched = [*web_workers, worker.pid]
        peaks_reset = all(reset_peak(pid) for pid in watched)

        for path in ("/ping/", "/home/"):
            run_wrk(wrk, port, path, WARMUP_SECONDS, cookie)
            settle(web_workers)
        results = {}
        cpu_before = {pid: cpu_seconds(pid) for pid in watched}
        load_started = time.monotonic()
        for path in ("/ping/", "/home/"):
            print(f"  wrk {path} for {seconds}s ...", flush=True)
            results[path] = run_wrk(wrk, port, path, seconds, cookie)
            settle(web_workers)
        load_seconds = time.monotonic() - load_started
        cpu_share = {pid: (cpu_seconds(pid) - cpu_before[pid]) / load_seconds for pid in watched}
        during_load = [
            {**figures, "cpu_share": cpu_share[figures["pid"]]} for figures in _memory(web_workers)
        ]
        task_worker = {**_memory([worker.pid])[0], "cpu_share": cpu_share[worker.pid]}
        check_dashboard(client)  # the session survived the load

        rounds = int(os.environ.get("HAVEN_BENCH_ROUNDS", "3"))
        round_seconds = max(2, seconds // rounds)
        print(f"  beside a bare Django ping: {rounds} rounds of {round_seconds}s ...", flush=True)
        versus_bare = compare_with_bare(
            wrk,
            (port, web_workers),
            (bare_port, children_of(bare_web.pid)),
            cookie,
            round_seconds,
            rounds,
        )
        if web.poll() is not None:
            raise RuntimeError(f"gunicorn died beside the bare ping:\n{_tail(web_log)}")

        open_loop_runs = []
        for path in OPEN_LOOP_PATHS:
            print(
                f"  open loop: {path} at {OPEN_LOOP_RATE:.0f} req/s for {seconds}s ...", flush=True
            )
            open_loop_runs.append(open_loop.run(port, path, cookie, OPEN_LOOP_RATE, seconds))
            settle(web_workers)

        storm_seconds = max(5, seconds)
        print(f"  {STORM_SIGN_INS} wrong sign-ins at once, {storm_seconds}s window ...", flush=True)
        storm = sign_in_storm(port, web_workers, storm_seconds)
        if web.poll() is not None or worker.poll() is not None:
            raise RuntimeError("a server process died during the load")
    finally:
        for proc in processes:
            if proc.poll() is None:
                proc.terminate()
        for proc in processes:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    ping, home = results["/ping/"], results["/home/"]
    return {
        "connections": CONNECTIONS,
        "wrk_threads": THREADS,
        "seconds": seconds,
        "web_workers": WEB_WORKERS,
        "dashboard_reasons": DASHBOARD_REASONS,
        "dashboard_bytes": page_bytes,
        "argon2": production_argon2(),
        "sign_in_post_s": statistics.median(sign_in_times),
        "sign_in_post_runs_s": sign_in_times,
        "bare_argon2id_s": statistics.median(bare_times),
        "bare_argon2id_runs_s": bare_times,
        "sign_in_ratio": statistics.median(sign_in_times) / statistics.median(bare_times),
        "ping": ping,
        "home": home,
        "versus_bare": versus_bare,
        "open_loop": open_loop_runs,
        "storm": storm,
        "every_page": every_page,
        "ratios": {
            "rps_ping_over_home": ping["requests_per_s"] / home["requests_per_s"],
            **{
                f"{p}_home_over_ping": home["latency_us"][p] / ping["latency_us"][p]
                for p in ("p50", "p95", "p99")
            },
        },
        "memory": {
            "peaks_reset_after_sign_in": peaks_reset,
            "web_workers_after_sign_in": after_sign_in,
            "web_workers_during_load": during_load,
            "task_worker_before_load": task_worker_before,
            "task_worker": task_worker,
        },
    }
