import logging

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import private_view
from plan import actions, exit_forms, pdf, safety_forms
from plan.exit_content import STEP_BY_NUMBER, Step
from plan.forms import ReasonForm
from plan.models import Reason, SafetyPlan
from plan.printable import HEADINGS, ROUTE, TITLE, WHERE, printable
from plan.prompts import REASON_PROMPTS
from vault import drafts
from vault.forms import drafted

logger = logging.getLogger(__name__)

NEW_REASON_DRAFT = "reason-new"


def get_reason_for_user(request, reason_id) -> Reason:
    return Reason.objects.get_for_user(request, reason_id)


@private_view
def reasons(request):
    page = drafted(
        request,
        NEW_REASON_DRAFT,
        ReasonForm,
        save=lambda form: actions.add_reason(
            request.user, request.vault, form.cleaned_data["text"]
        ),
    )
    if page.saved:
        messages.success(request, _("Your reason is saved."))
        return redirect("plan:reasons")
    return render(
        request,
        "plan/reasons.html",
        {
            **page.context(),
            "reasons": actions.open_reasons(request.user, request.vault),
            "prompts": REASON_PROMPTS,
        },
    )


@private_view
def reason_edit(request, reason_id):
    reason = get_reason_for_user(request, reason_id)
    initial = {"text": request.vault.open(reason, "text")}
    form = ReasonForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        actions.edit_reason(reason, request.vault, form.cleaned_data["text"])
        messages.success(request, _("Your reason is updated."))
        return redirect("plan:reasons")
    return render(request, "plan/reason_edit.html", {"form": form, "reason": reason})


@private_view
def reason_delete(request, reason_id):
    reason = get_reason_for_user(request, reason_id)
    if request.method == "POST":
        actions.delete_reason(reason)
        messages.success(request, _("That reason is removed."))
        return redirect("plan:reasons")
    return render(
        request,
        "plan/reason_delete.html",
        {"reason": reason, "text": request.vault.open(reason, "text")},
    )


@private_view
@require_POST
def reason_move(request, reason_id):
    reason = get_reason_for_user(request, reason_id)
    actions.move_reason(reason, -1 if request.POST.get("direction") == "up" else 1)
    return redirect(f"{reverse('plan:reasons')}#reason-{reason.pk}")


# ---- Safety plan ----------------------------------------------------------

SAFETY_DRAFT = "safety-plan"


def get_safety_plan_for_user(request) -> dict:
    """The signed-in person's own safety plan, opened; there is no way to name another's."""
    return actions.open_safety_plan(request.user, request.vault)


@private_view
def safety(request):
    page = drafted(
        request,
        SAFETY_DRAFT,
        safety_forms.SafetyPlanForm,
        initial=lambda: safety_forms.initial_from_plan(get_safety_plan_for_user(request)),
        save=lambda form: actions.save_safety_plan(request.user, request.vault, form.to_plan()),
    )
    if page.saved:
        messages.success(request, _("Your safety plan is saved."))
        return redirect("plan:safety")
    return render(
        request,
        "plan/safety_plan.html",
        {
            **page.context(),
            "has_plan": SafetyPlan.objects.filter(owner=request.user).exists(),
        },
    )


@private_view
def safety_print(request):
    plan = get_safety_plan_for_user(request)
    return render(
        request,
        "plan/safety_print.html",
        {
            "view": printable(plan),
            "title": TITLE,
            "headings": HEADINGS,
            "route": ROUTE,
            "where": WHERE,
            "has_plan": bool(plan),
            "unsaved": drafts.load(request, SAFETY_DRAFT) is not None,
            "today": timezone.localdate(),
        },
    )


@private_view
def safety_pdf(request):
    view = printable(get_safety_plan_for_user(request))
    try:
        content = pdf.safety_plan_pdf(view)
    except pdf.FontsMissing:
        logger.warning("PDF download refused: no Unicode font installed (see plan/pdf.py)")
        messages.error(
            request,
            _(
                "The PDF can't be made on this server just now. This printable page works "
                "instead: your browser's Print can also save it as a PDF."
            ),
        )
        return redirect("plan:safety_print")
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="notes.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@private_view
def safety_clear(request):
    if request.method == "POST":
        actions.clear_safety_plan(request.user)
        drafts.discard(request, SAFETY_DRAFT)
        messages.success(request, _("Your safety plan is cleared."))
        return redirect("plan:safety")
    return render(request, "plan/plan_clear.html", {"which": "safety"})


# ---- Exit plan ------------------------------------------------------------


def get_step(number: int) -> Step:
    try:
        return STEP_BY_NUMBER[number]
    except KeyError:
        raise Http404 from None


def exit_draft_key(step: Step) -> str:
    return f"exit-step-{step.number}"


@private_view
def exit_plan(request):
    progress = actions.exit_progress(actions.open_exit_plan(request.user, request.vault))
    return render(request, "plan/exit_plan.html", {"progress": progress})


@private_view
def exit_step(request, number):
    step = get_step(number)
    saved = actions.open_exit_plan(request.user, request.vault).get("steps", {})
    saved_step = saved.get(str(step.number), {})
    page = drafted(
        request,
        exit_draft_key(step),
        exit_forms.ExitStepForm,
        form_kwargs={"step": step},
        initial=lambda: exit_forms.initial_from_step(saved_step),
        save=lambda form: actions.save_exit_step(
            request.user, request.vault, step.number, form.to_step()
        ),
    )
    if page.saved:
        messages.success(request, _("Step %(number)s is saved.") % {"number": step.number})
        return redirect("plan:exit_step", number=step.number)
    return render(
        request,
        "plan/exit_step.html",
        {
            **page.context(),
            "step": step,
            "progress": actions.step_progress(step, saved_step),
            "previous": STEP_BY_NUMBER.get(step.number - 1),
            "next": STEP_BY_NUMBER.get(step.number + 1),
            "step_count": len(STEP_BY_NUMBER),
        },
    )


@private_view
def exit_clear(request):
    if request.method == "POST":
        actions.clear_exit_plan(request.user)
        for step in STEP_BY_NUMBER.values():
            drafts.discard(request, exit_draft_key(step))
        messages.success(request, _("Your exit plan is cleared."))
        return redirect("plan:exit")
    return render(request, "plan/plan_clear.html", {"which": "exit"})
