"""The relationship check, the safety-first page and the danger screen.

Anyone may take a check. Answers travel only in POST bodies: never in the
URL, never in the session, never in the database, unless a signed-in person
with an open vault presses "Save this check" (then they are sealed).
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import private_view
from assess import actions, chart, content, scoring
from assess.forms import DangerForm, PatternsForm, SafetyForm, any_safety_yes
from assess.models import SavedCheck
from core.decorators import public_view


def can_save(request) -> bool:
    user = request.user
    return bool(
        user.is_authenticated
        and request.vault is not None
        and getattr(user, "recovery_confirmed", False)
    )


def get_check_for_user(request, check_id, kind: str) -> SavedCheck:
    return SavedCheck.objects.filter(kind=kind).get_for_user(request, check_id)


def unanswered(form):
    return [field for field in form.visible_fields() if field.errors]


@public_view
def index(request):
    return render(request, "assess/index.html", {"can_save": can_save(request)})


@public_view
def safety_first(request):
    return render(request, "assess/safety_first.html")


# ---- Relationship check ----


@public_view
def relationship(request):
    if request.method != "POST":
        return render(request, "assess/relationship_start.html", {"form": SafetyForm()})
    # Safety before anything else: a single "yes" ends the check, even if
    # other questions were left blank.
    if any_safety_yes(request.POST):
        return redirect("assess:safety_first")
    if request.POST.get("step") == "patterns":
        return _patterns_step(request)
    form = SafetyForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "assess/relationship_start.html",
            {"form": form, "unanswered": unanswered(form)},
        )
    kind = form.cleaned_data["relationship"]
    initial = {"relationship": kind}
    initial.update({key: form.cleaned_data[key] for key in content.SAFETY_KEYS})
    return _render_questions(request, PatternsForm(initial=initial, relationship=kind), kind)


def _patterns_step(request):
    kind = request.POST.get("relationship")
    if kind not in content.RELATIONSHIP_LABELS:
        return render(request, "assess/relationship_start.html", {"form": SafetyForm()})
    form = PatternsForm(request.POST, relationship=kind)
    if not form.is_valid():
        return _render_questions(request, form, kind)
    result = scoring.score_relationship(
        kind, form.answers(), form.safety(), form.cleaned_data["substances"]
    )
    return render(
        request,
        "assess/relationship_result.html",
        {"result": result, "can_save": can_save(request), "save_fields": _carry(result)},
    )


def _render_questions(request, form, kind):
    return render(
        request,
        "assess/relationship_questions.html",
        {
            "form": form,
            "relationship": kind,
            "relationship_short": content.RELATIONSHIP_SHORT[kind],
            "unanswered": unanswered(form),
        },
    )


def _carry(result: scoring.RelationshipResult) -> list[tuple[str, str]]:
    """The answers, as hidden fields for "Save this check" (a POST, never a URL)."""
    fields = [("relationship", result.relationship)]
    fields += list(result.safety.items())
    fields += list(result.answers.items())
    fields.append(("substances", result.substances))
    return fields


def _result_from_saved(data: dict) -> scoring.RelationshipResult:
    return scoring.score_relationship(
        data.get("relationship", "other"),
        data.get("answers", {}),
        data.get("safety", {}),
        data.get("substances", ""),
    )


@private_view
@require_POST
def relationship_save(request):
    if any_safety_yes(request.POST):
        return redirect("assess:safety_first")
    kind = request.POST.get("relationship")
    form = PatternsForm(request.POST, relationship=kind or "other")
    if kind not in content.RELATIONSHIP_LABELS or not form.is_valid():
        messages.error(request, _("Sorry, that check couldn't be saved. Please take it again."))
        return redirect("assess:relationship")
    result = scoring.score_relationship(
        kind, form.answers(), form.safety(), form.cleaned_data["substances"]
    )
    check = actions.save_check(
        request.user, request.vault, SavedCheck.RELATIONSHIP, result.summary()
    )
    messages.success(request, _("Your check is saved. Only you can open it."))
    return redirect("assess:relationship_detail", check_id=check.pk)


@private_view
def relationship_history(request):
    groups: dict[str, list[dict]] = {}
    for check, data in actions.open_checks(request.user, request.vault, SavedCheck.RELATIONSHIP):
        result = _result_from_saved(data)
        groups.setdefault(result.relationship, []).append(
            {
                "check": check,
                "when": check.created_at,
                "total": result.total,
                "seen": len(result.seen),
                "frequent": sum(1 for p in result.seen if p.frequent),
            }
        )
    charts = [
        {
            "relationship": kind,
            "label": content.RELATIONSHIP_SHORT[kind],
            "rows": rows,
            "chart": chart.line_chart(rows),
        }
        for kind, _label in content.RELATIONSHIPS
        if (rows := groups.get(kind))
    ]
    return render(
        request,
        "assess/relationship_history.html",
        {"charts": charts, "max_total": scoring.MAX_TOTAL},
    )


@private_view
def relationship_detail(request, check_id):
    check = get_check_for_user(request, check_id, SavedCheck.RELATIONSHIP)
    result = _result_from_saved(request.vault.open_json(check, "data", {}))
    return render(request, "assess/relationship_detail.html", {"check": check, "result": result})


@private_view
def relationship_delete(request, check_id):
    check = get_check_for_user(request, check_id, SavedCheck.RELATIONSHIP)
    if request.method == "POST":
        actions.delete_check(check)
        messages.success(request, _("That check is deleted."))
        return redirect("assess:relationship_history")
    return render(request, "assess/check_delete.html", {"check": check})


# ---- Danger screen ----


@public_view
def danger(request):
    form = DangerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = scoring.DangerResult(form.answers())
        return render(
            request,
            "assess/danger_result.html",
            {
                "result": result,
                "can_save": can_save(request),
                "save_fields": list(result.answers.items()),
            },
        )
    return render(request, "assess/danger.html", {"form": form, "unanswered": unanswered(form)})


@private_view
@require_POST
def danger_save(request):
    form = DangerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Sorry, that screen couldn't be saved. Please take it again."))
        return redirect("assess:danger")
    result = scoring.DangerResult(form.answers())
    check = actions.save_check(request.user, request.vault, SavedCheck.DANGER, result.summary())
    messages.success(request, _("Your answers are saved. Only you can open them."))
    return redirect("assess:danger_detail", check_id=check.pk)


@private_view
def danger_saved(request):
    checks = [
        (check, scoring.DangerResult(data.get("answers", {})))
        for check, data in actions.open_checks(request.user, request.vault, SavedCheck.DANGER)
    ]
    checks.reverse()  # newest first
    return render(request, "assess/danger_saved.html", {"checks": checks})


@private_view
def danger_detail(request, check_id):
    check = get_check_for_user(request, check_id, SavedCheck.DANGER)
    data = request.vault.open_json(check, "data", {})
    result = scoring.DangerResult(data.get("answers", {}))
    return render(request, "assess/danger_detail.html", {"check": check, "result": result})


@private_view
def danger_delete(request, check_id):
    check = get_check_for_user(request, check_id, SavedCheck.DANGER)
    if request.method == "POST":
        actions.delete_check(check)
        messages.success(request, _("Those answers are deleted."))
        return redirect("assess:danger_saved")
    return render(request, "assess/check_delete.html", {"check": check})
