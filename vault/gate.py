"""How many Argon2id runs may hold their memory at once, on this machine.

Each run holds HAVEN_ARGON2_MEMORY_KIB (64 MiB by default) for about a second.
Two hundred sign-ins sent at once (a storm of guesses, or a crowd after an
outage) would otherwise ask for 12.5 GiB and starve every other page of CPU.
So a run first takes one of a few slots; past a short wait the person is told
Haven is busy and asked to try again in a moment, and nothing is counted
against them or their account.

The slots are empty folders under HAVEN_VAR_DIR, taken with flock(2): they are
shared by every worker process and thread on the machine, and a process that
dies lets go of its slot with it. Should the folder be unusable, runs go
ahead uncapped (a sign-in refused for a full disk would be worse).

Slots bound memory, not time. With gunicorn's sync workers no more runs
happen at once than there are workers, so a storm never waits for a slot: it
queues in front of the workers, each sign-in taking a worker for a whole run,
and every other page waits behind it. So runs are also counted per second
(`per_second()`, in the "limits" cache, shared by the workers): past that
many starts in the current second, a web request is answered "busy" at once,
which costs a worker a few milliseconds instead of a run, and the storm
drains in about a second. Only web requests are turned away so (the vault
middleware marks them, `serving_a_request`): commands and jobs wait their
turn as before. Should the count be unreadable, runs go ahead.
"""

from __future__ import annotations

import contextlib
import contextvars
import fcntl
import logging
import os
import time
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings

logger = logging.getLogger("haven.vault")

# What the slots may hold together by default: 4 runs of 64 MiB.
DEFAULT_BUDGET_KIB = 256 * 1024
POLL_SECONDS = 0.02


class Busy(Exception):
    """Every slot stayed taken for the whole wait."""

    retry_after = 5


def concurrency() -> int:
    """HAVEN_ARGON2_CONCURRENCY if set, else what the memory budget allows,
    at least one and no more than the machine's cores."""
    chosen = getattr(settings, "HAVEN_ARGON2_CONCURRENCY", 0)
    if chosen:
        return max(1, int(chosen))
    memory = max(1, int(settings.HAVEN_ARGON2["memory_kib"]))
    return max(1, min(os.cpu_count() or 1, DEFAULT_BUDGET_KIB // memory))


_serving = contextvars.ContextVar("haven_argon2_serving", default=False)


@contextlib.contextmanager
def serving_a_request() -> Iterator[None]:
    """While a web request is being answered: Argon2id runs past this second's
    share are refused at once (someone can try again; a command can't)."""
    token = _serving.set(True)
    try:
        yield
    finally:
        _serving.reset(token)


def per_second() -> int:
    """HAVEN_ARGON2_PER_SECOND if set, else three starts a second per core: at
    about 150 ms a run, a little under half the machine's time."""
    chosen = getattr(settings, "HAVEN_ARGON2_PER_SECOND", 0)
    if chosen:
        return max(1, int(chosen))
    return 3 * (os.cpu_count() or 1)


def _within_rate() -> bool:
    from django.core.cache import caches

    key = f"argon2-starts:{int(time.time())}"
    try:
        counts = caches["limits"]
        counts.add(key, 0, timeout=5)
        return counts.incr(key) <= per_second()
    except Exception:  # noqa: BLE001 - a count we can't keep never stops a sign-in
        logger.warning("argon2 start count unusable; running unshed")
        return True


def _folder() -> Path:
    return Path(settings.VAR_DIR) / "argon2-slots"


def _try_slots(count: int) -> int | None:
    """An open, locked slot, or None when all are taken.

    A slot is an empty folder opened read-only: flock works on it as on a
    file, and nothing is ever written (so no file is even opened for writing
    while a passphrase is in hand).
    """
    folder = _folder()
    for index in range(count):
        slot = folder / str(index)
        slot.mkdir(parents=True, exist_ok=True)
        fd = os.open(slot, os.O_RDONLY | os.O_DIRECTORY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue
        except OSError:
            os.close(fd)
            raise
        return fd
    return None


@contextlib.contextmanager
def argon2_slot(wait: float | None = None) -> Iterator[None]:
    """Hold one slot while the block runs; raise Busy after `wait` seconds, or,
    in a web request, at once past this second's share of starts."""
    if _serving.get() and not _within_rate():
        raise Busy
    wait = settings.HAVEN_ARGON2_WAIT_SECONDS if wait is None else wait
    deadline = time.monotonic() + wait
    try:
        fd = _try_slots(concurrency())
        while fd is None:
            if time.monotonic() >= deadline:
                raise Busy
            time.sleep(POLL_SECONDS)
            fd = _try_slots(concurrency())
    except OSError:
        logger.warning("argon2 slots unusable; running uncapped")
        yield
        return
    try:
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
