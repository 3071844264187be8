from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import private_view
from plan import actions
from plan.forms import ReasonForm
from plan.models import Reason
from plan.prompts import REASON_PROMPTS
from vault import drafts

NEW_REASON_DRAFT = "reason-new"


def get_reason_for_user(request, reason_id) -> Reason:
    try:
        return Reason.objects.get(pk=reason_id, owner=request.user)
    except Reason.DoesNotExist:
        raise Http404 from None


@private_view
def home(request):
    reasons = actions.open_reasons(request.user, request.vault)
    return render(
        request,
        "plan/home.html",
        {"reasons": reasons, "preparing": request.session.get("hv_preparing", False)},
    )


@private_view
def reasons(request):
    draft = drafts.load(request, NEW_REASON_DRAFT) if request.method == "GET" else None
    form = ReasonForm(request.POST or None, initial=draft)
    if request.method == "POST" and form.is_valid():
        actions.add_reason(request.user, request.vault, form.cleaned_data["text"])
        drafts.discard(request, NEW_REASON_DRAFT)
        messages.success(request, _("Your reason is saved."))
        return redirect("plan:reasons")
    return render(
        request,
        "plan/reasons.html",
        {
            "form": form,
            "reasons": actions.open_reasons(request.user, request.vault),
            "prompts": REASON_PROMPTS,
            "draft_restored": bool(draft),
            "draft_key": NEW_REASON_DRAFT,
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
