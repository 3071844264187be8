"""Sending an issue: batches claimed from the database, a pool of SMTP connections,
a global rate limit, and a record per recipient marked the moment the server accepts.

How a crash is survived: every (issue, subscriber) pair has one Delivery row,
made once. The job (core.jobs, one per issue) claims pending rows in batches
under its run's token. When the SMTP server answers "250" to a message, its
pool thread hands the row's id to one writer thread, which marks it sent
within a few milliseconds (in one UPDATE with any others accepted
meanwhile, so the threads never queue for the database's write lock). A worker killed mid-campaign
leaves sent rows sent and the rest claimed; the next run (once the lease
runs out) puts claimed rows back to pending and carries on. The one message
that can go twice is one accepted in the instant before its row was marked;
its Message-ID is the same both times, so a receiving server can tell.

Temporary refusals (421, 454, and other 4xx replies) are tried again on a
fresh connection after a growing pause; if they keep coming, the rows go
back to pending and the job is retried later with core.jobs' backoff.
Permanent refusals of a recipient (5xx) mark the row refused and suppress
the address.
"""

from __future__ import annotations

import logging
import queue
import secrets
import smtplib
import threading
import time
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection
from django.db.models import F
from django.utils import timezone

from core import smtp
from newsletter.composing import Composer
from newsletter.models import Delivery, Issue, RateWindow, SendSettings, Subscriber, Suppression

logger = logging.getLogger("haven.newsletter")

TEMPORARY = {421, 450, 451, 452, 454}
BATCH = 500
HANDOFF = 16
# How long an accepted message may wait to be marked sent, at most.
MARK_WITHIN = 0.005
STOP = object()


class TryLater(Exception):
    """The mail server kept refusing for now: the job tries again later."""


# ---- The global rate limit ----


class RateLimit:
    """At most `rate` messages a second, counted in the database for every worker together.

    Permits are taken in small chunks (a tenth of a second's worth) with one
    conditional UPDATE, so the count stays right across workers and machines.
    """

    def __init__(self, rate: int) -> None:
        self.rate = max(1, rate)
        self.chunk = max(1, min(500, self.rate // 10))
        self.left = 0

    def take(self) -> None:
        if self.left == 0:
            self._reserve(self.chunk)
            self.left = self.chunk
        self.left -= 1

    def _reserve(self, n: int) -> None:
        while True:
            now = time.time()
            second = int(now)
            RateWindow.objects.bulk_create([RateWindow(second=second)], ignore_conflicts=True)
            got = RateWindow.objects.filter(second=second, count__lte=self.rate - n).update(
                count=F("count") + n
            )
            if got == 1:
                return
            time.sleep(max(0.001, second + 1 - time.time()))

    @staticmethod
    def prune() -> None:
        RateWindow.objects.filter(second__lt=int(time.time()) - 120).delete()


# ---- The connection pool ----


@dataclass
class Outcome:
    sent: int = 0
    refused: int = 0
    later: list[int] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


class Pool:
    """`size` threads, each holding one SMTP connection for the whole issue."""

    def __init__(self, size: int, token: str, envelope_from: str, handoff: int = 16) -> None:
        self.handoff = handoff
        self.token = token
        self.envelope_from = envelope_from
        self.work: queue.Queue = queue.Queue(maxsize=size * 8)
        self.pending: list[tuple] = []
        self.outcome = Outcome()
        self.accepted: queue.Queue = queue.Queue()
        self.threads = [
            threading.Thread(target=self._serve, name=f"notes-smtp-{n}", daemon=True)
            for n in range(max(1, size))
        ]
        self.writer = threading.Thread(target=self._write, name="notes-marks", daemon=True)
        self.pipelining = settings.HAVEN_NEWSLETTER_PIPELINING
        self.retries = settings.HAVEN_NEWSLETTER_RETRIES
        self.pause = settings.HAVEN_NEWSLETTER_RETRY_PAUSE
        self.writer.start()
        for thread in self.threads:
            thread.start()

    def put(self, delivery_id: int, address_hash: str, to: str, message: bytes) -> None:
        # Handed over a few at a time: fewer wake-ups of the sending threads.
        self.pending.append((delivery_id, address_hash, to, message))
        if len(self.pending) >= self.handoff:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            self.work.put(self.pending)
            self.pending = []

    def finish(self, *, discard: bool = False) -> Outcome:
        """Send what is queued and stop; with `discard`, drop what is not sent yet
        (its rows stay claimed, for the next run to take up)."""
        if discard:
            self.pending = []
            while True:
                try:
                    self.work.get_nowait()
                except queue.Empty:
                    break
        self.flush()
        for _thread in self.threads:
            self.work.put(STOP)
        for thread in self.threads:
            thread.join()
        self.accepted.put(STOP)
        self.writer.join()
        return self.outcome

    def _write(self) -> None:
        """The one writer: marks accepted rows sent the moment they arrive."""
        try:
            while True:
                ids = [self.accepted.get()]
                # Whatever else is accepted within a few milliseconds joins
                # the same UPDATE: one commit per message would cost more
                # than sending it. A plain sleep, then whatever has come: no
                # waking up for each message, which would take the interpreter
                # lock from the sending threads every time.
                if ids[-1] is not STOP:
                    time.sleep(MARK_WITHIN)
                while len(ids) < 500 and ids[-1] is not STOP:
                    try:
                        ids.append(self.accepted.get_nowait())
                    except queue.Empty:
                        break
                stop = ids[-1] is STOP
                ids = [i for i in ids if i is not STOP]
                if ids:
                    self._mark_with_retries(ids)
                if stop:
                    return
        finally:
            connection.close()

    def _mark_with_retries(self, ids: list[int]) -> None:
        for attempt in range(5):
            try:
                self._mark_sent(ids)
                return
            except DatabaseError as error:
                logger.warning("marking notes sent failed error=%s", type(error).__name__)
                close_old_connections()
                time.sleep(0.05 * 2**attempt)
        # Unmarked, they stay claimed: the next run may send these again.
        with self.outcome.lock:
            self.outcome.later.extend(ids)

    def _serve(self) -> None:
        client = None
        try:
            while True:
                items = self.work.get()
                if items is STOP:
                    break
                for item in items:
                    try:
                        client = self._send_one(client, *item)
                    except Exception as error:
                        # Never let one message stop a sending thread (the
                        # queue would fill and nothing would finish); its
                        # row stays claimed and the job tries again later.
                        logger.error("notes send failed error=%s", type(error).__name__)
                        with self.outcome.lock:
                            self.outcome.later.append(item[0])
        finally:
            if client is not None:
                try:
                    client.quit()
                except (smtplib.SMTPException, OSError):
                    pass
            connection.close()

    def _send_one(self, client, delivery_id, address_hash, to, message):
        for attempt in range(self.retries + 1):
            try:
                if client is None:
                    client = smtp.connect()
                smtp.transmit(client, self.envelope_from, to, message, self.pipelining)
            except smtplib.SMTPRecipientsRefused as refused:
                code = next(iter(refused.recipients.values()))[0]
                if code in TEMPORARY or 400 <= code < 500:
                    client = self._pause(client, attempt, reset=True)
                    continue
                self._refused(delivery_id, address_hash, code, recipient=True)
                return client
            except smtplib.SMTPResponseException as error:
                if error.smtp_code in TEMPORARY or 400 <= error.smtp_code < 500:
                    client = self._pause(client, attempt, reset=error.smtp_code != 421)
                    continue
                # Refused for the sender or the content, not the address: no suppression.
                self._refused(delivery_id, address_hash, error.smtp_code, recipient=False)
                return client
            except (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, OSError):
                client = self._pause(client, attempt, reset=False)
                continue
            self.accepted.put(delivery_id)
            return client
        # Still refused for now: back to pending, for the job's next try.
        Delivery.objects.filter(pk=delivery_id, claim=self.token).update(
            state=Delivery.State.PENDING, claim=""
        )
        with self.outcome.lock:
            self.outcome.later.append(delivery_id)
        return client

    def _pause(self, client, attempt: int, *, reset: bool):
        """Wait a little longer each time; start on a fresh connection."""
        if client is not None:
            try:
                if reset:
                    client.rset()
                client.close()
            except (smtplib.SMTPException, OSError):
                pass
        time.sleep(min(30.0, self.pause * 2**attempt))
        return None

    def _mark_sent(self, ids: list[int]) -> None:
        # Its own commit, straight away: what the server accepted is on record.
        marks = ", ".join(["%s"] * len(ids))
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE newsletter_delivery SET state = %s, sent_at = %s"  # noqa: S608
                f" WHERE claim = %s AND id IN ({marks})",
                [Delivery.State.SENT, timezone.now(), self.token, *ids],
            )
        with self.outcome.lock:
            self.outcome.sent += len(ids)

    def _refused(self, delivery_id: int, address_hash: str, code: int, *, recipient: bool) -> None:
        from newsletter import actions

        Delivery.objects.filter(pk=delivery_id, claim=self.token).update(
            state=Delivery.State.FAILED
        )
        if recipient and code in (550, 551, 553):  # no such mailbox: never write to it again
            actions.suppress(address_hash, Suppression.Reason.REJECTED)
        with self.outcome.lock:
            self.outcome.refused += 1


# ---- One issue ----


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def prepare(issue: Issue) -> None:
    """Make one Delivery per subscriber who wants this kind of notes (once per issue).

    One INSERT ... SELECT in the database: for 100,000 subscribers that is one
    statement, not 100,000 objects. Re-running it adds nothing (the pair is unique).
    """
    if issue.state != Issue.State.SCHEDULED:
        return
    topic = "weekly" if issue.kind == Issue.Kind.WEEKLY else "daily"
    issue_id = Issue._meta.pk.get_db_prep_value(issue.pk, connection)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {_table(Delivery)} (issue_id, subscriber_id, state, claim, attempts)"  # noqa: S608
            f" SELECT %s, s.id, %s, '', 0 FROM {_table(Subscriber)} s"
            f" WHERE s.state = %s AND s.{topic} = %s AND NOT EXISTS"
            f" (SELECT 1 FROM {_table(Suppression)} x WHERE x.address_hash = s.address_hash)"
            " ON CONFLICT (issue_id, subscriber_id) DO NOTHING",
            [issue_id, Delivery.State.PENDING, Subscriber.State.CONFIRMED, True],
        )
    Issue.objects.filter(pk=issue.pk, state=Issue.State.SCHEDULED).update(state=Issue.State.SENDING)


def _claim(issue: Issue, token: str, size: int) -> list[tuple]:
    """Claim up to `size` pending rows: (delivery id, subscriber id, sealed address,
    address hash, wording, subscriber state) for each."""
    todo = Delivery.objects.filter(issue=issue, state=Delivery.State.PENDING)
    ids = list(todo.order_by("pk").values_list("pk", flat=True)[:size])
    if not ids:
        return []
    todo.filter(pk__in=ids).update(
        state=Delivery.State.CLAIMED, claim=token, attempts=F("attempts") + 1
    )
    # Read straight from the cursor: this runs for every recipient.
    marks = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT d.id, d.subscriber_id, s.address, s.address_hash, s.wording, s.state"  # noqa: S608
            f" FROM {_table(Delivery)} d JOIN {_table(Subscriber)} s ON s.id = d.subscriber_id"
            f" WHERE d.claim = %s AND d.state = %s AND d.id IN ({marks}) ORDER BY d.id",
            [token, Delivery.State.CLAIMED, *ids],
        )
        rows = cursor.fetchall()
    return [
        (pk, sid if isinstance(sid, uuid.UUID) else uuid.UUID(hex=sid), *rest)
        for pk, sid, *rest in rows
    ]


def send(issue: Issue, heartbeat=lambda: None) -> Outcome:
    """Send whatever of `issue` is not sent yet. Safe to run again after a crash."""
    if connection.in_atomic_block:
        # The sending threads write on their own connections: inside an open
        # transaction they would wait on its locks and never see its rows.
        # The job runs again when nothing holds a transaction around it.
        raise TryLater
    prepare(issue)
    issue.refresh_from_db()
    token = secrets.token_hex(16)
    # Rows a dead run had claimed: the lease is ours now, so they are ours to redo.
    Delivery.objects.filter(issue=issue, state=Delivery.State.CLAIMED).update(
        state=Delivery.State.PENDING, claim=""
    )
    options = SendSettings.current()
    limit = RateLimit(options.rate_per_second)
    composer = Composer(issue)
    # At a slow rate each message goes as soon as its permit is taken.
    handoff = HANDOFF if options.rate_per_second >= 100 else 1
    pool = Pool(options.connections, token, composer.envelope_sender(), handoff)
    # About ten seconds' worth at the operator's rate between heartbeats, so a
    # slow rate never outlives the job's lease.
    size = max(1, min(BATCH, options.rate_per_second * 10))
    try:
        while True:
            heartbeat()
            batch = _claim(issue, token, size)
            if not batch:
                break
            hashes = [row[3] for row in batch]
            suppressed = set(
                Suppression.objects.filter(address_hash__in=hashes).values_list(
                    "address_hash", flat=True
                )
            )
            skip = []
            for delivery_id, subscriber_id, sealed, digest, wording, state in batch:
                if state != Subscriber.State.CONFIRMED or digest in suppressed:
                    skip.append(delivery_id)
                    continue
                to, message = composer.build(subscriber_id, sealed, wording)
                limit.take()
                pool.put(delivery_id, digest, to, message)
            pool.flush()
            if skip:
                Delivery.objects.filter(pk__in=skip, claim=token).update(
                    state=Delivery.State.SKIPPED
                )
    except BaseException:
        # Lost the lease, or something broke: stop at once, send nothing more.
        pool.finish(discard=True)
        raise
    else:
        outcome = pool.finish()
    finally:
        # A broken or stale connection is dropped here, never one an outer
        # transaction still holds (a caller's atomic block, or a test's).
        if not connection.in_atomic_block:
            close_old_connections()
    RateLimit.prune()
    if outcome.later:
        raise TryLater
    Issue.objects.filter(pk=issue.pk, state=Issue.State.SENDING).update(
        state=Issue.State.SENT, sent_at=timezone.now()
    )
    logger.info("notes sent issue=%s sent=%s refused=%s", issue.pk, outcome.sent, outcome.refused)
    return outcome
