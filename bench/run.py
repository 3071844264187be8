"""`make bench`: runs every benchmark, prints one table, writes var/bench/results.json.

1. unlock at production Argon2id beside one bare Argon2id run (bench.inprocess)
2. seal/open throughput for small and larger values (bench.inprocess)
3. opening and listing 1,000 sealed reasons beside only fetching them (bench.inprocess)
4. HTTP load on gunicorn with wrk: the dashboard beside /ping/ (bench.load)
5. peak memory of the web workers and the task worker during that load (bench.load)
6. the newsletter: 20,000 recipients to a local SMTP sink beside a bare smtplib
   client sending the same messages (bench.newsletter)
7. 10,000 missed check-ins alerted by one worker over SMTP, beside a bare smtplib
   client sending as many messages (bench.alerts)
8. a thread of 50,000 posts: last page beside first (bench.community)
9. search over 100,000 posts on PostgreSQL, skipped with the reason when unreachable
10. a community thread page under wrk beside /ping/ (bench.community)
11. searching 2,000 sealed journal pages of one member in memory, beside opening
    them all (bench.journal)
12. the mood year view with 365 check-ins beside opening the same rows and /ping/
    (bench.mood)
13. the day counter's page and the dashboard with years of noted contacts, beside
    a member who never used it (bench.steady)
14. a 25 MB upload: sealing it beside a bare AES-GCM pass, and peak memory while
    it arrives through a real request (bench.records_files)
15. exporting 500 records entries as a PDF and a zip beside only opening them
    (bench.records_export)
16. the layout rendered by Django's template engine beside Jinja2, the same
    page (bench.template_engines)

    .venv/bin/python -m bench.run

HAVEN_BENCH_SECONDS sets each wrk run's length (default 12); HAVEN_BENCH_KEEP=1
keeps the temporary folders (databases, server logs) for a look afterwards.
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "var" / "bench" / "results.json"


def _machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "commit": commit,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "cpu": cpu,
    }


def _load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def _step(results: dict, errors: list[str], name: str, fn, *args):
    print(f"- {name} ...", flush=True)
    start = time.perf_counter()
    try:
        results[name] = fn(*args)
    except Exception:
        errors.append(f"{name} failed:\n{traceback.format_exc()}")
        print("  FAILED (see the end)", flush=True)
        return
    print(f"  done in {time.perf_counter() - start:.1f}s", flush=True)


def main() -> int:
    os.chdir(ROOT)
    # Never benchmark against a developer's own database, cache or queue.
    for name in ("DATABASE_URL", "REDIS_URL", "HAVEN_TASKS_BACKEND"):
        os.environ.pop(name, None)
    seconds = int(os.environ.get("HAVEN_BENCH_SECONDS", "12"))
    keep = os.environ.get("HAVEN_BENCH_KEEP") == "1"
    in_dir = Path(tempfile.mkdtemp(prefix="haven-bench-in-"))
    http_dir = Path(tempfile.mkdtemp(prefix="haven-bench-http-"))
    alerts_dir = Path(tempfile.mkdtemp(prefix="haven-bench-alerts-"))
    started = time.perf_counter()
    results: dict = {"machine": _machine()}
    results["machine"]["load_average_before"] = _load_average()
    errors: list[str] = []
    skipped: list[str] = []

    try:
        from bench import alerts, community, inprocess, load

        inprocess.setup_django(in_dir)
        _step(results, errors, "unlock", inprocess.bench_unlock)
        _step(results, errors, "seal", inprocess.bench_seal)
        _step(results, errors, "listing", inprocess.bench_listing)
        _step(results, errors, "alerts", alerts.bench_alerts, alerts_dir)

        from bench import newsletter

        _step(results, errors, "newsletter", newsletter.bench_newsletter)
        _step(results, errors, "community_pages", community.bench_thread_pages)
        _step(results, errors, "community_search", community.bench_search)
        from bench import steady

        _step(results, errors, "steady", steady.bench_steady)
        if "skipped" in results.get("community_search", {}):
            skipped.append(f"Search on PostgreSQL (9): {results['community_search']['skipped']}")

        from bench import records_files

        _step(results, errors, "records_files", records_files.bench_files)

        from bench import records_export

        _step(results, errors, "records_export", records_export.bench_records_export)
        from bench import journal

        _step(results, errors, "journal_search", journal.run)
        from bench import mood

        _step(results, errors, "mood_year", mood.bench_year_view)
        from bench import template_engines

        _step(results, errors, "template_engines", template_engines.bench_template_engines)

        wrk, why = load.ensure_wrk()
        if wrk is None:
            skipped.append(f"HTTP load and memory (4, 5, 10) skipped: {why}")
        else:
            results["machine"]["wrk"] = subprocess.run(
                [wrk, "--version"], capture_output=True, text=True
            ).stdout.splitlines()[0:1]
            _step(results, errors, "http", load.bench_http, wrk, http_dir, seconds)
            _step(
                results,
                errors,
                "community_load",
                community.bench_thread_load,
                wrk,
                http_dir / "community",
                seconds,
            )
    finally:
        if keep:
            print(f"kept {in_dir}, {http_dir} and {alerts_dir}")
        else:
            shutil.rmtree(in_dir, ignore_errors=True)
            shutil.rmtree(http_dir, ignore_errors=True)
            shutil.rmtree(alerts_dir, ignore_errors=True)

    results["total_seconds"] = time.perf_counter() - started
    results["machine"]["load_average_after"] = _load_average()
    results["skipped"] = skipped
    results["errors"] = errors
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")

    print_table(results)
    print(f"\nFigures written to {RESULTS.relative_to(ROOT)}")
    for note in skipped:
        print(f"\nNOTE: {note}")
    for error in errors:
        print(f"\nERROR: {error}", file=sys.stderr)
    return 1 if errors else 0


def print_table(results: dict) -> None:
    from bench import report

    m = results["machine"]
    lines = [
        "",
        "=" * 100,
        f"Haven benchmarks  {m['date']}  commit {m['commit']}  Python {m['python']}",
        f"{m['cpus']} CPUs ({m['cpu']}), {m['platform']}",
        f"Load average (1, 5, 15 min) before: {m['load_average_before']}, "
        f"after: {m['load_average_after']}; other work on the machine skews the figures.",
        "Times are medians; each ratio compares with a baseline measured in this same run.",
        "=" * 100,
    ]
    sections = []
    if "unlock" in results:
        sections.append(report.unlock_section(results["unlock"]))
    if "seal" in results:
        sections.append(report.seal_section(results["seal"]))
    if "listing" in results:
        sections.append(report.listing_section(results["listing"]))
    if "http" in results:
        sections.append(report.http_section(results["http"]))
        if "versus_bare" in results["http"]:
            sections.append(report.versus_bare_section(results["http"]))
        if "open_loop" in results["http"]:
            sections.append(report.open_loop_section(results["http"]))
        if "every_page" in results["http"]:
            sections.append(report.pages_memory_section(results["http"]))
        if "storm" in results["http"]:
            sections.append(report.storm_section(results["http"]))
        sections.append(report.memory_section(results["http"]))
    if "newsletter" in results:
        sections.append(report.newsletter_section(results["newsletter"]))
    if "alerts" in results:
        from bench import alerts

        sections.append(alerts.section(results["alerts"]))
    from bench import community

    community_lines = community.section(results)
    if community_lines:
        sections.append(community_lines)
    if "records_files" in results:
        from bench import records_files

        sections.append(records_files.section(results["records_files"]))
    if "records_export" in results:
        from bench import records_export

        sections.append(records_export.section(results["records_export"]))
    if "journal_search" in results:
        from bench import journal

        sections.append(journal.section(results["journal_search"]))
    from bench import mood

    mood_lines = mood.section(results)
    if mood_lines:
        sections.append(mood_lines)
    if "steady" in results:
        from bench import steady

        sections.append(steady.section(results["steady"]))
    if "template_engines" in results:
        from bench import template_engines

        sections.append(template_engines.section(results["template_engines"]))
    for section in sections:
        lines += ["", *section]
    lines += ["", f"Whole run: {results['total_seconds']:.0f} s", "=" * 100]
    print("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
