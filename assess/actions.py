"""State changes for the checks and the reconciliation record. Everything private is sealed."""

import datetime

from django.db import transaction

from assess.models import Conditions, Observation, SavedCheck, Step
from vault.box import Box


def save_check(owner, box: Box, kind: str, summary: dict) -> SavedCheck:
    check = SavedCheck(owner=owner, kind=kind)
    check.data = box.seal_json(check, "data", summary)
    check.save()
    return check


def open_checks(owner, box: Box, kind: str) -> list[tuple[SavedCheck, dict]]:
    checks = SavedCheck.objects.filter(owner=owner, kind=kind)
    return [(check, box.open_json(check, "data", {})) for check in checks]


def delete_check(check: SavedCheck) -> None:
    check.delete()


# ---- Reconciliation ----


def open_dated(item, box: Box) -> dict:
    data = box.open_json(item, "data", {})
    data["on"] = datetime.date.fromisoformat(data["on"])
    return data


def add_observation(owner, box: Box, data: dict) -> Observation:
    observation = Observation(owner=owner)
    observation.data = box.seal_json(observation, "data", data)
    observation.save()
    return observation


def edit_observation(observation: Observation, box: Box, data: dict) -> None:
    observation.data = box.seal_json(observation, "data", data)
    observation.save(update_fields=["data", "updated_at"])


def open_observations(owner, box: Box) -> list[tuple[Observation, dict]]:
    """Newest first, by the date the person gave (not when they typed it)."""
    opened = [(o, open_dated(o, box)) for o in Observation.objects.filter(owner=owner)]
    opened.sort(key=lambda pair: (pair[1]["on"], pair[0].created_at), reverse=True)
    return opened


def add_step(owner, box: Box, data: dict) -> Step:
    step = Step(owner=owner)
    step.data = box.seal_json(step, "data", data)
    step.save()
    return step


def edit_step(step: Step, box: Box, data: dict) -> None:
    step.data = box.seal_json(step, "data", data)
    step.save(update_fields=["data", "updated_at"])


def open_steps(owner, box: Box) -> list[tuple[Step, dict]]:
    """Soonest first: a timeline reads forwards."""
    opened = [(s, open_dated(s, box)) for s in Step.objects.filter(owner=owner)]
    opened.sort(key=lambda pair: (pair[1]["on"], pair[0].created_at))
    return opened


def save_conditions(owner, box: Box, conditions: str, trusted_person: str) -> Conditions:
    with transaction.atomic():
        record = Conditions.objects.select_for_update().filter(owner=owner).first()
        if record is None:
            record = Conditions(owner=owner)
        record.conditions = box.seal(record, "conditions", conditions)
        record.trusted_person = box.seal(record, "trusted_person", trusted_person)
        record.save()
    return record


def open_conditions(owner, box: Box) -> dict | None:
    record = Conditions.objects.filter(owner=owner).first()
    if record is None:
        return None
    conditions = box.open(record, "conditions")
    return {
        "conditions": conditions,
        "lines": [line.strip() for line in conditions.splitlines() if line.strip()],
        "trusted_person": box.open(record, "trusted_person"),
    }


def clear_conditions(owner) -> None:
    Conditions.objects.filter(owner=owner).delete()


def delete_item(item) -> None:
    item.delete()
