"""Moving the private models onto the private-record base loses nobody's data.

The database is taken back to the state before that move; rows are written
with the historical models and sealed exactly as the vault sealed them then
(text, or bare JSON without a schema version, bound to model, field and row);
then the database is migrated forward and every value is opened through
today's models and `Box`, and compared byte for byte and value for value.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest
from django.apps import apps as today
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from vault import crypto
from vault.box import Box
from vault.records import all_sealed_fields

pytestmark = pytest.mark.django_db(transaction=True)

# The migrations that moved each app onto the base.
MOVES = [
    ("accounts", "0003_totp_secret_is_a_sealed_field"),
    ("vault", "0003_draft_data_is_versioned_sealed_json"),
    ("plan", "0003_private_record_base"),
    ("assess", "0002_private_record_base"),
    ("scripts", "0002_private_record_base"),
    ("money", "0002_private_record_base"),
]

LONG_AGO = dt.datetime(2025, 3, 4, 5, 6, 7, tzinfo=dt.UTC)
EARLIER = dt.datetime(2024, 11, 2, 21, 30, tzinfo=dt.UTC)

# Words a person might type, in more than one script, with what JSON escapes.
WORDS = 'I deserve to sleep without fear. أستحق الأمان 🌙 "quoted" \\ back\nslash'

SAFETY_PLAN = {
    "warning_signs": ["He goes quiet", "Checks my phone"],
    "safe_places": [{"name": "Aunt Mo", "how": "bus 12"}],
    "code_word": "blue umbrella",
    "notes": WORDS,
}
EXIT_PLAN = {"done": [1, 3], "tasks": {"2": [{"text": "copy passport", "done": False}]}}
CHECK = {"answers": {"q1": 2, "q2": 0}, "relationship": "partner", "score": 11}
OBSERVATION = {"on": "2025-02-01", "sign": "respect", "held": True, "note": WORDS}
STEP = {"on": "2025-02-14", "text": "Counselling together, first session"}
MY_SCRIPT = {"title": "At the door", "situation": "saying-no", "text": WORDS}
BUDGET = {"currency": "EUR", "income": [["wages", "1450.00"]], "expenses": []}
PAPERS = {"have": ["passport", "birth certificate"], "where": "at work, top drawer"}
ACCOUNT_STEPS = {"done": ["bank-chosen"], "bank": "Credit union on Mill St"}
FUND = {"goal": "600.00", "deposits": [{"id": "d1", "amount": "25.50", "on": "2025-01-30"}]}
DRAFT = {"text": "half a sentence", "rows": ["a", "", "c"]}
TOTP_SECRET = "JBSWY3DPEHPK3PXP"


def before_the_move() -> list[tuple[str, str]]:
    graph = MigrationExecutor(connection).loader.graph
    targets = []
    for app, name in MOVES:
        parents = [node.key for node in graph.node_map[(app, name)].parents if node.key[0] == app]
        assert len(parents) == 1, f"{app}.{name} should follow exactly one migration of its app"
        targets.append(parents[0])
    return targets


def migrate(targets: list[tuple[str, str]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection)  # a fresh loader sees the new state


def migrate_to_latest() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


class OldVault:
    """Seals exactly as the vault did before the move: no schema version on JSON."""

    def __init__(self, dek: bytes) -> None:
        self.dek = dek
        self.sealed: dict[tuple[str, str, str], bytes] = {}

    def text(self, row, field: str, value: str) -> bytes:
        aad = crypto.field_aad(row._meta.label_lower, field, row.pk)
        blob = crypto.seal(self.dek, value.encode("utf-8"), aad)
        self.sealed[(row._meta.label_lower, field, str(row.pk))] = blob
        return blob

    def json(self, row, field: str, value) -> bytes:
        return self.text(row, field, json.dumps(value, separators=(",", ":")))


def write_old_rows(old_apps, dek: bytes, other_dek: bytes) -> dict:
    """Rows in every private table, written by the historical models."""
    User = old_apps.get_model("accounts", "User")
    robin = User.objects.create(id=uuid.uuid4(), username="Robin", username_key="robin")
    sam = User.objects.create(id=uuid.uuid4(), username="Sam", username_key="sam")
    vault, others = OldVault(dek), OldVault(other_dek)

    robin.totp_secret = vault.text(robin, "totp_secret", TOTP_SECRET)
    robin.save()

    def make(label: str, **fields):
        model = old_apps.get_model(label)
        return model.objects.create(id=uuid.uuid4(), **fields)

    reasons = []
    for position, text in enumerate([WORDS, "So the children can breathe.", ""]):
        reason = make("plan.Reason", owner=robin, position=position, text=b"")
        reason.text = vault.text(reason, "text", text)
        reason.save()
        reasons.append(reason)

    safety = make("plan.SafetyPlan", owner=robin, data=b"")
    safety.data = vault.json(safety, "data", SAFETY_PLAN)
    safety.save()
    exit_plan = make("plan.ExitPlan", owner=robin, data=b"")
    exit_plan.data = vault.json(exit_plan, "data", EXIT_PLAN)
    exit_plan.save()

    check = make("assess.SavedCheck", owner=robin, kind="danger", data=b"", created_at=EARLIER)
    check.data = vault.json(check, "data", CHECK)
    check.save()
    observation = make("assess.Observation", owner=robin, data=b"", created_at=EARLIER)
    observation.data = vault.json(observation, "data", OBSERVATION)
    observation.save()
    step = make("assess.Step", owner=robin, data=b"")
    step.data = vault.json(step, "data", STEP)
    step.save()
    conditions = make("assess.Conditions", owner=robin, conditions=b"", trusted_person=b"")
    conditions.conditions = vault.text(conditions, "conditions", WORDS)
    conditions.trusted_person = vault.text(conditions, "trusted_person", "My sister, Jo")
    conditions.save()

    script = make("scripts.MyScript", owner=robin, content=b"")
    script.content = vault.json(script, "content", MY_SCRIPT)
    script.save()

    money = make("money.MoneyPlan", owner=robin)
    money.budget = vault.json(money, "budget", BUDGET)
    money.fund = vault.json(money, "fund", FUND)
    money.papers = vault.json(money, "papers", PAPERS)
    money.steps = vault.json(money, "steps", ACCOUNT_STEPS)
    money.save()
    # A plan whose sections were never filled in: still empty bytes.
    untouched = make("money.MoneyPlan", owner=sam)

    draft = make("vault.Draft", owner=robin, key="reason-new", data=b"")
    draft.data = vault.json(draft, "data", DRAFT)
    draft.save()

    # Another member's row, under their own key: it must stay theirs.
    theirs = make("plan.Reason", owner=sam, position=0, text=b"")
    theirs.text = others.text(theirs, "text", "Sam's own reason")
    theirs.save()

    # Times the new columns should copy, set past auto_now.
    old_apps.get_model("assess.Conditions").objects.update(updated_at=LONG_AGO)
    old_apps.get_model("money.MoneyPlan").objects.update(updated_at=LONG_AGO)

    return {
        "sealed": {**vault.sealed, **others.sealed},
        "robin": robin.pk,
        "sam": sam.pk,
        "reasons": [r.pk for r in reasons],
        "theirs": theirs.pk,
        "created": {
            "plan.reason": {r.pk: r.created_at for r in reasons},
            "assess.observation": {observation.pk: EARLIER},
            "assess.step": {step.pk: step.created_at},
            "scripts.myscript": {script.pk: script.created_at},
        },
        "rows": {
            "plan.safetyplan": safety.pk,
            "plan.exitplan": exit_plan.pk,
            "assess.savedcheck": check.pk,
            "assess.observation": observation.pk,
            "assess.step": step.pk,
            "assess.conditions": conditions.pk,
            "scripts.myscript": script.pk,
            "money.moneyplan": money.pk,
            "untouched money plan": untouched.pk,
            "vault.draft": draft.pk,
        },
    }


@pytest.fixture
def migrated_from_old_layout():
    """Old rows written before the move, then the database brought up to date."""
    dek, other_dek = crypto.random_key(), crypto.random_key()
    try:
        executor = migrate(before_the_move())
        old_apps = executor.loader.project_state(before_the_move()).apps
        written = write_old_rows(old_apps, dek, other_dek)
    finally:
        migrate_to_latest()
    return written, Box(dek), Box(other_dek)


def row(label: str, pk):
    return today.get_model(label).objects.get(pk=pk)


# One migration round trip takes a while, so each test checks a whole promise.


def test_every_sealed_value_keeps_its_bytes_and_opens_to_what_was_written(
    migrated_from_old_layout,
):
    written, box, other = migrated_from_old_layout

    for (label, field, pk), blob in written["sealed"].items():
        assert bytes(getattr(row(label, pk), field)) == blob, f"{label}.{field} changed"

    reasons = [row("plan.Reason", pk) for pk in written["reasons"]]
    assert [box.open(r, "text") for r in reasons] == [WORDS, "So the children can breathe.", ""]
    conditions = row("assess.Conditions", written["rows"]["assess.conditions"])
    assert box.open(conditions, "conditions") == WORDS
    assert box.open(conditions, "trusted_person") == "My sister, Jo"
    robin = row("accounts.User", written["robin"])
    assert box.open(robin, "totp_secret") == TOTP_SECRET
    assert robin.totp_enabled
    assert other.open(row("plan.Reason", written["theirs"]), "text") == "Sam's own reason"

    rows = written["rows"]
    documents = {
        ("plan.safetyplan", "data"): SAFETY_PLAN,
        ("plan.exitplan", "data"): EXIT_PLAN,
        ("assess.savedcheck", "data"): CHECK,
        ("assess.observation", "data"): OBSERVATION,
        ("assess.step", "data"): STEP,
        ("scripts.myscript", "content"): MY_SCRIPT,
        ("money.moneyplan", "budget"): BUDGET,
        ("money.moneyplan", "fund"): FUND,
        ("money.moneyplan", "papers"): PAPERS,
        ("money.moneyplan", "steps"): ACCOUNT_STEPS,
        ("vault.draft", "data"): DRAFT,
    }
    for (label, field), document in documents.items():
        assert box.open_json(row(label, rows[label]), field) == document, f"{label}.{field}"

    untouched = row("money.MoneyPlan", rows["untouched money plan"])
    for section in ("budget", "fund", "papers", "steps"):
        assert bytes(getattr(untouched, section)) == b""
        assert other.open_json(untouched, section, {}) == {}

    # Nothing sealed before the move escaped this test: a sealed field added
    # to an old model later would show up here unchecked.
    old_apps = MigrationExecutor(connection).loader.project_state(before_the_move()).apps
    checked = {(label, field) for label, field, _pk in written["sealed"]}
    for model, field in all_sealed_fields():
        try:
            old_model = old_apps.get_model(model._meta.label)
        except LookupError:
            continue  # a model added after the move: no old data to keep
        if field.name in {f.name for f in old_model._meta.get_fields()}:
            assert (model._meta.label_lower, field.name) in checked, (
                f"{model._meta.label}.{field.name} held data before the move but is not checked"
            )


def test_rows_keep_their_owner_and_times_and_new_date_columns_take_the_rows_own_times(
    migrated_from_old_layout,
):
    written, _box, _other = migrated_from_old_layout
    for label, times in written["created"].items():
        for pk, created in times.items():
            record = row(label, pk)
            assert record.created_at == created, label
            assert record.owner.pk == written["robin"], label
    assert row("plan.Reason", written["theirs"]).owner.pk == written["sam"]
    assert [r.position for r in (row("plan.Reason", pk) for pk in written["reasons"])] == [0, 1, 2]
    rows = written["rows"]
    assert row("assess.SavedCheck", rows["assess.savedcheck"]).kind == "danger"

    # Not the moment of the upgrade: the nearest time the row itself knew.
    assert row("assess.Conditions", rows["assess.conditions"]).created_at == LONG_AGO
    assert row("money.MoneyPlan", rows["money.moneyplan"]).created_at == LONG_AGO
    assert row("assess.SavedCheck", rows["assess.savedcheck"]).updated_at == EARLIER
