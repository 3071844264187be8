"""Sending an issue: batches claimed from the database, a pool of SMTP connections,
a global rate limit, and a record per recipient marked the moment the server accepts.

How a crash is survived: every (issue, subscriber) pair has one Delivery row,
made once. The job (core.jobs, one per issue) claims pending rows in batches
under its run's token; each pool thread marks its row sent straight after
the SMTP server's "250" for that message, in its own autocommit UPDATE. A
worker killed mid-campaign leaves sent rows sent and the rest claimed; the
next run (once the lease runs out) puts claimed rows back to pending and
carries on. The one message that can go twice is one accepted in the
instant before its row was marked; its Message-ID is the same both times.

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
from dataclasses import dataclass, field

from django.conf import settings
from django.db import close_old_connections, connection
from django.db.models import F
from django.utils import timezone

from newsletter.composing import Composer
from newsletter.models import Delivery, Issue, RateWindow, SendSettings, Subscriber, Suppression

logger = logging.getLogger("haven.newsletter")

TEMPORARY = {421, 450, 451, 452, 454}
BATCH = 500
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
        self.chunk = max(1, min(50, self.rate // 10))
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


def _connect() -> smtplib.SMTP:
    client = smtplib.SMTP(settings.EMAIL_HOST, settings.EMAIL_PORT, timeout=settings.EMAIL_TIMEOUT)
    if settings.EMAIL_USE_TLS:
        client.starttls()
    if settings.EMAIL_HOST_USER:
        client.login(settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD)
    return client


@dataclass
class Outcome:
    sent: int = 0
    refused: int = 0
    later: list[int] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


class Pool:
    """`size` threads, each holding one SMTP connection for the whole issue."""

    def __init__(self, size: int, token: str, envelope_from: str) -> None:
        self.token = token
        self.envelope_from = envelope_from
        self.work: queue.Queue = queue.Queue(maxsize=size * 64)
        self.outcome = Outcome()
        self.threads = [
            threading.Thread(target=self._serve, name=f"notes-smtp-{n}", daemon=True)
            for n in range(max(1, size))
        ]
        self.retries = settings.HAVEN_NEWSLETTER_RETRIES
        self.pause = settings.HAVEN_NEWSLETTER_RETRY_PAUSE
        for thread in self.threads:
            thread.start()

    def put(self, delivery_id: int, address_hash: str, to: str, message: bytes) -> None:
        self.work.put((delivery_id, address_hash, to, message))

    def finish(self) -> Outcome:
        for _thread in self.threads:
            self.work.put(STOP)
        for thread in self.threads:
            thread.join()
        return self.outcome

    def _serve(self) -> None:
        client = None
        try:
            while True:
                item = self.work.get()
                if item is STOP:
                    break
                client = self._send_one(client, *item)
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
                    client = _connect()
                client.sendmail(self.envelope_from, [to], message)
            except smtplib.SMTPRecipientsRefused as refused:
                code = next(iter(refused.recipients.values()))[0]
                if code in TEMPORARY or 400 <= code < 500:
                    client = self._pause(client, attempt, reset=True)
                    continue
                self._refused(delivery_id, address_hash, code)
                return client
            except smtplib.SMTPResponseException as error:
                if error.smtp_code in TEMPORARY or 400 <= error.smtp_code < 500:
                    client = self._pause(client, attempt, reset=error.smtp_code != 421)
                    continue
                self._refused(delivery_id, address_hash, error.smtp_code)
                return client
            except (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, OSError):
                client = self._pause(client, attempt, reset=False)
                continue
            self._mark_sent(delivery_id)
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

    def _mark_sent(self, delivery_id: int) -> None:
        # Straight away, one row, its own commit: what the server accepted is on record.
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE newsletter_delivery SET state = %s, sent_at = %s"
                " WHERE id = %s AND claim = %s",
                [Delivery.State.SENT, timezone.now(), delivery_id, self.token],
            )
        with self.outcome.lock:
            self.outcome.sent += 1

    def _refused(self, delivery_id: int, address_hash: str, code: int) -> None:
        from newsletter import actions

        Delivery.objects.filter(pk=delivery_id, claim=self.token).update(
            state=Delivery.State.FAILED
        )
        if code in (550, 551, 553):  # no such mailbox: never write to it again
            actions.suppress(address_hash, Suppression.Reason.REJECTED)
        with self.outcome.lock:
            self.outcome.refused += 1


# ---- One issue ----


def prepare(issue: Issue) -> None:
    """Make one Delivery per subscriber who wants this kind of notes (once per issue)."""
    if issue.state != Issue.State.SCHEDULED:
        return
    wants = {"weekly": True} if issue.kind == Issue.Kind.WEEKLY else {"daily": True}
    suppressed = Suppression.objects.values("address_hash")
    recipients = (
        Subscriber.objects.filter(state=Subscriber.State.CONFIRMED, **wants)
        .exclude(address_hash__in=suppressed)
        .values_list("pk", flat=True)
        .iterator(chunk_size=2000)
    )
    chunk = []
    for subscriber_id in recipients:
        chunk.append(Delivery(issue=issue, subscriber_id=subscriber_id))
        if len(chunk) == 2000:
            Delivery.objects.bulk_create(chunk, ignore_conflicts=True)
            chunk = []
    Delivery.objects.bulk_create(chunk, ignore_conflicts=True)
    Issue.objects.filter(pk=issue.pk, state=Issue.State.SCHEDULED).update(state=Issue.State.SENDING)


def _claim(issue: Issue, token: str, size: int) -> list[Delivery]:
    todo = Delivery.objects.filter(issue=issue, state=Delivery.State.PENDING)
    ids = list(todo.order_by("pk").values_list("pk", flat=True)[:size])
    if not ids:
        return []
    todo.filter(pk__in=ids).update(
        state=Delivery.State.CLAIMED, claim=token, attempts=F("attempts") + 1
    )
    claimed = Delivery.objects.filter(pk__in=ids, claim=token, state=Delivery.State.CLAIMED)
    return list(
        claimed.select_related("subscriber").only(
            "pk",
            "subscriber__id",
            "subscriber__address",
            "subscriber__address_hash",
            "subscriber__wording",
            "subscriber__state",
        )
    )


def send(issue: Issue, heartbeat=lambda: None) -> Outcome:
    """Send whatever of `issue` is not sent yet. Safe to run again after a crash."""
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
    pool = Pool(options.connections, token, composer.envelope_sender())
    try:
        while True:
            heartbeat()
            batch = _claim(issue, token, BATCH)
            if not batch:
                break
            hashes = [d.subscriber.address_hash for d in batch]
            suppressed = set(
                Suppression.objects.filter(address_hash__in=hashes).values_list(
                    "address_hash", flat=True
                )
            )
            skip = []
            for delivery in batch:
                subscriber = delivery.subscriber
                if (
                    subscriber.state != Subscriber.State.CONFIRMED
                    or subscriber.address_hash in suppressed
                ):
                    skip.append(delivery.pk)
                    continue
                to, message = composer.build(subscriber)
                limit.take()
                pool.put(delivery.pk, subscriber.address_hash, to, message)
            if skip:
                Delivery.objects.filter(pk__in=skip, claim=token).update(
                    state=Delivery.State.SKIPPED
                )
    finally:
        outcome = pool.finish()
        close_old_connections()
    RateLimit.prune()
    if outcome.later:
        raise TryLater
    Issue.objects.filter(pk=issue.pk, state=Issue.State.SENDING).update(
        state=Issue.State.SENT, sent_at=timezone.now()
    )
    logger.info("notes sent issue=%s sent=%s refused=%s", issue.pk, outcome.sent, outcome.refused)
    return outcome
