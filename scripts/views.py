from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import private_view
from core.decorators import public_view
from scripts import actions, library
from scripts.forms import LEAD_INS, BuilderForm, LibraryFilterForm, MyTextScriptForm, tidy_part
from scripts.models import MyScript, Script, Situation, Tone
from vault.forms import drafted

BUILDER_DRAFT = "script-builder"


def get_my_script_for_user(request, script_id) -> MyScript:
    return MyScript.objects.get_for_user(request, script_id)


@public_view
def index(request):
    """The library, sorted by situation. Anyone may read it: it holds no private data.

    The situation buttons are links (?situation=work) that the server filters
    on; where JavaScript runs, static/scripts/situations.js turns them into
    toggle buttons that filter in place and leave the address alone.

    The search form is posted, not sent in the address, so what someone looked
    for stays out of the browser history and server logs; the words are matched
    in Python and never reach the database.
    """
    form = LibraryFilterForm.from_request(request)
    if "q" in form.errors:
        # Words that can't be searched (a NUL byte, say) are simply not used.
        form.errors["q"] = form.error_class(
            [_("Some of those characters can't be searched. Please try plain words.")]
        )
    situation = form.cleaned_data.get("situation", "")
    found = library.find(
        situation, form.cleaned_data.get("tone", ""), form.cleaned_data.get("q", "")
    )
    searched = any(form.cleaned_data.values())
    every = found if not searched else library.find()
    return render(
        request,
        "scripts/index.html",
        {
            "form": form,
            "scripts": found,
            "groups": library.by_situation(found, only=situation),
            "choices": library.by_situation(every),
            "situation": situation,
            "situation_label": Situation(situation).label if situation else "",
            "searched": searched,
            "total": len(every),
            "situations": Situation.choices,
            "tones": Tone.choices,
        },
    )


def _sentence(form) -> dict[str, str]:
    """The four parts as they stand, for the preview (which JS keeps live)."""
    if form.is_bound:
        return {name: tidy_part(name, form.data.get(name, "")) for name in LEAD_INS}
    return {name: tidy_part(name, str(form.initial.get(name) or "")) for name in LEAD_INS}


def _builder_page(request, form, *, script=None, draft_restored=False):
    previewing = (
        request.method == "POST" and request.POST.get("action") == "preview" and form.is_valid()
    )
    return render(
        request,
        "scripts/builder.html",
        {
            "form": form,
            "script": script,
            "sentence": _sentence(form),
            "previewing": previewing,
            "draft_restored": draft_restored,
            "draft_key": None if script else BUILDER_DRAFT,
        },
    )


@private_view
def builder(request):
    def save(form):
        actions.create_script(request.user, request.vault, form.cleaned_data)

    # A preview checks the words and shows the whole sentence, but saves nothing yet.
    previewing = request.POST.get("action") == "preview"
    page = drafted(request, BUILDER_DRAFT, BuilderForm, save=None if previewing else save)
    if page.saved:
        messages.success(
            request, _("Your script is saved. You'll find it here whenever you need it.")
        )
        return redirect("scripts:mine")
    return _builder_page(request, page.form, draft_restored=page.restored)


@private_view
def mine(request):
    return render(
        request,
        "scripts/mine.html",
        {"page": actions.scripts_page(request)},
    )


@private_view
def edit(request, script_id):
    script = get_my_script_for_user(request, script_id)
    opened = actions.open_script(script, request.vault)
    form_class = BuilderForm if opened.is_builder else MyTextScriptForm
    form = form_class(request.POST if request.method == "POST" else None, initial=opened.initial())
    if request.method == "POST" and request.POST.get("action") != "preview" and form.is_valid():
        actions.edit_script(script, request.vault, form.cleaned_data)
        messages.success(request, _("Your script is updated."))
        return redirect(f"{reverse('scripts:mine')}#script-{script.pk}")
    if opened.is_builder:
        return _builder_page(request, form, script=script)
    return render(request, "scripts/edit_text.html", {"form": form, "script": script})


@private_view
def delete(request, script_id):
    script = get_my_script_for_user(request, script_id)
    if request.method == "POST":
        actions.delete_script(script)
        messages.success(request, _("That script is removed."))
        return redirect("scripts:mine")
    return render(
        request, "scripts/delete.html", {"item": actions.open_script(script, request.vault)}
    )


@private_view
@require_POST
def save_copy(request, slug):
    library_script = get_object_or_404(Script, slug=slug)
    copy = actions.copy_from_library(request.user, request.vault, library_script)
    messages.success(
        request,
        _("A copy is in your scripts. Change any words you like, so it sounds like you."),
    )
    return redirect("scripts:edit", script_id=copy.pk)
