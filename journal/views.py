"""The journal's pages. Every one is private: its words are opened only here,
for the person who wrote them, and searched in memory."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.decorators import private_view
from journal import actions, modes
from journal.forms import SearchForm, form_for
from journal.models import Entry
from resources.api import heavy_words_help
from vault import drafts

NEW_DRAFT = "journal-new"


def get_entry_for_user(request, entry_id) -> Entry:
    return Entry.objects.get_for_user(request, entry_id)


def _edit_draft(entry: Entry) -> str:
    return f"journal-edit-{entry.pk}"


def _heavy(request, opened: actions.OpenEntry) -> bool:
    return heavy_words_help(request, opened.title, opened.words, *opened.tags)


@private_view
def index(request):
    """Newest first, a page at a time. Looking for words or a tag is posted
    (never in the address), and answered from the person's pages opened here."""
    form = SearchForm(request.POST if request.method == "POST" else None)
    match, after, searched = None, actions.read_cursor(request.GET.get("after")), False
    if form.is_bound:
        if form.is_valid():
            data = form.cleaned_data
            match = actions.searcher(data["q"], data["tag"])
            after = actions.read_cursor(data["after"])
            searched = match is not None
        else:
            form.errors["q"] = form.error_class(
                [_("Those words can't be looked for. Please try a few plain words.")]
            )
    entries, next_cursor = actions.page(request.user, request.vault, after=after, match=match)
    return render(
        request,
        "journal/index.html",
        {
            "form": form,
            "entries": entries,
            "next_cursor": next_cursor,
            "searched": searched,
            "q": form.cleaned_data.get("q", "") if form.is_bound and form.is_valid() else "",
            "tag": form.cleaned_data.get("tag", "") if form.is_bound and form.is_valid() else "",
            "later": bool(after),
        },
    )


@private_view
def tags(request):
    opened = actions.open_all(request.user, request.vault)
    return render(request, "journal/tags.html", {"tags": actions.tag_counts(opened)})


@private_view
def calendar_view(request, year: int | None = None, month: int | None = None):
    today = timezone.localdate()
    if year is None or month is None:
        year, month = today.year, today.month
    if not (1900 <= year <= 2200 and 1 <= month <= 12):
        raise Http404
    shown = actions.month(request.user, request.vault, year, month)
    return render(
        request,
        "journal/calendar.html",
        {
            "month": shown,
            "today": today,
            "weekdays": [datetime.date(2024, 1, n) for n in range(1, 8)],  # a Monday first
            "has_previous": shown.previous.year >= 1900,
            "has_next": shown.next.year <= 2200,
        },
    )


@private_view
def new(request, mode=None):
    """Without a mode, the ways to write; with one (`?mode=letter`), its page."""
    mode = modes.get(mode or request.GET.get("mode"))
    if mode is None:
        draft = drafts.load(request, NEW_DRAFT) or {}
        return render(
            request,
            "journal/choose.html",
            {"modes": modes.MODES, "draft_mode": modes.get(str(draft.get("mode_key", "")))},
        )

    def save(cleaned):
        return actions.create_entry(request.user, request.vault, mode.key, cleaned)

    return _write(request, mode, key=NEW_DRAFT, initial={}, save=save)


@private_view
def entry(request, entry_id):
    opened = actions.open_entry(get_entry_for_user(request, entry_id), request.vault)
    return render(request, "journal/entry.html", {"item": opened, "heavy": _heavy(request, opened)})


@private_view
def edit(request, entry_id):
    row = get_entry_for_user(request, entry_id)
    opened = actions.open_entry(row, request.vault)
    mode = modes.get(opened.mode) or modes.BY_KEY[modes.DEFAULT]

    def save(cleaned):
        actions.edit_entry(row, request.vault, mode.key, cleaned)
        return row

    return _write(
        request, mode, key=_edit_draft(row), initial=opened.initial(), save=save, item=opened
    )


@private_view
def delete(request, entry_id):
    row = get_entry_for_user(request, entry_id)
    if request.method == "POST":
        actions.delete_entry(row)
        drafts.discard(request, _edit_draft(row))
        messages.success(request, _("That page is deleted."))
        return redirect("journal:index")
    return render(request, "journal/delete.html", {"item": actions.open_entry(row, request.vault)})


def _write(request, mode, *, key, initial, save, item=None):
    """One page of writing, new or changed: kept as a sealed draft while the
    person types (drafts.js, or the "Keep as a draft" button without
    JavaScript), looked over before saving if they like, then saved.

    A mistake shows back everything typed with a kind note. Words that sound
    like a crisis bring help lines beside a preview, and beside the saved page
    (the entry view checks again each time it is opened): nothing about it is
    stored anywhere.
    """
    form_class = form_for(mode)
    context = {"mode": mode, "item": item, "draft_key": key}
    if request.method == "POST":
        action = request.POST.get("action", "save")
        # The page's own mode, whatever was sent: a kept draft must know it.
        data = request.POST.copy()
        data["mode_key"] = mode.key
        data.pop("action", None)
        form = form_class(data=data)
        if action == "draft":
            drafts.save(request, key, drafts.from_post(data))
            context["kept"] = True
        elif form.is_valid():
            if action == "preview":
                # Kept as a draft too: a tap on the help lines' country buttons
                # leaves this page, and the words must be here on return.
                drafts.save(request, key, drafts.from_post(data))
                preview = actions.OpenEntry(
                    entry=item.entry if item else Entry(),
                    mode=mode.key,
                    title=form.cleaned_data["title"],
                    answers=form.cleaned_data["answers"],
                    tags=form.cleaned_data["tags"],
                    day=form.cleaned_data["day"] or timezone.localdate(),
                )
                context.update(preview=preview, heavy=_heavy(request, preview))
            else:
                saved = save(form.cleaned_data)
                drafts.discard(request, key)
                messages.success(request, _("Your page is saved."))
                return redirect("journal:entry", entry_id=saved.pk)
    else:
        draft = drafts.load(request, key)
        if draft and draft.get("mode_key") == mode.key:
            form = form_class(initial=draft)
            context["draft_restored"] = True
        else:
            if draft:
                context["other_draft"] = modes.get(str(draft.get("mode_key", "")))
            form = form_class(initial={"day": timezone.localdate(), **initial})
    form.initial.setdefault("mode_key", mode.key)
    context["form"] = form
    context["action_url"] = (
        reverse("journal:edit", kwargs={"entry_id": item.pk})
        if item
        else reverse("journal:new_in", kwargs={"mode": mode.key})
    )
    return render(request, "journal/write.html", context)
