from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.decorators import private_view
from records import actions, changes, evidence_actions, forms
from records.models import Incident
from vault import drafts
from vault.forms import drafted

PAGE_SIZE = 20
QUICK_DRAFT = "records-quick"
WHEN_LABELS = {
    "date": gettext_lazy("Date"),
    "time": gettext_lazy("Time"),
    "about": gettext_lazy("About then"),
    "when_text": gettext_lazy("When, in my words"),
}


def get_incident_for_user(request, incident_id) -> Incident:
    return Incident.objects.get_for_user(request, incident_id)


def new_draft_key(template: str) -> str:
    return f"records-new-{template}" if template else "records-new"


def edit_draft_key(incident: Incident) -> str:
    return f"records-edit-{incident.pk}"


def entry_boxes(entry: dict[str, Any]) -> list[tuple[Any, str]]:
    """The entry's filled boxes as (label, words), in the page's order."""
    return [
        (label, entry[key])
        for key, label in forms.FIELD_LABELS
        if isinstance(entry.get(key), str) and entry[key].strip()
    ]


def tag_labels(entry: dict[str, Any]) -> list[Any]:
    return [forms.TAG_LABELS[tag] for tag in entry.get("tags") or [] if tag in forms.TAG_LABELS]


def page_number(request) -> int:
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1


@private_view
def index(request):
    rows = actions.open_log(request.user, request.vault)
    used = {tag for row in rows for tag in row.tags}
    tag = request.GET.get("tag", "")
    if tag not in forms.TAG_LABELS:
        tag = ""
    shown = [row for row in rows if tag in row.tags] if tag else rows
    pages = max(1, -(-len(shown) // PAGE_SIZE))
    number = min(page_number(request), pages)
    start = (number - 1) * PAGE_SIZE
    return render(
        request,
        "records/index.html",
        {
            "rows": shown[start : start + PAGE_SIZE],
            "total": len(rows),
            "shown_count": len(shown),
            "tag": tag,
            "tag_label": forms.TAG_LABELS.get(tag, ""),
            "tags": [(slug, label) for slug, label in forms.TAGS if slug in used],
            "page": number,
            "pages": pages,
            "previous_page": number - 1 if number > 1 else None,
            "next_page": number + 1 if number < pages else None,
        },
    )


@private_view
def quick(request):
    saved: list[Incident] = []
    page = drafted(
        request,
        QUICK_DRAFT,
        forms.QuickForm,
        initial=lambda: forms.new_initial(),
        save=lambda form: saved.append(
            actions.record(request.user, request.vault, form.to_entry())
        ),
    )
    if page.saved:
        messages.success(request, _("It's written down. Add the details whenever you're ready."))
        return redirect("records:incident", incident_id=saved[0].pk)
    return render(request, "records/quick.html", page.context())


@private_view
def new(request, template=""):
    if template and template not in forms.TEMPLATES:
        raise Http404
    saved: list[Incident] = []
    page = drafted(
        request,
        new_draft_key(template),
        forms.IncidentForm,
        form_kwargs={"template": template},
        initial=lambda: forms.new_initial(template),
        save=lambda form: saved.append(
            actions.record(request.user, request.vault, form.to_entry())
        ),
    )
    if page.saved:
        messages.success(request, _("Your entry is saved."))
        return redirect("records:incident", incident_id=saved[0].pk)
    return render(
        request,
        "records/entry_form.html",
        {**page.context(), "templates": forms.TEMPLATES.values(), "editing": None},
    )


def opened(request, incident: Incident) -> dict[str, Any]:
    entry = actions.open_entry(request.vault, incident)
    if entry is None:
        raise Http404
    return entry


@private_view
def incident(request, incident_id):
    found = get_incident_for_user(request, incident_id)
    entry = opened(request, found)
    return render(
        request,
        "records/incident.html",
        {
            "incident": found,
            "entry": entry,
            "when": actions.when_of(entry),
            "boxes": entry_boxes(entry),
            "tag_labels": tag_labels(entry),
            "edits": found.head_number - 1,
            "quick": entry.get("kind") == forms.QUICK,
            "evidence_files": evidence_actions.files_of(request.vault, found),
        },
    )


@private_view
def edit(request, incident_id):
    found = get_incident_for_user(request, incident_id)
    entry = opened(request, found)
    template = entry.get("template", "")
    made: list[bool] = []
    page = drafted(
        request,
        edit_draft_key(found),
        forms.IncidentForm,
        form_kwargs={"template": template},
        initial=lambda: forms.initial_from_entry(entry),
        save=lambda form: made.append(actions.edit(request.vault, found, entry, form.to_entry())),
    )
    if page.saved:
        if made[0]:
            messages.success(request, _("Saved as a new version. The earlier one is kept."))
        else:
            messages.info(request, _("Nothing was changed, so no new version was made."))
        return redirect("records:incident", incident_id=found.pk)
    return render(
        request,
        "records/entry_form.html",
        {**page.context(), "editing": found, "completing": entry.get("kind") == forms.QUICK},
    )


@private_view
def versions(request, incident_id):
    found = get_incident_for_user(request, incident_id)
    history = actions.open_history(request.vault, found)
    labels = changes.all_labels(WHEN_LABELS, gettext_lazy("Tags"))
    shown = []
    previous = None
    for version in history:
        entry = version["entry"]
        if entry is None:
            shown.append({**version, "unreadable": True, "first": version["number"] == 1})
            previous = None
            continue
        shown.append(
            {
                "number": version["number"],
                "recorded_at": version["recorded_at"],
                "first": version["number"] == 1,
                "whole": previous is None,
                "boxes": entry_boxes(entry),
                "tag_labels": tag_labels(entry),
                "when": actions.when_of(entry),
                "restored": entry.get("restored"),
                "changes": changes.compare(previous, entry, labels) if previous else [],
            }
        )
        previous = entry
    return render(
        request,
        "records/versions.html",
        {"incident": found, "versions": list(reversed(shown)), "edits": len(history) - 1},
    )


@private_view
def delete(request, incident_id):
    found = get_incident_for_user(request, incident_id)
    if request.method == "POST":
        actions.delete(found)
        drafts.discard(request, edit_draft_key(found))
        messages.success(request, _("That entry and all its versions are deleted."))
        return redirect("records:index")
    entry = actions.open_entry(request.vault, found)
    return render(
        request,
        "records/delete.html",
        {
            "incident": found,
            "when": actions.when_of(entry),
            "versions": found.head_number,
            "files": found.evidence.count(),
        },
    )


@private_view
def check(request):
    checked = actions.check_all(request.user, request.vault)
    changed = [item for item in checked if item.problems]
    return render(
        request,
        "records/check.html",
        {"count": len(checked), "changed": changed},
    )
