"""Reconciliation, if at all: evidence over weeks, and conditions if the person goes ahead.

Never a verdict: the pages count what the person noted, week by week, and
leave the weighing to them.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.decorators import private_view
from assess import actions, content, scoring
from assess.forms import ConditionsForm, ObservationForm, StepForm
from assess.models import Conditions, Observation, Step
from vault.forms import drafted

OBSERVATION_DRAFT = "reconcile-observation"
STEP_DRAFT = "reconcile-step"
CONDITIONS_DRAFT = "reconcile-conditions"


def get_observation_for_user(request, observation_id) -> Observation:
    return Observation.objects.get_for_user(request, observation_id)


def get_step_for_user(request, step_id) -> Step:
    return Step.objects.get_for_user(request, step_id)


@private_view
def reconcile(request):
    page = drafted(
        request,
        OBSERVATION_DRAFT,
        ObservationForm,
        initial={"on": timezone.localdate()},
        save=lambda form: actions.add_observation(
            request.user, request.vault, form.data_for_seal()
        ),
    )
    if page.saved:
        messages.success(request, _("Your note is saved."))
        return redirect("assess:reconcile")
    observations = actions.open_observations(request.user, request.vault)
    weeks, signs = scoring.weeks_by_sign(
        [data for _obs, data in observations], timezone.localdate()
    )
    return render(
        request,
        "assess/reconcile.html",
        {
            **page.context(),
            "notes": [
                {
                    "item": obs,
                    "data": data,
                    "sign_label": content.RECONCILE_SIGN_LABELS.get(data.get("sign"), ""),
                }
                for obs, data in observations
            ],
            "weeks": weeks,
            "signs": signs,
            # The same grid read week by week (newest first), for narrow
            # screens: only what was noted, so an empty week takes one line.
            "by_week": [
                (
                    week,
                    [
                        (sign.label, sign.cells[i]["status"])
                        for sign in signs
                        if sign.cells[i]["status"]
                    ],
                )
                for i, week in reversed(list(enumerate(weeks)))
            ],
            "weeks_shown": scoring.WEEKS_SHOWN,
            "sign_help": content.RECONCILE_SIGNS,
            "has_plan": Step.objects.filter(owner=request.user).exists()
            or Conditions.objects.filter(owner=request.user).exists(),
        },
    )


@private_view
def observation_edit(request, observation_id):
    observation = get_observation_for_user(request, observation_id)
    data = actions.open_dated(observation, request.vault)
    form = ObservationForm(request.POST or None, initial=data)
    if request.method == "POST" and form.is_valid():
        actions.edit_observation(observation, request.vault, form.data_for_seal())
        messages.success(request, _("Your note is updated."))
        return redirect("assess:reconcile")
    return render(request, "assess/observation_edit.html", {"form": form})


@private_view
def observation_delete(request, observation_id):
    observation = get_observation_for_user(request, observation_id)
    if request.method == "POST":
        actions.delete_item(observation)
        messages.success(request, _("That note is deleted."))
        return redirect("assess:reconcile")
    data = actions.open_dated(observation, request.vault)
    return render(
        request,
        "assess/observation_delete.html",
        {
            "data": data,
            "sign_label": content.RECONCILE_SIGN_LABELS.get(data.get("sign"), ""),
            "status_label": content.OBSERVATION_STATUS_LABELS.get(data.get("status"), ""),
        },
    )


# ---- "If you go ahead": conditions, a trusted person, and dated steps ----


@private_view
def plan(request):
    saved = actions.open_conditions(request.user, request.vault)
    posted = request.POST.get("form") if request.method == "POST" else None

    conditions = drafted(
        request,
        CONDITIONS_DRAFT,
        ConditionsForm,
        bind=posted == "conditions",
        initial=saved or {},
        save=lambda form: actions.save_conditions(
            request.user,
            request.vault,
            form.cleaned_data["conditions"],
            form.cleaned_data["trusted_person"],
        ),
    )
    if conditions.saved:
        messages.success(request, _("Your conditions are saved."))
        return redirect("assess:reconcile_plan")

    step = drafted(
        request,
        STEP_DRAFT,
        StepForm,
        bind=posted == "step",
        save=lambda form: actions.add_step(request.user, request.vault, form.data_for_seal()),
    )
    if step.saved:
        messages.success(request, _("The step is added to your timeline."))
        return redirect("assess:reconcile_plan")

    return render(
        request,
        "assess/reconcile_plan.html",
        {
            **conditions.context("conditions"),
            **step.context("step"),
            "saved": saved,
            "steps": actions.open_steps(request.user, request.vault),
            "today": timezone.localdate(),
        },
    )


@private_view
def conditions_clear(request):
    saved = actions.open_conditions(request.user, request.vault)
    if saved is None:
        return redirect("assess:reconcile_plan")
    if request.method == "POST":
        actions.clear_conditions(request.user)
        messages.success(request, _("Your conditions and trusted person are cleared."))
        return redirect("assess:reconcile_plan")
    return render(request, "assess/conditions_clear.html", {"saved": saved})


@private_view
def step_edit(request, step_id):
    step = get_step_for_user(request, step_id)
    data = actions.open_dated(step, request.vault)
    form = StepForm(request.POST or None, initial=data)
    if request.method == "POST" and form.is_valid():
        actions.edit_step(step, request.vault, form.data_for_seal())
        messages.success(request, _("The step is updated."))
        return redirect("assess:reconcile_plan")
    return render(request, "assess/step_edit.html", {"form": form})


@private_view
def step_delete(request, step_id):
    step = get_step_for_user(request, step_id)
    if request.method == "POST":
        actions.delete_item(step)
        messages.success(request, _("The step is removed from your timeline."))
        return redirect("assess:reconcile_plan")
    data = actions.open_dated(step, request.vault)
    return render(request, "assess/step_delete.html", {"data": data})
