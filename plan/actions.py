from django.db import transaction
from django.db.models import Max, Q

from core import paging
from plan.exit_content import STEPS, Step
from plan.models import ExitPlan, Reason, SafetyPlan
from plan.safety_content import CHECKLIST_KEYS, DONE, NOT_FOR_ME
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
    """Swap places with the neighbour above (-1) or below (+1): two rows written,
    however many reasons there are (all renumbered only if two shared a place)."""
    with transaction.atomic():
        mine = Reason.objects.select_for_update().filter(owner=reason.owner_id)
        reason = mine.get(pk=reason.pk)
        neighbour = paging.neighbour(mine, REASON_ORDER, reason, ahead=direction > 0)
        if neighbour is None:
            return
        if neighbour.position != reason.position:
            reason.position, neighbour.position = neighbour.position, reason.position
            reason.save(update_fields=["position"])
            neighbour.save(update_fields=["position"])
            return
        ordered = list(mine.order_by(*REASON_ORDER))
        index = next(i for i, r in enumerate(ordered) if r.pk == reason.pk)
        target = index + (1 if direction > 0 else -1)
        ordered[index], ordered[target] = ordered[target], ordered[index]
        for position, item in enumerate(ordered):
            if item.position != position:
                item.position = position
                item.save(update_fields=["position"])


def delete_reason(reason: Reason) -> None:
    reason.delete()


def open_reasons(owner, box: Box) -> list[tuple[Reason, str]]:
    """Every reason, opened: for the export and the printed plan, never a page."""
    return [(r, box.open(r, "text")) for r in Reason.objects.filter(owner=owner)]


# The person's own order, the id breaking ties; the (owner, position, id) index serves it.
REASON_ORDER = ("position", "id")
REASONS_PER_PAGE = 20
REASONS_ON_DASHBOARD = 3


def reasons_page(request, size: int = REASONS_PER_PAGE) -> paging.Page:
    """One page of the person's reasons, opened (only the ones shown)."""
    page = paging.page_from_request(
        request, Reason.objects.filter(owner=request.user), REASON_ORDER, size
    )
    page.items = [(r, request.vault.open(r, "text")) for r in page.items]
    return page


def first_reasons(owner, box: Box, count: int = REASONS_ON_DASHBOARD):
    """The first few reasons, opened, and whether there are more."""
    rows = list(Reason.objects.filter(owner=owner).order_by(*REASON_ORDER)[: count + 1])
    return [(r, box.open(r, "text")) for r in rows[:count]], len(rows) > count


def reason_page_start(reason: Reason) -> str:
    """Where the reasons' pages should open to show `reason`: the first page when
    it is on it, else a page starting with it."""
    before = Reason.objects.filter(owner=reason.owner_id).filter(
        Q(position__lt=reason.position) | Q(position=reason.position, id__lt=reason.id)
    )
    if not before[REASONS_PER_PAGE - 1 : REASONS_PER_PAGE].exists():
        return ""
    return paging.cursor_of(reason, REASON_ORDER)


# ---- Safety plan ----------------------------------------------------------


def open_safety_plan(owner, box: Box) -> dict:
    plan = SafetyPlan.objects.filter(owner=owner).first()
    return box.open_json(plan, "data", {}) if plan else {}


def save_safety_plan(owner, box: Box, data: dict) -> SafetyPlan:
    with transaction.atomic():
        plan = SafetyPlan.objects.select_for_update().filter(owner=owner).first()
        if plan is None:
            plan = SafetyPlan(owner=owner)
        plan.data = box.seal_json(plan, "data", data)
        plan.save()
    return plan


def save_safety_part(owner, box: Box, part_data: dict) -> SafetyPlan:
    """Replace one part's keys in the stored plan; the other parts are kept as they are."""
    with transaction.atomic():
        plan = SafetyPlan.objects.select_for_update().filter(owner=owner).first()
        if plan is None:
            plan = SafetyPlan(owner=owner)
            data: dict = {}
        else:
            data = box.open_json(plan, "data", {})
        data.update(part_data)
        plan.data = box.seal_json(plan, "data", data)
        plan.save()
    return plan


def clear_safety_plan(owner) -> None:
    SafetyPlan.objects.filter(owner=owner).delete()


def safety_summary(data: dict) -> dict:
    """Checklist counts for the dashboard: done, set aside as not for me, and the rest."""
    statuses = [data.get("checklist", {}).get(key, {}).get("status") for key in CHECKLIST_KEYS]
    not_for_me = statuses.count(NOT_FOR_ME)
    return {
        "done": statuses.count(DONE),
        "total": len(CHECKLIST_KEYS),
        "not_for_me": not_for_me,
        "applies": len(CHECKLIST_KEYS) - not_for_me,
        "started": bool(data),
    }


# ---- Exit plan ------------------------------------------------------------


def open_exit_plan(owner, box: Box) -> dict:
    plan = ExitPlan.objects.filter(owner=owner).first()
    return box.open_json(plan, "data", {}) if plan else {}


def save_exit_step(owner, box: Box, number: int, step_data: dict) -> ExitPlan:
    """Replace one step's answers; the other steps are kept as they are."""
    with transaction.atomic():
        plan = ExitPlan.objects.select_for_update().filter(owner=owner).first()
        if plan is None:
            plan = ExitPlan(owner=owner)
            data: dict = {}
        else:
            data = box.open_json(plan, "data", {})
        data.setdefault("steps", {})[str(number)] = step_data
        plan.data = box.seal_json(plan, "data", data)
        plan.save()
    return plan


def clear_exit_plan(owner) -> None:
    ExitPlan.objects.filter(owner=owner).delete()


def step_progress(step: Step, saved: dict) -> dict:
    tasks = saved.get("tasks", {})
    own = saved.get("own", [])
    done = sum(1 for key in step.task_keys if tasks.get(key, {}).get("done"))
    done += sum(1 for row in own if row.get("done"))
    return {"done": done, "total": len(step.tasks) + len(own)}


def exit_progress(data: dict) -> dict:
    steps = data.get("steps", {})
    per_step = [(step, step_progress(step, steps.get(str(step.number), {}))) for step in STEPS]
    return {
        "steps": per_step,
        "done": sum(progress["done"] for _step, progress in per_step),
        "total": sum(progress["total"] for _step, progress in per_step),
        "started": bool(steps),
    }
