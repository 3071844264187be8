"""A duress sign-in's silent alert: delivered through an exactly-once job, then forgotten (T2).

Here the member has chosen nobody for it, so the alert ends as "nobody to
alert yet" (circle/tests/test_duress_alert.py covers a contact receiving it
over SMTP). Either way the event and its job are deleted: an operator, or
someone who takes the database, must not learn who was made to open Haven,
or when.
"""

import logging
from datetime import timedelta

import pytest
from django.db.models.signals import pre_delete
from django.test import Client
from django.utils import timezone

from accounts import actions
from accounts.jobs import DELIVER_DURESS
from accounts.models import DuressEvent, User
from conftest import DURESS_PASSPHRASE, OWNER_NAME
from core import jobs
from core.models import OnceJob, OnceJobTally

State = DuressEvent.State


@pytest.fixture
def member(owner_dek):
    user, dek = owner_dek
    actions.set_duress(user, dek, DURESS_PASSPHRASE)
    return user


def tally() -> dict[str, int]:
    return dict(OnceJobTally.objects.filter(kind=DELIVER_DURESS).values_list("outcome", "count"))


@pytest.fixture
def deleted_events():
    """The state each event had when it was deleted, read back from the database."""
    seen: list[str] = []

    def note(sender, instance, **kwargs):
        seen.append(instance.state)

    pre_delete.connect(note, sender=DuressEvent)
    yield seen
    pre_delete.disconnect(note, sender=DuressEvent)


@pytest.mark.django_db(transaction=True)
def test_a_duress_sign_in_is_delivered_then_forgotten(member, deleted_events, caplog):
    client = Client()
    with caplog.at_level(logging.DEBUG):
        response = client.post(
            "/sign-in/", {"username": OWNER_NAME, "passphrase": DURESS_PASSPHRASE}
        )
    assert response.status_code == 302 and response["Location"] == "/home/"

    # The event was written, its job ran once the sign-in committed, found
    # nobody to alert yet, marked the event so and deleted it.
    assert deleted_events == [State.NO_CONTACT]
    assert tally() == {State.NO_CONTACT: 1}
    assert DuressEvent.objects.count() == 0
    assert OnceJob.objects.count() == 0

    # Nothing of it shows in the decoy.
    home = client.get("/home/").content.decode()
    assert "Get to bed before eleven" in home  # we are in the decoy
    for word in ("duress", "alert", "delivered", "trusted contact"):
        assert word not in home.lower()

    # The logs never name the decoy, nor mention the duress at all.
    decoy = User.objects.get(decoy_for=member)
    assert f"space opened id={member.pk}" in caplog.text  # logged as its owner
    assert str(decoy.pk) not in caplog.text
    assert "duress" not in caplog.text.lower()


@pytest.mark.django_db(transaction=True)
def test_the_event_and_its_job_are_written_together_and_the_job_carries_only_its_id(member):
    from django.test import override_settings

    db_tasks = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    with override_settings(TASKS=db_tasks):
        event = actions.record_duress(member)
        job = OnceJob.objects.get()
        assert (job.kind, job.key, job.state) == (DELIVER_DURESS, str(event.pk), "pending")
        assert DuressEvent.objects.get().state == State.PENDING  # waiting for the worker

        from django_tasks_db.models import DBTaskResult

        assert DBTaskResult.objects.get().args_kwargs == {"args": [str(job.pk)], "kwargs": {}}
        jobs.run(job.pk)
    assert DuressEvent.objects.count() == OnceJob.objects.count() == 0
    assert tally() == {State.NO_CONTACT: 1}


@pytest.mark.django_db
def test_an_alert_already_delivered_is_not_sent_again_when_its_job_runs_again(
    member, deleted_events
):
    # A worker sent the alert, marked it, and died before deleting it.
    event = actions.record_duress(member)
    DuressEvent.objects.filter(pk=event.pk).update(
        state=State.DELIVERED, delivered_at=timezone.now()
    )
    jobs.run(OnceJob.objects.get().pk)
    assert deleted_events == [State.DELIVERED]
    assert tally() == {State.DELIVERED: 1}


@pytest.mark.django_db
def test_an_account_deleted_before_delivery_leaves_nothing_to_deliver(member):
    actions.record_duress(member)
    actions.delete_account(member)
    jobs.run(OnceJob.objects.get().pk)
    assert tally() == {"gone": 1}
    assert OnceJob.objects.count() == 0


@pytest.mark.django_db
def test_an_alert_that_cannot_be_delivered_is_forgotten_too(member):
    actions.record_duress(member)
    spec = jobs.handler_for(DELIVER_DURESS)
    # Its last worker died mid-job, and its lease has run out.
    OnceJob.objects.update(
        state=OnceJob.State.RUNNING,
        attempts=spec.max_attempts,
        claimed_until=timezone.now() - timedelta(seconds=1),
    )
    assert jobs.sweep().gave_up == 1
    assert DuressEvent.objects.count() == OnceJob.objects.count() == 0
    assert tally() == {"gave_up:worker_lost": 1}


@pytest.mark.django_db
def test_operators_see_totals_only(member, operator, other_member):
    actions.record_duress(member)  # waiting (its job never commits in this test)
    jobs.run(OnceJob.objects.get().pk)  # nobody to alert yet
    actions.record_duress(other_member)  # waiting
    event = DuressEvent.objects.get()

    client = Client()
    client.force_login(operator)
    page = client.get("/operator/admin/accounts/duressevent/")
    body = page.content.decode()
    assert page.status_code == 200
    assert '<th scope="row">Waiting to be delivered</th><td>1</td>' in body
    assert '<th scope="row">Nobody to alert yet</th><td>1</td>' in body
    assert '<th scope="row">Delivered to a trusted contact</th><td>0</td>' in body
    for detail in (OWNER_NAME, str(member.pk), str(other_member.pk), str(event.pk)):
        assert detail not in body
    # No page exists for a single event.
    assert client.get(f"/operator/admin/accounts/duressevent/{event.pk}/change/").status_code == 404
    assert client.get("/operator/admin/accounts/duressevent/add/").status_code == 404
    index = client.get("/operator/admin/").content.decode()
    assert "/operator/admin/accounts/duressevent/" in index
