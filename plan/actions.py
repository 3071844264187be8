from django.db import transaction
from django.db.models import Max

from plan.models import Reason
from vault.box import Box


def add_reason(owner, box: Box, text: str) -> Reason:
    with transaction.atomic():
        last = Reason.objects.filter(owner=owner).aggregate(m=Max("position"))["m"]
        reason = Reason(owner=owner, position=0 if last is None else last + 1)
        reason.text = box.seal(reason, "text", text)
        reason.save()
    return reason


def edit_reason(reason: Reason, box: Box, text: str) -> None:
    reason.text = box.seal(reason, "text", text)
    reason.save(update_fields=["text", "updated_at"])


def move_reason(reason: Reason, direction: int) -> None:
    """Swap with the neighbour above (-1) or below (+1); positions are renumbered."""
    with transaction.atomic():
        ordered = list(Reason.objects.select_for_update().filter(owner=reason.owner_id))
        index = next(i for i, r in enumerate(ordered) if r.pk == reason.pk)
        target = index + direction
        if 0 <= target < len(ordered):
            ordered[index], ordered[target] = ordered[target], ordered[index]
        for position, item in enumerate(ordered):
            if item.position != position:
                item.position = position
                item.save(update_fields=["position"])


def delete_reason(reason: Reason) -> None:
    reason.delete()


def open_reasons(owner, box: Box) -> list[tuple[Reason, str]]:
    return [(r, box.open(r, "text")) for r in Reason.objects.filter(owner=owner)]
