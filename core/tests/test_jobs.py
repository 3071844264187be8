"""Exactly-once jobs in one process: registering on commit, claiming, retrying, giving up."""

import logging
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from core import jobs
from core.models import OnceJob, OnceJobTally

State = OnceJob.State
CANARY = "canary-7Q9 Sam at 12 Elm Street"
START = "2025-05-01 09:00:00+00:00"
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

calls: list[tuple[str, str, int]] = []
gave_up: list[str] = []


class WorkerKilled(BaseException):
    """Stands for a worker process killed mid-job: nothing after it runs."""


@jobs.handler("test.unit.ok")
def ok(run):
    calls.append(("ok", run.key, run.attempt))
    return "fine"


@jobs.handler(
    "test.unit.flaky",
    max_attempts=4,
    backoff=timedelta(seconds=10),
    backoff_cap=timedelta(seconds=25),
    on_give_up=lambda run: gave_up.append(run.key),
)
def flaky(run):
    calls.append(("flaky", run.key, run.attempt))
    raise ConnectionError(f"could not reach {CANARY}")


@jobs.handler("test.unit.impossible")
def impossible(run):
    calls.append(("impossible", run.key, run.attempt))
    raise jobs.Fail("no_such_thing")


@jobs.handler("test.unit.forgotten", keep=False)
def forgotten(run):
    calls.append(("forgotten", run.key, run.attempt))
    return "sent"


@jobs.handler("test.unit.secretive", keep=False, max_attempts=2)
def secretive(run):
    raise ConnectionError("the relay is down")


@jobs.handler("test.unit.chatty")
def chatty(run):
    return f"Dear {CANARY}"


@jobs.handler("test.unit.dies_first", lease=timedelta(seconds=60))
def dies_first(run):
    calls.append(("dies_first", run.key, run.attempt))
    if run.attempt == 1:
        raise WorkerKilled
    return "survived"


@jobs.handler(
    "test.unit.always_dies",
    max_attempts=2,
    lease=timedelta(seconds=60),
    on_give_up=lambda run: gave_up.append(run.key),
)
def always_dies(run):
    calls.append(("always_dies", run.key, run.attempt))
    raise WorkerKilled


@jobs.handler("test.unit.overtaken", lease=timedelta(seconds=60))
def overtaken(run):
    """Another worker takes the job over while this run is still busy."""
    calls.append(("overtaken", run.key, run.attempt))
    OnceJob.objects.filter(pk=run.job.pk).update(claim="someone-else")
    if run.key == "heartbeat":
        run.heartbeat()
        calls.append(("after heartbeat", run.key, run.attempt))
    return "sent"


@pytest.fixture(autouse=True)
def fresh_records():
    calls.clear()
    gave_up.clear()
    yield


def state_of(job):
    job.refresh_from_db()
    return job.state, job.attempts, job.outcome


def tally(kind):
    return dict(OnceJobTally.objects.filter(kind=kind).values_list("outcome", "count"))


# ---- On commit ----


@pytest.mark.django_db(transaction=True)
def test_work_registered_in_a_transaction_runs_once_after_it_commits():
    with transaction.atomic():
        job = jobs.once("test.unit.ok", "reminder-1")
        assert calls == []  # nothing runs before the work is safely stored
    assert calls == [("ok", "reminder-1", 1)]
    assert state_of(job) == (State.DONE, 1, "fine")
    assert tally("test.unit.ok") == {"fine": 1}


@pytest.mark.django_db(transaction=True)
def test_nothing_is_kept_or_run_when_the_transaction_rolls_back():
    with pytest.raises(RuntimeError), transaction.atomic():
        jobs.once("test.unit.ok", "reminder-2")
        raise RuntimeError("the rest of the change failed")
    assert OnceJob.objects.count() == 0
    assert calls == []


@pytest.mark.django_db(transaction=True)
def test_the_task_is_queued_only_when_the_transaction_commits():
    from django_tasks_db.models import DBTaskResult

    with override_settings(TASKS=DB_TASKS):
        with pytest.raises(RuntimeError), transaction.atomic():
            jobs.once("test.unit.ok", "rolled-back")
            raise RuntimeError("the rest of the change failed")
        assert DBTaskResult.objects.count() == 0

        with transaction.atomic():
            job = jobs.once("test.unit.ok", "committed")
            assert DBTaskResult.objects.count() == 0
        queued = DBTaskResult.objects.get()
        # The task carries the job's id and nothing else.
        assert queued.args_kwargs == {"args": [str(job.pk)], "kwargs": {}}

        call_command("db_worker", batch=True, interval=0, verbosity=0)
    assert calls == [("ok", "committed", 1)]
    assert state_of(job) == (State.DONE, 1, "fine")


@pytest.mark.django_db(transaction=True)
def test_asking_twice_for_the_same_work_gives_one_job_that_runs_once():
    with transaction.atomic():
        first = jobs.once("test.unit.ok", "reminder-3")
        second = jobs.once("test.unit.ok", "reminder-3")
    third = jobs.once("test.unit.ok", "reminder-3")
    assert first.pk == second.pk == third.pk
    assert calls == [("ok", "reminder-3", 1)]


@pytest.mark.django_db
def test_work_of_an_unknown_kind_or_with_text_in_its_key_is_refused():
    with pytest.raises(LookupError):
        jobs.once("test.unit.nobody_handles_this", "1")
    with pytest.raises(ValueError):
        jobs.once("test.unit.ok", "Sam at 12 Elm Street")
    assert OnceJob.objects.count() == 0


# ---- Claiming ----


@pytest.mark.django_db
def test_only_one_run_claims_a_job():
    job = jobs.once("test.unit.ok", "claim-1")
    assert jobs.run(job.pk) == "fine"
    assert jobs.run(job.pk) == "not claimed"
    assert calls == [("ok", "claim-1", 1)]


@pytest.mark.django_db
def test_a_job_held_by_a_live_worker_is_left_alone_until_its_lease_runs_out():
    job = jobs.once("test.unit.ok", "claim-2")
    later = timezone.now() + timedelta(minutes=1)
    OnceJob.objects.filter(pk=job.pk).update(
        state=State.RUNNING, claim="another-worker", claimed_until=later, attempts=1
    )
    assert jobs.run(job.pk) == "not claimed"
    assert calls == []
    OnceJob.objects.filter(pk=job.pk).update(claimed_until=timezone.now() - timedelta(seconds=1))
    assert jobs.run(job.pk) == "fine"
    assert calls == [("ok", "claim-2", 2)]


@pytest.mark.django_db
def test_a_job_waits_for_its_time(django_capture_on_commit_callbacks):
    with time_machine.travel(START, tick=False) as traveller:
        with django_capture_on_commit_callbacks(execute=True):
            later = timezone.now() + timedelta(hours=1)
            job = jobs.once("test.unit.ok", "later", run_after=later)
        assert jobs.run(job.pk) == "not claimed"
        jobs.sweep()
        traveller.shift(timedelta(minutes=59))
        jobs.sweep()
        assert calls == []
        traveller.shift(timedelta(minutes=1))
        jobs.sweep()
    assert calls == [("ok", "later", 1)]


# ---- Outcomes ----


@pytest.mark.django_db
def test_a_job_that_can_never_succeed_fails_without_trying_again():
    job = jobs.once("test.unit.impossible", "fail-1")
    jobs.run(job.pk)
    assert state_of(job) == (State.FAILED, 1, "no_such_thing")
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        jobs.sweep()
    assert calls == [("impossible", "fail-1", 1)]
    assert tally("test.unit.impossible") == {"no_such_thing": 1}


@pytest.mark.django_db
def test_a_forgotten_job_leaves_only_a_count_behind():
    job = jobs.once("test.unit.forgotten", "alert-1")
    assert jobs.run(job.pk) == "sent"
    assert not OnceJob.objects.filter(pk=job.pk).exists()
    assert tally("test.unit.forgotten") == {"sent": 1}


@pytest.mark.django_db
def test_an_outcome_that_looks_like_text_is_not_stored(caplog):
    job = jobs.once("test.unit.chatty", "chatty-1")
    with caplog.at_level(logging.DEBUG):
        jobs.run(job.pk)
    assert state_of(job) == (State.DONE, 1, "done")
    assert CANARY not in caplog.text
    assert not OnceJobTally.objects.filter(outcome__contains="Elm").exists()


# ---- Retrying ----


@pytest.mark.django_db
def test_a_failing_job_tries_again_later_and_later_then_gives_up(caplog):
    with caplog.at_level(logging.DEBUG), time_machine.travel(START, tick=False) as traveller:
        job = jobs.once("test.unit.flaky", "flaky-1")
        waits = []
        for _attempt in range(3):
            assert jobs.run(job.pk) == "retry"
            job.refresh_from_db()
            assert job.state == State.PENDING
            assert job.outcome == "retry:ConnectionError"
            waits.append(job.run_after - timezone.now())
            # Not a moment early:
            traveller.shift(waits[-1] - timedelta(milliseconds=1))
            assert jobs.run(job.pk) == "not claimed"
            traveller.shift(timedelta(milliseconds=1))
        assert jobs.run(job.pk) == "gave_up:ConnectionError"

    seconds = [w.total_seconds() for w in waits]
    assert 5 <= seconds[0] <= 10  # 10 s, with jitter down to half
    assert 10 <= seconds[1] <= 20  # doubled
    assert 12.5 <= seconds[2] <= 25  # doubled again, but capped at 25 s
    assert state_of(job) == (State.GAVE_UP, 4, "gave_up:ConnectionError")
    assert [c[2] for c in calls] == [1, 2, 3, 4]
    assert gave_up == ["flaky-1"]
    assert tally("test.unit.flaky") == {"gave_up:ConnectionError": 1}
    # The exception's message (which may hold an address) is never kept or logged.
    assert CANARY not in caplog.text
    assert "gave_up" in caplog.text and str(job.pk) in caplog.text
    assert not OnceJob.objects.filter(outcome__contains="Elm").exists()


def test_retries_spread_out_between_half_and_all_of_the_wait():
    spec = jobs.handler_for("test.unit.flaky")
    waits = {spec.delay(2).total_seconds() for _ in range(50)}
    assert all(10 <= w <= 20 for w in waits)
    assert len(waits) > 10


@pytest.mark.django_db
def test_a_retry_is_queued_for_its_time_on_a_backend_that_can_wait(
    django_capture_on_commit_callbacks,
):
    from django_tasks_db.models import DBTaskResult

    with override_settings(TASKS=DB_TASKS):
        job = jobs.once("test.unit.flaky", "flaky-2")  # (its first task is never queued here)
        with django_capture_on_commit_callbacks(execute=True):
            jobs.run(job.pk)
        job.refresh_from_db()
        queued = DBTaskResult.objects.get()
        assert queued.run_after == job.run_after > timezone.now()
        assert queued.args_kwargs["args"] == [str(job.pk)]


# ---- The sweeper ----


@pytest.mark.django_db
def test_a_job_whose_task_was_lost_is_started_by_the_sweeper():
    with time_machine.travel(START, tick=False) as traveller:
        # Inside the test's transaction nothing commits: the task is never queued.
        job = jobs.once("test.unit.ok", "lost-1")
        jobs.sweep()
        assert calls == []  # its task may still be on the way
        traveller.shift(jobs.NUDGE_GRACE)
        call_command("run_due_jobs", verbosity=0)
    assert calls == [("ok", "lost-1", 1)]
    assert state_of(job) == (State.DONE, 1, "fine")


@pytest.mark.django_db
def test_a_job_whose_worker_died_runs_again_once_the_lease_runs_out():
    with time_machine.travel(START, tick=False) as traveller:
        job = jobs.once("test.unit.dies_first", "dies-1")
        with pytest.raises(WorkerKilled):
            jobs.run(job.pk)
        assert state_of(job)[:2] == (State.RUNNING, 1)
        traveller.shift(timedelta(seconds=59))
        jobs.sweep()
        assert len(calls) == 1  # the lease still holds: the worker might be alive
        traveller.shift(timedelta(seconds=2))
        assert jobs.sweep().queued == 1
        assert jobs.sweep().queued == 0  # queued once, not on every sweep
    assert calls == [("dies_first", "dies-1", 1), ("dies_first", "dies-1", 2)]
    assert state_of(job) == (State.DONE, 2, "survived")


@pytest.mark.django_db
def test_a_job_whose_worker_died_on_its_last_attempt_gives_up():
    with time_machine.travel(START, tick=False) as traveller:
        job = jobs.once("test.unit.always_dies", "dies-2")
        for _attempt in range(2):
            with pytest.raises(WorkerKilled):
                jobs.run(job.pk)
            traveller.shift(timedelta(seconds=61))
        swept = jobs.sweep()
    assert (swept.queued, swept.gave_up) == (0, 1)
    assert state_of(job) == (State.GAVE_UP, 2, "gave_up:worker_lost")
    assert gave_up == ["dies-2"]
    assert len(calls) == 2


@pytest.mark.django_db
def test_a_run_overtaken_by_another_worker_records_nothing():
    job = jobs.once("test.unit.overtaken", "plain")
    assert jobs.run(job.pk) == "lease lost"
    job.refresh_from_db()
    # Left to the worker that holds it now.
    assert (job.state, job.claim, job.outcome) == (State.RUNNING, "someone-else", "")
    assert tally("test.unit.overtaken") == {}


@pytest.mark.django_db
def test_a_heartbeat_stops_a_run_that_was_overtaken():
    job = jobs.once("test.unit.overtaken", "heartbeat")
    assert jobs.run(job.pk) == "lease lost"
    assert calls == [("overtaken", "heartbeat", 1)]  # it stopped at the heartbeat


@pytest.mark.django_db
def test_a_forgotten_job_that_fails_is_logged_without_its_kind(caplog):
    with caplog.at_level(logging.DEBUG), time_machine.travel(START, tick=False) as traveller:
        job = jobs.once("test.unit.secretive", "quiet-1")
        assert jobs.run(job.pk) == "retry"
        traveller.shift(timedelta(minutes=1))
        assert jobs.run(job.pk) == "gave_up:ConnectionError"
    assert "ConnectionError" in caplog.text and str(job.pk) in caplog.text
    assert "secretive" not in caplog.text
    assert not OnceJob.objects.filter(pk=job.pk).exists()
    assert tally("test.unit.secretive") == {"gave_up:ConnectionError": 1}


@pytest.mark.django_db(transaction=True)
def test_every_sweep_calls_the_periodic_hooks_and_one_failing_never_stops_the_next(
    monkeypatch, caplog
):
    def broken():
        raise ConnectionError(CANARY)

    def daily():
        # What a periodic hook does: ask for the period's job, whoever asks first.
        jobs.once("test.unit.ok", "day-2025-05-01")

    monkeypatch.setitem(jobs._periodic, "test.unit.broken", broken)
    monkeypatch.setitem(jobs._periodic, "test.unit.daily", daily)
    with caplog.at_level(logging.DEBUG):
        first = jobs.sweep()
        second = jobs.sweep()
    assert (first.hooks_failed, second.hooks_failed) == (1, 1)
    # Asked on every sweep, the job ran once.
    assert calls == [("ok", "day-2025-05-01", 1)]
    assert OnceJob.objects.filter(kind="test.unit.ok").count() == 1
    assert "hook=test.unit.broken error=ConnectionError" in caplog.text
    assert CANARY not in caplog.text


def test_a_periodic_hook_is_named_by_a_short_code():
    with pytest.raises(ValueError):
        jobs.periodic("every day at seven")
