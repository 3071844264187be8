"""What plan's dashboard cards show: each function takes the request and
returns the values for its template in plan/templates/plan/cards/."""

from plan import actions, safety_forms


def reasons(request) -> dict:
    shown, more = actions.first_reasons(request.user, request.vault)
    return {"reasons": shown, "more_reasons": more}


def safety_plan(request) -> dict:
    plan = actions.open_safety_plan(request.user, request.vault)
    return {
        "safety": actions.safety_summary(plan),
        "parts_done": sum(1 for part in safety_forms.PARTS if part.holds_something(plan)),
        "parts_total": len(safety_forms.PARTS),
    }


def exit_plan(request) -> dict:
    plan = actions.open_exit_plan(request.user, request.vault)
    return {"exit": actions.exit_progress(plan)}
