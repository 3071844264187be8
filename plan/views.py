import logging
from urllib.parse import urlencode

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
from plan.models import Reason
from plan.printable import NOT_FILLED, ROUTE, TITLE, WHERE, printable
from plan.prompts import REASON_PROMPTS
from plan.safety_help import Number, country_help, prefilled_numbers
from vault import drafts
from vault.forms import MORE, drafted
from vault.models import Draft

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
            "page": actions.reasons_page(request),
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
    reason.refresh_from_db()
    start = actions.reason_page_start(reason)
    query = f"?{urlencode({'from': start})}" if start else ""
    return redirect(f"{reverse('plan:reasons')}{query}#reason-{reason.pk}")


# ---- Safety plan ----------------------------------------------------------

# The draft of the whole plan kept by the one long form earlier versions had;
# split into one draft per part the first time the person comes back.
WHOLE_PLAN_DRAFT = "safety-plan"
DONE, STARTED, NOT_YET = "done", "started", "not_yet"
# The buttons that leave a part without saving it: what was typed is kept as its draft.
LEAVING = {"skip", "back"}
TO_SUMMARY = "summary"


def get_safety_plan_for_user(request) -> dict:
    """The signed-in person's own safety plan, opened; there is no way to name another's."""
    return actions.open_safety_plan(request.user, request.vault)


def get_part(slug: str) -> safety_forms.Part:
    try:
        return safety_forms.PART_BY_SLUG[slug]
    except KeyError:
        raise Http404 from None


def adopt_whole_plan_draft(request) -> None:
    whole = drafts.load(request, WHOLE_PLAN_DRAFT)
    if whole is None:
        return
    for part, typed in safety_forms.split_draft(whole).items():
        if drafts.load(request, part.draft_key) is None:
            drafts.save(request, part.draft_key, typed)
    drafts.discard(request, WHOLE_PLAN_DRAFT)


def keys_with_drafts(request, keys: list[str]) -> set[str]:
    """Which of these draft keys hold the person's unsaved words (nothing is opened)."""
    return set(
        Draft.objects.filter(owner_id=request.user.pk, key__in=keys).values_list("key", flat=True)
    )


def part_states(request, plan: dict) -> list[tuple[safety_forms.Part, str]]:
    """Each part and where it stands: words typed but not saved yet (a draft)
    make it started; saved words, done; nothing, not yet."""
    keys = [part.draft_key for part in safety_forms.PARTS]
    drafted_keys = keys_with_drafts(request, keys)
    states = []
    for part in safety_forms.PARTS:
        if part.draft_key in drafted_keys:
            state = STARTED
        elif part.holds_something(plan):
            state = DONE
        else:
            state = NOT_YET
        states.append((part, state))
    return states


def part_url(part: safety_forms.Part | None, *, to_summary: bool = False) -> str:
    if part is None:
        return reverse("plan:safety_summary")
    url = reverse("plan:safety_part", args=[part.slug])
    return f"{url}?then={TO_SUMMARY}" if to_summary else url


def plan_numbers(request, plan: dict) -> tuple[list[Number], list[Number]]:
    """The numbers a printed plan leads with (the chosen country's emergency
    number and main help line), and those at its foot: the same, or with no
    country chosen, the first two the person saved."""
    here = country_help(request)
    first = here.numbers if here else []
    foot = first or [
        Number(row.get("label", ""), row.get("number", ""))
        for row in plan.get("numbers", [])[:2]
        if row.get("number")
    ]
    return first, foot


@private_view
def safety(request):
    adopt_whole_plan_draft(request)
    plan = get_safety_plan_for_user(request)
    states = part_states(request, plan)
    first_open = next((part for part, state in states if state != DONE), None)
    return render(
        request,
        "plan/safety_start.html",
        {
            "states": states,
            "done_count": sum(1 for _part, state in states if state == DONE),
            "first_open": first_open,
            "has_plan": bool(plan),
            "help_here": country_help(request),
        },
    )


@private_view
def safety_part(request, part):
    part = get_part(part)
    adopt_whole_plan_draft(request)
    plan = get_safety_plan_for_user(request)
    help_here = country_help(request) if part.slug == "support" else None
    prefilled = part.slug == "support" and not plan.get("numbers") and help_here is not None

    def initial() -> dict:
        values = dict(plan)
        if prefilled:
            values["numbers"] = prefilled_numbers(help_here)
        return safety_forms.initial_from_plan(values)

    before, after = safety_forms.neighbours(part)
    to_summary = request.POST.get("then", request.GET.get("then")) == TO_SUMMARY
    onward = reverse("plan:safety_summary") if to_summary else part_url(after)
    going = request.POST.get("go") if request.method == "POST" else None
    if going in LEAVING:
        keep_typed(request, part, initial)
        if going == "back":
            if to_summary:
                return redirect("plan:safety_summary")
            return redirect(part_url(before) if before else reverse("plan:safety"))
        return redirect(onward)
    page = drafted(
        request,
        part.draft_key,
        part.form,
        initial=initial,
        save=lambda form: actions.save_safety_part(request.user, request.vault, form.to_plan()),
    )
    if page.saved:
        messages.success(request, _("“%(part)s” is saved.") % {"part": part.title})
        return redirect(onward)
    number = safety_forms.PARTS.index(part) + 1
    return render(
        request,
        f"plan/safety_parts/{part.slug}.html",
        {
            **page.context(),
            "part": part,
            "number": number,
            "part_count": len(safety_forms.PARTS),
            "before": before,
            "after": after,
            "to_summary": to_summary,
            "help_here": help_here,
            "prefilled": prefilled and not page.restored and request.method == "GET",
        },
    )


def keep_typed(request, part: safety_forms.Part, initial) -> None:
    """Leaving a part unsaved keeps what was typed in it, sealed, as its
    draft, so nothing is lost even without JavaScript; a part left as it
    was keeps the draft it had."""
    shown = drafts.load(request, part.draft_key) or initial()
    form = part.form(data=request.POST, initial=shown)
    if form.has_changed():
        typed = drafts.from_post(request.POST)
        for name in ("go", "then", MORE):
            typed.pop(name, None)
        drafts.save(request, part.draft_key, typed)


@private_view
def safety_summary(request):
    adopt_whole_plan_draft(request)
    plan = get_safety_plan_for_user(request)
    view = printable(plan)
    sections = {section["part"]: section for section in view["sections"]}
    return render(
        request,
        "plan/safety_summary.html",
        {
            "view": view,
            "parts": [
                (part, state, sections[part.slug]) for part, state in part_states(request, plan)
            ],
            "route": ROUTE,
            "where": WHERE,
            "has_plan": bool(plan),
        },
    )


@private_view
def safety_print(request):
    plan = get_safety_plan_for_user(request)
    keys = [part.draft_key for part in safety_forms.PARTS] + [WHOLE_PLAN_DRAFT]
    first_numbers, footer_numbers = plan_numbers(request, plan)
    return render(
        request,
        "plan/safety_print.html",
        {
            "view": printable(plan),
            "title": TITLE,
            "route": ROUTE,
            "where": WHERE,
            "not_filled_heading": NOT_FILLED,
            "first_numbers": first_numbers,
            "footer_numbers": footer_numbers,
            "has_plan": bool(plan),
            "unsaved": bool(keys_with_drafts(request, keys)),
            "today": timezone.localdate(),
        },
    )


@private_view
def safety_pdf(request):
    plan = get_safety_plan_for_user(request)
    first_numbers, footer_numbers = plan_numbers(request, plan)
    try:
        content = pdf.safety_plan_pdf(printable(plan), first_numbers, footer_numbers)
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
        drafts.discard(request, WHOLE_PLAN_DRAFT)
        for part in safety_forms.PARTS:
            drafts.discard(request, part.draft_key)
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
