"""Turns the results into the printed table."""

from __future__ import annotations

KIB_PER_MIB = 1024


def seconds(value: float) -> str:
    if value < 1e-3:
        return f"{value * 1e6:.1f} us"
    if value < 1:
        return f"{value * 1e3:.1f} ms"
    return f"{value:.2f} s"


def micros(value: float) -> str:
    return seconds(value / 1e6)


def ratio(value: float) -> str:
    return f"{value:.2f}x"


def mib(kib: int | None) -> str:
    return "-" if kib is None else f"{kib / KIB_PER_MIB:.1f} MiB"


def table(
    headers: list[str], rows: list[list[str]], left: int = 1, indent: str = "  "
) -> list[str]:
    """Text columns (the first `left` ones) align left, figures right."""
    widths = [max(len(str(c)) for c in column) for column in zip(headers, *rows, strict=True)]

    def line(cells: list[str]) -> str:
        padded = [
            f"{c:<{w}}" if i < left else f"{c:>{w}}"
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return indent + "  ".join(padded).rstrip()

    rule = indent + "  ".join("-" * w for w in widths)
    return [line(headers), rule, *(line(r) for r in rows)]


def _goal(value: float, goal: float) -> str:
    return f"<= {goal:.1f}x ({'met' if value <= goal else 'NOT met'})"


def unlock_section(r: dict) -> list[str]:
    p = r["params"]
    out = [
        f"1. Unlock at production Argon2id ({p['memory_kib'] // 1024} MiB, t={p['time_cost']}, "
        f"p={p['parallelism']}), medians of {r['reps']} interleaved runs"
    ]
    wall, cpu = r["wall_s"], r["cpu_s"]
    rows = [
        [
            "bare argon2 hash_secret_raw (baseline)",
            seconds(wall["argon2id"]),
            ratio(1),
            seconds(cpu["argon2id"]),
            ratio(1),
            "",
        ],
        [
            "vault.keyring.unlock() on a Keyring",
            seconds(wall["unlock"]),
            ratio(r["unlock_ratio"]),
            seconds(cpu["unlock"]),
            ratio(r["cpu_unlock_ratio"]),
            _goal(r["unlock_ratio"], r["goal_ratio"]),
        ],
        [
            "sign-in POST, Django test Client",
            seconds(wall["sign_in"]),
            ratio(r["sign_in_ratio"]),
            seconds(cpu["sign_in"]),
            ratio(r["cpu_sign_in_ratio"]),
            _goal(r["sign_in_ratio"], r["goal_ratio"]),
        ],
    ]
    headers = ["measure", "wall", "ratio", "CPU", "ratio", "goal (wall ratio)"]
    return out + table(headers, rows)


def seal_section(rows: list[dict]) -> list[str]:
    out = ["2. Seal / open throughput (AES-256-GCM), median of 5 batches of ~60 ms"]
    body = [
        [
            f"{r['size_bytes']} B" if r["size_bytes"] < 1024 else f"{r['size_bytes'] // 1024} KiB",
            r["operation"],
            f"{r['ops_per_s']:,.0f}",
            f"{r['mb_per_s']:,.1f}",
            ratio(r["time_vs_baseline"]),
        ]
        for r in rows
    ]
    headers = ["value", "operation", "ops/s", "MB/s", "time/op vs baseline"]
    return out + table(headers, body, left=2)


def listing_section(r: dict) -> list[str]:
    n = f"{r['records']:,}"
    out = [f"3. Opening and listing {n} sealed reasons of one member, median of {r['reps']}"]
    base = r["fetch_s"]
    sizes = r["page_bytes"]
    rows = [
        [f"fetch {n} Reason rows, not opened (baseline)", seconds(base), ratio(1), ""],
        [
            f"plan.actions.open_reasons() ({n} opened)",
            seconds(r["open_reasons_s"]),
            ratio(r["open_ratio"]),
            "",
        ],
        [
            "GET /reasons/, test Client",
            seconds(r["get_reasons_page_s"]),
            ratio(r["reasons_page_ratio"]),
            f"{sizes['/reasons/']:,} B",
        ],
        [
            "GET /home/ (dashboard), test Client",
            seconds(r["get_home_page_s"]),
            ratio(r["home_page_ratio"]),
            f"{sizes['/home/']:,} B",
        ],
        [
            "GET /ping/, test Client (for scale)",
            seconds(r["get_ping_s"]),
            ratio(r["get_ping_s"] / base),
            f"{sizes['/ping/']:,} B",
        ],
    ]
    return out + table(["measure", "median", "vs fetch", "page"], rows)


def http_section(r: dict) -> list[str]:
    out = [
        f"4. HTTP load: gunicorn {r['web_workers']} sync workers + db_worker, SQLite (WAL), "
        f"wrk {r['wrk_threads']} threads, {r['connections']} connections, "
        f"{r['seconds']} s per view",
        f"   dashboard = /home/ signed in, {r['dashboard_reasons']} sealed reasons, "
        f"{r['dashboard_bytes']:,} B",
    ]
    rows = []
    for label, key in (("/ping/ (baseline)", "ping"), ("/home/ (dashboard)", "home")):
        w = r[key]
        lat = w["latency_us"]
        errors = sum(w["errors"].values())
        rows.append(
            [
                label,
                f"{w['requests_per_s']:,.0f}",
                micros(lat["p50"]),
                micros(lat["p95"]),
                micros(lat["p99"]),
                micros(lat["max"]),
                f"{w['requests']:,}",
                f"{w['non200']}/{errors}",
            ]
        )
    q = r["ratios"]
    rows.append(
        [
            "ratio dashboard/ping",
            f"{1 / q['rps_ping_over_home']:.2f}x",
            ratio(q["p50_home_over_ping"]),
            ratio(q["p95_home_over_ping"]),
            ratio(q["p99_home_over_ping"]),
            "",
            "",
            "",
        ]
    )
    headers = ["view", "req/s", "p50", "p95", "p99", "max", "requests", "non-200/err"]
    out += table(headers, rows)
    runs = len(r["sign_in_post_runs_s"])
    out.append(
        f"   sign-in POST over HTTP, production Argon2, median of {runs} fresh sign-ins: "
        f"{seconds(r['sign_in_post_s'])}; bare Argon2id taking turns with them: "
        f"{seconds(r['bare_argon2id_s'])}; ratio {ratio(r['sign_in_ratio'])}"
    )
    out.append(
        "   (wrk runs on the same CPUs as the server, so req/s is a floor; latency includes "
        "queueing for a sync worker)"
    )
    return out


# The share of the bare ping each kind of page must reach.
GOALS_OF_BARE = {"/ping/": 0.90, "/guide/": 0.50, "/home/": 0.25}


def versus_bare_section(r: dict) -> list[str]:
    v = r["versus_bare"]
    out = [
        f"4b. Pages beside a bare Django ping (no apps, no middleware, same gunicorn): "
        f"{v['rounds']} interleaved rounds of {v['seconds']} s, median share within a round"
    ]
    rows = []
    for row in v["rows"]:
        goal = next((g for path, g in GOALS_OF_BARE.items() if path in row["label"]), None)
        bare = row["label"].startswith("bare")
        verdict = ""
        if goal is not None and not bare:
            verdict = f">= {goal:.0%} ({'met' if row['of_bare'] >= goal else 'NOT met'})"
        rows.append(
            [
                row["label"],
                f"{row['requests_per_s']:,.0f}",
                f"{row['of_bare']:.0%} of bare",
                " ".join(f"{x:.0%}" for x in row["of_bare_runs"]),
                micros(row["p50_us"]),
                micros(row["p95_us"]),
                seconds(row["cpu_per_request_s"]),
                f"{row['non200']}/{row['errors']}",
                verdict,
            ]
        )
    headers = [
        "view",
        "req/s",
        "share",
        "each round",
        "p50",
        "p95",
        "worker CPU/req",
        "non-200/err",
        "goal",
    ]
    out += table(headers, rows)
    return out


def open_loop_section(r: dict) -> list[str]:
    from bench.load import OPEN_LOOP_GOAL_P95_S

    runs = r["open_loop"]
    out = [
        f"4d. Open loop: requests arriving at random moments (Poisson), "
        f"{runs[0]['rate']:.0f} a second for {runs[0]['seconds']} s each, signed in; latency "
        f"counted from each arrival (goal for private pages: p95 under "
        f"{OPEN_LOOP_GOAL_P95_S * 1000:.0f} ms)"
    ]
    rows = []
    for run in runs:
        private = run["path"] == "/home/"
        p95 = run["p95_s"]
        verdict = ""
        if private:
            verdict = "met" if p95 is not None and p95 < OPEN_LOOP_GOAL_P95_S else "NOT met"
        rows.append(
            [
                run["path"] + (" (private)" if private else " (public)"),
                f"{run['answered']:,} / {run['sent']:,}",
                str(run["failed"]),
                *(
                    seconds(run[k]) if run[k] is not None else "?"
                    for k in ("p50_s", "p95_s", "p99_s", "max_s")
                ),
                verdict,
            ]
        )
    out += table(["view", "answered", "failed", "p50", "p95", "p99", "max", "goal"], rows)
    return out


def pages_memory_section(r: dict) -> list[str]:
    e = r["every_page"]
    bad = {path: code for path, code in e["pages"].items() if code not in (200, 302)}
    out = [
        f"5b. Worker memory after serving each of {len(e['pages'])} pages (every feature's "
        f"declared pages and the shared ones) at least once (goal < 70 MiB)"
    ]
    rows = [
        [
            f"gunicorn web worker {i}",
            mib(w.get("VmRSS")),
            "met" if w.get("VmRSS", 1 << 30) < 70 * KIB_PER_MIB else "NOT met",
        ]
        for i, w in enumerate(e["workers"], start=1)
    ]
    out += table(["process", "RSS", "goal"], rows)
    if bad:
        out.append("   pages not answered 200: " + ", ".join(f"{p} {c}" for p, c in bad.items()))
    return out


def storm_section(r: dict) -> list[str]:
    st = r["storm"]
    answers = (
        ", ".join(
            f"{n} x {'no answer (timed out)' if code == '0' else code}"
            for code, n in st["answers_in_window"].items()
        )
        or "none"
    )
    out = [
        f"4c. Sign-in storm: {st['sign_ins']} wrong sign-ins at once (production Argon2id, "
        f"{r['argon2']['memory_kib'] // 1024} MiB each), one visitor reading /guide/ "
        f"for {st['seconds']} s",
        f"   answered within the window: {answers}; still queued: {st['unanswered_in_window']}",
    ]
    p95 = st["page_p95_s"]
    verdict = "" if p95 is None else f" (goal < 100 ms: {'met' if p95 < 0.1 else 'NOT met'})"
    out.append(
        f"   /guide/ during the storm: {st['pages']} pages, {st['pages_failed']} failed, "
        f"p50 {seconds(st['page_p50_s'] or 0)}, p95 {seconds(p95 or 0)}{verdict}, "
        f"max {seconds(st['page_max_s'] or 0)}"
    )
    rows = [
        [f"gunicorn web worker {i}", mib(w.get("VmHWM")), mib(w.get("VmRSS"))]
        for i, w in enumerate(st["workers"], start=1)
    ]
    out += table(["process", "peak in storm", "RSS at end"], rows)
    return out


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.0f}% of a core"


def memory_section(r: dict) -> list[str]:
    m = r["memory"]
    note = (
        "peak since sign-in (VmHWM reset after it)"
        if m["peaks_reset_after_sign_in"]
        else "peak since start (VmHWM could not be reset)"
    )
    out = [f"5. Peak memory (VmHWM from /proc) during the load above; {note}"]
    task = m["task_worker"]
    base = task.get("VmHWM")
    rows = []
    during = m["web_workers_during_load"]
    for i, (load, signed) in enumerate(
        zip(during, m["web_workers_after_sign_in"], strict=True), start=1
    ):
        rows.append(
            [
                f"gunicorn web worker {i}",
                mib(load.get("VmHWM")),
                mib(load.get("VmRSS")),
                mib(signed.get("VmHWM")),
                ratio(load["VmHWM"] / base) if base and "VmHWM" in load else "-",
                _share(load.get("cpu_share")),
            ]
        )
    total = sum(w.get("VmHWM", 0) for w in during)
    rows.append(
        [
            "web workers, summed",
            mib(total),
            mib(sum(w.get("VmRSS", 0) for w in during)),
            mib(sum(w.get("VmHWM", 0) for w in m["web_workers_after_sign_in"])),
            ratio(total / base) if base else "-",
            _share(sum(w.get("cpu_share", 0) for w in during)),
        ]
    )
    rows.append(
        [
            "task worker, db_worker (baseline)",
            mib(base),
            mib(task.get("VmRSS")),
            mib(m["task_worker_before_load"].get("VmHWM")),
            ratio(1),
            _share(task.get("cpu_share")),
        ]
    )
    headers = [
        "process",
        "peak in load",
        "RSS at end",
        "peak before load",
        "vs task worker",
        "CPU in load",
    ]
    out += table(headers, rows)
    out.append(
        "   (peak before load includes the sign-ins: each Argon2id run briefly holds its memory)"
    )
    return out


def newsletter_section(r: dict) -> list[str]:
    n = f"{r['recipients']:,}"
    out = [
        f"6. Newsletter: {n} recipients to a local SMTP sink, {r['connections']} connections, "
        f"median of {r['rounds']} alternating rounds (messages of ~{r['message_bytes']:,.0f} B)"
    ]
    rate_ok = r["haven_per_s"] >= r["goal_rate"]
    ratio_ok = r["ratio"] >= r["goal_ratio"]
    rows = [
        [
            "bare smtplib, the same messages, one thread per connection (baseline)",
            f"{r['bare_per_s']:,.0f}",
            ratio(1),
            "",
        ],
        [
            "newsletter.sending.send(): claim, compose, send, mark (pipelined)",
            f"{r['haven_per_s']:,.0f}",
            ratio(r["ratio"]),
            f">= {r['goal_rate']:,.0f}/s ({'met' if rate_ok else 'NOT met'}), "
            f">= {r['goal_ratio']:.2f}x ({'met' if ratio_ok else 'NOT met'})",
        ],
        [
            "the same with pipelining off (smtplib's sendmail)",
            f"{r['one_by_one_per_s']:,.0f}",
            ratio(r["one_by_one_ratio"]),
            "",
        ],
    ]
    return out + table(["measure", "msg/s", "vs bare", "goal"], rows)
