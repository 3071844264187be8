"""Small timing and memory helpers shared by the benchmarks."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path


def time_once(fn: Callable[[], object]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (all threads of this process) of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def interleaved_medians(
    fns: dict[str, Callable[[], object]], reps: int, warmup: int = 1
) -> dict[str, float]:
    """Median wall time of each function (see interleaved_samples)."""
    samples = interleaved_samples(fns, reps, warmup)
    return {name: statistics.median(runs["wall"]) for name, runs in samples.items()}


def interleaved_samples(
    fns: dict[str, Callable[[], object]], reps: int, warmup: int = 1
) -> dict[str, dict[str, list[float]]]:
    """Wall and CPU seconds of each call, the functions taking turns.

    Taking turns lets drift (heat, other work on the machine) hit all of them
    alike, and each round starts one place further along, so no function
    always runs right after the same neighbour.
    """
    for _ in range(warmup):
        for fn in fns.values():
            fn()
    names = list(fns)
    samples: dict[str, dict[str, list[float]]] = {n: {"wall": [], "cpu": []} for n in names}
    for round_ in range(reps):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            wall, cpu = time_once(fns[name])
            samples[name]["wall"].append(wall)
            samples[name]["cpu"].append(cpu)
    return samples


def seconds_per_op(fn: Callable[[], object], budget: float = 0.3, rounds: int = 5) -> float:
    """Median seconds per call over `rounds` batches sized to fill about `budget` seconds."""
    batch = 1
    while True:
        elapsed = _run_batch(fn, batch)
        if elapsed >= budget / rounds / 4 or batch >= 1 << 24:
            break
        batch *= 4
    batch = max(1, int(batch * (budget / rounds) / max(elapsed, 1e-9)))
    return statistics.median(_run_batch(fn, batch) / batch for _ in range(rounds))


def _run_batch(fn: Callable[[], object], count: int) -> float:
    start = time.perf_counter()
    for _ in range(count):
        fn()
    return time.perf_counter() - start


# Memory, from /proc (Linux only).


def proc_status_kib(pid: int) -> dict[str, int]:
    """VmHWM and VmRSS of a process, in KiB (empty if it is gone)."""
    figures = {}
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return figures
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key in ("VmHWM", "VmRSS"):
            figures[key] = int(value.split()[0])
    return figures


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far (0 if it is gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    fields = stat[stat.rindex(")") + 2 :].split()
    # utime and stime are fields 14 and 15 of stat; fields[0] here is field 3.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def reset_peak(pid: int) -> bool:
    """Start a fresh VmHWM from the current RSS (Linux 4.0+, "5" to clear_refs)."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def children_of(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        # The command name may hold spaces and brackets: fields start after the last ")".
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[1]) == pid:
            found.append(int(entry))
    return sorted(found)
