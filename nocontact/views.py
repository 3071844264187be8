import datetime

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.decorators import private_view
from nocontact import actions, content, links
from nocontact.counter import LOW
from nocontact.forms import ContactForm, CounterForm, ListsForm, UrgeForm, WriteForm, lines
from nocontact.steps import BY_SLUG, STEPS, neighbours
from vault.forms import drafted

COUNTER_DRAFT = "nocontact-counter"
CONTACT_DRAFT = "nocontact-contact"
LISTS_DRAFT = "nocontact-lists"
WRITE_DRAFT = "nocontact-write"
URGE_DRAFT = "nocontact-urge"
WAIT = datetime.timedelta(minutes=10)
SHOWN_CONTACTS = 20


def get_contact_for_user(request, contact_id) -> dict:
    """A logged contact, from the person's own sealed document; anyone else's is not found."""
    items = actions.open_section(request.user, request.vault, "contacts").get("items", [])
    found = next((c for c in items if c.get("id") == str(contact_id)), None)
    if found is None:
        raise Http404
    return found


def _described(contact: dict, counter: dict) -> dict:
    from nocontact.counter import restarts

    return {
        **contact,
        "day": datetime.date.fromisoformat(contact["on"]) if contact.get("on") else None,
        "who_label": content.label(content.WHO, contact.get("who", "")),
        "how_label": content.label(content.CHANNELS, contact.get("how", "")),
        "felt_label": content.label(content.FELT, contact.get("felt", "")),
        "allowed": not restarts(counter, contact),
    }


@private_view
def index(request):
    parts = actions.open_all(request.user, request.vault)
    counter = parts["counter"]
    contacts = parts["contacts"].get("items", [])
    return render(
        request,
        "nocontact/index.html",
        {
            "count": actions.count_of(parts),
            "counter": counter,
            "low": counter.get("mode") == LOW,
            "allowed": [content.label(content.CHANNELS, k) for k in counter.get("allowed", [])],
            "contacts": [_described(c, counter) for c in contacts[:SHOWN_CONTACTS]],
            "more_contacts": max(0, len(contacts) - SHOWN_CONTACTS),
            "urges": len(parts["urges"].get("items", [])),
        },
    )


def _counter_initial(counter: dict) -> dict:
    initial = {k: counter.get(k) for k in ("mode", "allowed", "allowed_note", "name")}
    initial["start"] = counter.get("start") or timezone.localdate()
    initial["mode"] = initial["mode"] or "none"
    return initial


@private_view
def settings(request):
    counter = actions.open_section(request.user, request.vault, "counter")
    page = drafted(
        request,
        COUNTER_DRAFT,
        CounterForm,
        initial=lambda: _counter_initial(counter),
        save=lambda form: actions.save_counter(request.user, request.vault, form.cleaned_data),
    )
    if page.saved:
        messages.success(request, _("Saved. Your count is ready."))
        return redirect("nocontact:index")
    return render(request, "nocontact/settings.html", {**page.context(), "counter": counter})


@private_view
def contact(request):
    restarted = []
    page = drafted(
        request,
        CONTACT_DRAFT,
        ContactForm,
        initial=lambda: {"on": timezone.localdate()},
        save=lambda form: restarted.append(
            actions.log_contact(request.user, request.vault, form.cleaned_data)
        ),
    )
    if page.saved:
        if restarted[0]:
            messages.success(
                request,
                _(
                    "Noted. Day 1 again, and that's all right: what you noticed is "
                    "useful, and the days you had still count."
                ),
            )
        else:
            messages.success(
                request, _("Noted. That was within what you allow, so your count goes on.")
            )
        return redirect("nocontact:index")
    return render(request, "nocontact/contact.html", page.context())


@private_view
def contact_remove(request, contact_id):
    found = get_contact_for_user(request, contact_id)
    if request.method == "POST":
        actions.remove_contact(request.user, request.vault, str(contact_id))
        messages.success(request, _("That entry is removed."))
        return redirect("nocontact:index")
    counter = actions.open_section(request.user, request.vault, "counter")
    return render(request, "nocontact/contact_remove.html", {"contact": _described(found, counter)})


# ---- "I want to contact them" ----------------------------------------------


def _step_context(request, step) -> dict:
    before, after = neighbours(step)
    return {
        "step": step,
        "number": STEPS.index(step) + 1,
        "total": len(STEPS),
        "back_url": reverse("nocontact:step", args=[before.slug])
        if before
        else reverse("dashboard:home"),
        "next_url": reverse("nocontact:step", args=[after.slug])
        if after
        else reverse("nocontact:done"),
    }


@private_view
def tempted(request):
    return step(request, STEPS[0].slug)


@private_view
def step(request, slug):
    current = BY_SLUG.get(slug)
    if current is None:
        raise Http404
    context = _step_context(request, current)
    handler = STEP_VIEWS.get(slug)
    if handler is not None:
        return handler(request, context)
    if slug == "reasons":
        context["reasons"] = links.reasons(request)
        context["has_plan"] = bool(reverse_or_blank("plan:reasons"))
    elif slug == "call":
        context["trusted"] = links.trusted_person(request)
    elif slug == "wait":
        context["until"] = timezone.localtime() + WAIT
        context["seconds"] = int(WAIT.total_seconds())
    return render(request, f"nocontact/tempted/{slug}.html", context)


def reverse_or_blank(name: str) -> str:
    from django.urls import NoReverseMatch

    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


def _saved_page(request, context, template, form, text: str, then: str):
    """After a save: on to the next step, or, if the words suggest danger right
    now, the same page with help lines beside them (nothing is kept about that)."""
    if links.heavy_words(request, text):
        return render(request, template, {**context, "form": form, "saved": True, "crisis": True})
    return redirect(then)


def _lists(request, context):
    saved = actions.open_section(request.user, request.vault, "lists")
    initial = {"miss": "\n".join(saved.get("miss", [])), "lived": "\n".join(saved.get("lived", []))}
    page = drafted(
        request,
        LISTS_DRAFT,
        ListsForm,
        initial=initial,
        save=lambda form: actions.save_lists(
            request.user,
            request.vault,
            lines(form.cleaned_data["miss"]),
            lines(form.cleaned_data["lived"]),
        ),
    )
    template = "nocontact/tempted/lists.html"
    if page.saved:
        messages.success(request, _("Your two lists are kept for next time."))
        text = "\n".join((page.form.cleaned_data["miss"], page.form.cleaned_data["lived"]))
        return _saved_page(request, context, template, page.form, text, context["next_url"])
    return render(request, template, {**context, **page.context(), "kept": bool(saved)})


def _write(request, context):
    page = drafted(
        request,
        WRITE_DRAFT,
        WriteForm,
        save=lambda form: actions.add_writing(
            request.user, request.vault, form.cleaned_data["text"]
        ),
    )
    template = "nocontact/tempted/write.html"
    if page.saved:
        messages.success(request, _("Kept here, sealed. Nothing was sent to anyone."))
        return _saved_page(
            request,
            context,
            template,
            page.form,
            page.form.cleaned_data["text"],
            context["next_url"],
        )
    return render(
        request,
        template,
        {**context, **page.context(), "journal_url": links.journal_letter_url()},
    )


def _log(request, context):
    page = drafted(
        request,
        URGE_DRAFT,
        UrgeForm,
        save=lambda form: actions.log_urge(request.user, request.vault, form.cleaned_data),
    )
    template = "nocontact/tempted/log.html"
    if page.saved:
        messages.success(request, _("Noted. You rode it out, and that's worth knowing."))
        return _saved_page(
            request,
            context,
            template,
            page.form,
            page.form.cleaned_data["note"],
            context["next_url"],
        )
    return render(request, template, {**context, **page.context()})


STEP_VIEWS = {"lists": _lists, "write": _write, "log": _log}


@private_view
def done(request):
    return render(
        request,
        "nocontact/tempted/done.html",
        {"count": actions.current_count(request.user, request.vault)},
    )
