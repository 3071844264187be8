"""Exactly-once jobs: work that must happen once, even when a worker dies.

    from core import jobs

    @jobs.handler("duress.deliver", lease=timedelta(seconds=60), keep=False)
    def deliver(run: jobs.Run) -> str:
        event = DuressEvent.objects.filter(pk=run.key).first()
        ...
        return "no_contact"              # a short code, counted in the tally

    with transaction.atomic():
        event = DuressEvent.objects.create(user=member)
        jobs.once("duress.deliver", str(event.pk))

How a job lives:

- `once(kind, key)` writes a pending `OnceJob` row inside the caller's
  transaction and, once that commits, queues the django-task
  `core.tasks.run_once_job(job_id)`. If the transaction rolls back, neither
  exists. Asking again for the same (kind, key) gives the same job.
- `run(job_id)` (what the task does) claims the row with one conditional
  UPDATE: pending and due, or running with a lease that ran out, and attempts
  left. If that UPDATE touched no row, another worker has the job or it is
  finished, and this run does nothing. Otherwise the handler runs and its
  outcome is recorded, again only while the claim is still this run's.
- A handler that raises is tried again later: after 1, 2, 4... times
  `backoff` (capped at `backoff_cap`, with jitter so a crowd of failures does
  not come back at once) until `max_attempts`, after which the job gives up
  (logged with the kind, the job id and the exception's class name only).
  `raise jobs.Fail("code")` ends a job that can never succeed at once.
- `sweep()` (every few seconds in `manage.py run_worker`, or
  `manage.py run_due_jobs`) queues the task again for jobs that are due but
  whose task was lost, and for jobs whose worker died (lease ran out); it
  gives up jobs whose worker died on their last attempt. Then it calls each
  periodic hook (`@jobs.periodic`, below).

Work that comes round at a time of day (the daily note at 07:00) is a
periodic hook that asks for a job named after its period:

    @jobs.periodic("newsletter.daily")
    def daily_when_due() -> None:
        if it_is_time():
            jobs.once("newsletter.daily", today.isoformat())

Every worker's sweeper calls every hook every few seconds, so a hook must be
cheap and must only ever ask `once(kind, key)`: the key (a date) makes two
workers, or a restart, ask for the same job, which then runs once.

The handler contract (read this before writing one):

- A handler gets a `Run`: `run.key` (ids only, as given to `once`),
  `run.attempt` (1 on the first try) and `run.heartbeat()`. It returns a
  short code from a small fixed set (letters, digits, `_ . : -`, at most 64
  characters): it is stored on the job and counted in `OnceJobTally`.
  Details belong in the feature's own records, never in the outcome.
- A handler may run more than once for one job: a worker killed mid-job is
  replaced when its lease runs out, and the new run starts from the top. So
  a handler must be able to pick up where a killed run stopped:
  - changes to the database are conditional (`UPDATE ... WHERE state =
    'pending'`), so a second run finds them done;
  - a handler that sends (mail, a text message) keeps one record per
    recipient (unique on job and recipient), marks it sent straight after
    each send and skips recipients already marked sent; a stable Message-ID
    per recipient lets a resend after a crash in the middle of a send be
    recognised as the same message;
  - long work calls `run.heartbeat()` between pieces (say, each recipient):
    it extends the lease and raises `LeaseLost` when another worker has taken
    the job over, so two workers never send side by side.
- Private text never enters a job: not in the key, the outcome, a log line
  or an exception message (messages are never stored or logged; only the
  exception's class name is).
- `keep=False` forgets the job row once it ends (only the tally remains):
  for work whose mere time would say too much, such as a duress alert.
"""

from __future__ import annotations

import logging
import random
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from core.models import OnceJob, OnceJobTally

State = OnceJob.State
# Ids and outcome codes only: never private text.
logger = logging.getLogger("haven.jobs")

# How long a due job's queued task may go unanswered before the sweeper
# queues another (a lost enqueue, a worker that died before claiming).
NUDGE_GRACE = timedelta(seconds=30)
SWEEP_BATCH = 500
CODE = re.compile(r"[A-Za-z0-9_.:-]{1,64}")
KEY = re.compile(r"[A-Za-z0-9_.:-]{1,200}")


class Fail(Exception):
    """Raised by a handler for a job that can never succeed: no retry."""

    def __init__(self, code: str = "failed") -> None:
        super().__init__(code)
        self.code = code


class LeaseLost(Exception):
    """This run's claim on its job has passed to another worker: stop now."""


@dataclass(frozen=True)
class Handler:
    kind: str
    function: Callable[[Run], str | None]
    max_attempts: int = 8
    lease: timedelta = timedelta(minutes=5)
    backoff: timedelta = timedelta(seconds=10)
    backoff_cap: timedelta = timedelta(hours=1)
    keep: bool = True
    on_give_up: Callable[[Run], None] | None = None

    @property
    def logged_kind(self) -> str:
        """A forgotten job's kind stays out of the logs too: its time would say too much."""
        return self.kind if self.keep else "(not logged)"

    def delay(self, attempt: int) -> timedelta:
        """How long to wait after failed attempt number `attempt` (1, 2, ...)."""
        ceiling = min(self.backoff_cap, self.backoff * 2 ** min(attempt - 1, 32))
        # Somewhere between half and all of it: failures spread out.
        return ceiling * random.uniform(0.5, 1.0)


_handlers: dict[str, Handler] = {}
_periodic: dict[str, Callable[[], None]] = {}
_discovered = False


def handler(
    kind: str,
    *,
    max_attempts: int = 8,
    lease: timedelta = timedelta(minutes=5),
    backoff: timedelta = timedelta(seconds=10),
    backoff_cap: timedelta = timedelta(hours=1),
    keep: bool = True,
    on_give_up: Callable[[Run], None] | None = None,
) -> Callable[[Callable[[Run], str | None]], Callable[[Run], str | None]]:
    """Register the function that does jobs of `kind` (in an app's `jobs.py`)."""
    if not CODE.fullmatch(kind):
        raise ValueError(f"a job kind is a short code, not {kind!r}")
    if max_attempts < 1:
        raise ValueError("a job needs at least one attempt")

    def register(function: Callable[[Run], str | None]) -> Callable[[Run], str | None]:
        existing = _handlers.get(kind)
        if existing is not None and existing.function is not function:
            same = existing.function.__qualname__ == function.__qualname__
            if not (same and existing.function.__module__ == function.__module__):
                raise ValueError(f"two handlers for job kind {kind!r}")
        _handlers[kind] = Handler(
            kind, function, max_attempts, lease, backoff, backoff_cap, keep, on_give_up
        )
        return function

    return register


def _discover() -> None:
    global _discovered
    if not _discovered:
        autodiscover_modules("jobs")
        _discovered = True


def periodic(name: str) -> Callable[[Callable[[], None]], Callable[[], None]]:
    """Register a hook every sweep calls (in an app's `jobs.py`): cheap, and asking only `once`."""
    if not CODE.fullmatch(name):
        raise ValueError(f"a periodic hook's name is a short code, not {name!r}")

    def register(function: Callable[[], None]) -> Callable[[], None]:
        _periodic[name] = function
        return function

    return register


def handler_for(kind: str) -> Handler:
    """The registered handler; every app's `jobs.py` is imported on first need."""
    if kind not in _handlers:
        _discover()
    try:
        return _handlers[kind]
    except KeyError:
        raise LookupError(f"no handler for job kind {kind!r}") from None


@dataclass
class Run:
    """One attempt at a job, as its handler sees it."""

    job: OnceJob
    token: str
    spec: Handler
    started: datetime = field(default_factory=timezone.now)

    @property
    def key(self) -> str:
        return self.job.key

    @property
    def attempt(self) -> int:
        return self.job.attempts

    def _mine(self):
        return OnceJob.objects.filter(pk=self.job.pk, claim=self.token, state=State.RUNNING)

    def heartbeat(self) -> None:
        """Keep the job: extend the lease, or raise LeaseLost if another run took it."""
        if self._mine().update(claimed_until=timezone.now() + self.spec.lease) != 1:
            raise LeaseLost


# ---- Registering work ----


def once(kind: str, key: str, *, run_after: datetime | None = None) -> OnceJob:
    """Register work that must happen once; its task is queued when the caller commits."""
    spec = handler_for(kind)
    if not KEY.fullmatch(key):
        raise ValueError("a job key is made of ids (letters, digits, _ . : -)")
    now = timezone.now()
    due = run_after or now
    with transaction.atomic():
        job, created = OnceJob.objects.get_or_create(
            kind=kind,
            key=key,
            defaults={
                "run_after": due,
                "max_attempts": spec.max_attempts,
                "nudged_at": max(now, due),
            },
        )
    if created:
        job_id = job.pk
        transaction.on_commit(lambda: enqueue(job_id, due))
    return job


def enqueue(job_id, run_after: datetime | None = None) -> None:
    """Queue a task that will try to run the job (at `run_after` if later)."""
    from core.tasks import run_once_job

    task = run_once_job
    try:
        if run_after is not None and run_after > timezone.now():
            if not task.get_backend().supports_defer:
                # Nothing is queued: the sweeper starts it as soon as it is due.
                OnceJob.objects.filter(pk=job_id).update(nudged_at=None)
                return
            task = task.using(run_after=run_after)
        task.enqueue(str(job_id))
    except Exception as error:
        # The row is safe in the database; the sweeper will queue it again.
        logger.warning("job not queued job=%s error=%s", job_id, type(error).__name__)


# ---- Running work ----


def _claimable(now: datetime) -> Q:
    due = Q(state=State.PENDING, run_after__lte=now)
    abandoned = Q(state=State.RUNNING, claimed_until__lt=now)
    return due | abandoned


def run(job_id) -> str:
    """Claim the job, run its handler once and record what happened."""
    kind = OnceJob.objects.filter(pk=job_id).values_list("kind", flat=True).first()
    if kind is None:
        return "gone"
    try:
        spec = handler_for(kind)
    except LookupError:
        # A newer web process may know a kind this older worker does not.
        logger.warning("job of an unknown kind kind=%s job=%s", kind, job_id)
        return "unknown kind"
    now = timezone.now()
    token = secrets.token_hex(16)
    claimed = (
        OnceJob.objects.filter(pk=job_id, attempts__lt=F("max_attempts"))
        .filter(_claimable(now))
        .update(
            state=State.RUNNING,
            claim=token,
            claimed_until=now + spec.lease,
            attempts=F("attempts") + 1,
            started_at=now,
        )
    )
    if claimed != 1:
        return "not claimed"
    current = Run(OnceJob.objects.get(pk=job_id), token, spec, now)
    try:
        outcome = spec.function(current)
    except LeaseLost:
        logger.warning("job lost its lease kind=%s job=%s", spec.logged_kind, job_id)
        return "lease lost"
    except Fail as failure:
        return _finish(current, State.FAILED, _code(failure.code, "failed"))
    except Exception as error:
        return _retry_or_give_up(current, error)
    return _finish(current, State.DONE, _code(outcome, "done"))


def _code(outcome, fallback: str) -> str:
    if outcome is None:
        return fallback
    if isinstance(outcome, str) and CODE.fullmatch(outcome):
        return outcome
    # Never store what might be text: the rule is codes only.
    logger.error("job outcome is not a short code; stored as %s", fallback)
    return fallback


def _finish(current: Run, state: str, outcome: str) -> str:
    job = current.job
    with transaction.atomic():
        mine = current._mine()
        if current.spec.keep:
            ended = mine.update(
                state=state, outcome=outcome, finished_at=timezone.now(), claimed_until=None
            )
        else:
            ended, _ = mine.delete()
        if ended:
            _count(job.kind, outcome)
    if not ended:
        logger.warning(
            "job ended after losing its lease kind=%s job=%s", current.spec.logged_kind, job.pk
        )
        return "lease lost"
    if state != State.DONE:
        logger.warning(
            "job %s kind=%s job=%s outcome=%s", state, current.spec.logged_kind, job.pk, outcome
        )
    return outcome


def _count(kind: str, outcome: str) -> None:
    OnceJobTally.objects.get_or_create(kind=kind, outcome=outcome)
    OnceJobTally.objects.filter(kind=kind, outcome=outcome).update(count=F("count") + 1)


def _retry_or_give_up(current: Run, error: Exception) -> str:
    job, spec = current.job, current.spec
    name = type(error).__name__
    if job.attempts >= job.max_attempts:
        return _give_up(current, f"gave_up:{name}"[:64])
    wait = spec.delay(job.attempts)
    again = timezone.now() + wait
    moved = current._mine().update(
        state=State.PENDING,
        run_after=again,
        claim="",
        claimed_until=None,
        nudged_at=again,
        outcome=f"retry:{name}"[:64],
    )
    if moved != 1:
        logger.warning("job failed after losing its lease kind=%s job=%s", spec.logged_kind, job.pk)
        return "lease lost"
    logger.info(
        "job will try again kind=%s job=%s attempt=%s in=%ss error=%s",
        spec.logged_kind,
        job.pk,
        job.attempts,
        int(wait.total_seconds()),
        name,
    )
    job_id = job.pk
    transaction.on_commit(lambda: enqueue(job_id, again))
    return "retry"


def _give_up(current: Run, outcome: str) -> str:
    if current.spec.on_give_up is not None:
        try:
            current.spec.on_give_up(current)
        except Exception as error:
            logger.error(
                "job give-up step failed kind=%s job=%s error=%s",
                current.spec.logged_kind,
                current.job.pk,
                type(error).__name__,
            )
    return _finish(current, State.GAVE_UP, outcome)


# ---- The sweeper ----


@dataclass
class Swept:
    queued: int = 0
    gave_up: int = 0
    hooks_failed: int = 0


def sweep() -> Swept:
    """Queue again what was lost or abandoned; give up what ran out of attempts."""
    now = timezone.now()
    swept = Swept()
    out_of_tries = OnceJob.objects.filter(
        state=State.RUNNING, claimed_until__lt=now, attempts__gte=F("max_attempts")
    )
    for job_id in out_of_tries.values_list("pk", flat=True)[:SWEEP_BATCH]:
        if _give_up_abandoned(job_id, now):
            swept.gave_up += 1

    not_lately = Q(nudged_at__isnull=True) | Q(nudged_at__lte=now - NUDGE_GRACE)
    # A lease that ran out since the last nudge: its worker died, go now.
    since_lease = Q(state=State.RUNNING, nudged_at__lt=F("claimed_until"))
    waiting = (
        OnceJob.objects.filter(_claimable(now), attempts__lt=F("max_attempts"))
        .filter(not_lately | since_lease)
        .order_by("run_after")
    )
    for job_id in waiting.values_list("pk", flat=True)[:SWEEP_BATCH]:
        # Conditional, so two sweepers never both queue the same job.
        nudged = (
            OnceJob.objects.filter(pk=job_id).filter(not_lately | since_lease).update(nudged_at=now)
        )
        if nudged == 1:
            enqueue(job_id)
            swept.queued += 1
    _prune_task_results()
    swept.hooks_failed = run_periodic()
    return swept


def run_periodic() -> int:
    """Call every periodic hook; one that fails never stops the others. Returns the failures."""
    _discover()
    failed = 0
    for name, function in list(_periodic.items()):
        try:
            function()
        except Exception as error:
            # Two workers asking at the same moment on SQLite, a dropped
            # connection: the next sweep asks again.
            failed += 1
            logger.warning("periodic hook failed hook=%s error=%s", name, type(error).__name__)
    return failed


def _give_up_abandoned(job_id, now: datetime) -> bool:
    kind = OnceJob.objects.filter(pk=job_id).values_list("kind", flat=True).first()
    if kind is None:
        return False
    try:
        spec = handler_for(kind)
    except LookupError:
        return False
    token = secrets.token_hex(16)
    taken = OnceJob.objects.filter(
        pk=job_id, state=State.RUNNING, claimed_until__lt=now, attempts__gte=F("max_attempts")
    ).update(claim=token, claimed_until=now + spec.lease)
    if taken != 1:
        return False
    _give_up(Run(OnceJob.objects.get(pk=job_id), token, spec, now), "gave_up:worker_lost")
    return True


def _prune_task_results() -> None:
    """Finished runs of our task say nothing the job row doesn't, except when."""
    from django.apps import apps

    if not apps.is_installed("django_tasks_db"):
        return
    from django_tasks_db.models import DBTaskResult

    from core.tasks import run_once_job

    DBTaskResult.objects.filter(task_path=run_once_job.module_path).finished().delete()
