from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import private_view
from circle import actions, tokens
from circle.forms import CheckInForm, ContactForm, WordsForm
from circle.models import CheckIn, Contact
from circle.schedule import reminder_lead
from core.decorators import public_view
from resources import api as help_lines

ROLES = actions.ROLES


def get_contact_for_user(request, contact_id) -> Contact:
    return Contact.objects.get_for_user(request, contact_id)


def get_check_in_for_user(request, check_in_id) -> CheckIn:
    return CheckIn.objects.get_for_user(request, check_in_id)


def _soon(check_in: CheckIn) -> bool:
    return check_in.due_at - reminder_lead(check_in.kind, check_in.days) <= timezone.now()


@private_view
def index(request):
    people = actions.people(request.user, request.vault)
    check_ins = list(CheckIn.objects.owned_by(request).exclude(state=CheckIn.State.STOPPED))
    return render(
        request,
        "circle/index.html",
        {
            "people": people,
            "check_ins": [(c, _soon(c)) for c in check_ins],
            "sent": actions.sent_alerts(request.user, request.vault),
            "has_words": actions.has_words(request.user),
            "can_check_in": any(
                p.contact.for_checkins and p.contact.can_be_alerted for p in people
            ),
        },
    )


def _contact_page(request, form, person=None):
    return render(request, "circle/contact_form.html", {"form": form, "person": person})


@private_view
def contact_add(request):
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.add_contact(request.user, request.vault, form.cleaned_data)
        messages.success(
            request,
            _("Saved. We have asked them to confirm; nothing is sent to them until they do."),
        )
        return redirect("circle:index")
    return _contact_page(request, form)


@private_view
def contact_edit(request, contact_id):
    contact = get_contact_for_user(request, contact_id)
    person = actions.opened(contact, request.vault)
    initial = {
        "name": person.name,
        "email": person.email,
        "relation": person.relation,
        "phone": person.phone,
        "may_know": person.may_know,
        **{role: getattr(contact, role) for role in ROLES},
    }
    form = ContactForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        readdressed = actions.update_contact(contact, request.vault, form.cleaned_data)
        if readdressed:
            messages.success(request, _("Saved. We have asked the new address to confirm."))
        else:
            messages.success(request, _("Saved."))
        return redirect("circle:index")
    return _contact_page(request, form, person)


@private_view
def contact_remove(request, contact_id):
    contact = get_contact_for_user(request, contact_id)
    if request.method == "POST":
        actions.remove_contact(contact)
        messages.success(request, _("Removed. They will not hear from here again."))
        return redirect("circle:index")
    person = actions.opened(contact, request.vault)
    return render(request, "circle/contact_remove.html", {"person": person})


@private_view
@require_POST
def contact_invite(request, contact_id):
    contact = get_contact_for_user(request, contact_id)
    if contact.confirmed_at is None:
        with transaction.atomic():
            actions.invite(contact)
        messages.success(request, _("We have asked them again."))
    return redirect("circle:index")


@private_view
def words(request):
    saved = actions.words_of(request.user)
    form = WordsForm(request.POST or None, initial=saved)
    if request.method == "POST" and form.is_valid():
        actions.save_words(request.user, form.cleaned_data)
        messages.success(request, _("Your words are saved."))
        return redirect("circle:index")
    return render(request, "circle/words.html", {"form": form})


@private_view
def check_in_add(request):
    form = CheckInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actions.add_check_in(
            request.user,
            data["kind"],
            at=data.get("at"),
            weekday=data.get("weekday"),
            days=data.get("days"),
            zone=data.get("zone") or "",
        )
        messages.success(request, _("Your check-in is set."))
        return redirect("circle:index")
    return render(request, "circle/check_in_form.html", {"form": form})


@private_view
@require_POST
def check_in_done(request, check_in_id):
    check_in = get_check_in_for_user(request, check_in_id)
    if actions.check_in(check_in):
        messages.success(request, _("Checked in. Thank you."))
    else:
        messages.info(request, _("This one had already ended."))
    return redirect("circle:index")


@private_view
@require_POST
def check_in_stop(request, check_in_id):
    actions.stop_check_in(get_check_in_for_user(request, check_in_id))
    messages.success(request, _("That check-in is stopped. Nobody will be told."))
    return redirect("circle:index")


@private_view
@require_POST
def check_in_restart(request, check_in_id):
    actions.restart_check_in(get_check_in_for_user(request, check_in_id))
    messages.success(request, _("Started again."))
    return redirect("circle:index")


# ---- Pages reached from a link in an email (no account) -----------------------


def _contact_from(token: str) -> Contact:
    found = tokens.read(tokens.CONTACT, token)
    if found is None:
        raise Http404
    contact = Contact.objects.filter(pk=found[0], nonce=found[1]).select_related("owner").first()
    if contact is None or contact.owner.is_decoy:
        raise Http404
    return contact


@public_view
def contact_page(request, token):
    contact = _contact_from(token)
    words = actions.words_of(contact.owner)
    code = words.get("country") or None
    return render(
        request,
        "circle/contact_page.html",
        {
            "contact": contact,
            "token": token,
            "signature": words.get("signature", ""),
            "country": help_lines.country(code),
            "lines": help_lines.entries_for(code),
        },
    )


@public_view
@require_POST
def contact_confirm(request, token):
    contact = _contact_from(token)
    actions.confirm(contact)
    messages.success(request, _("Thank you. You said yes."))
    return redirect("circle:contact_page", token=token)


@public_view
@require_POST
def contact_stop(request, token):
    contact = _contact_from(token)
    actions.stop(contact)
    messages.success(request, _("Done. You will not receive these notes any more."))
    return redirect("circle:contact_page", token=token)


def _check_in_from(token: str) -> CheckIn:
    found = tokens.read(tokens.CHECK_IN, token, max_age_days=tokens.CHECK_IN_DAYS)
    if found is None:
        raise Http404
    check_in = CheckIn.objects.filter(pk=found[0], nonce=found[1]).first()
    if check_in is None:
        raise Http404
    return check_in


@public_view
def reminder(request, token):
    check_in = _check_in_from(token)
    done = False
    if request.method == "POST":
        done = actions.check_in(check_in)
        check_in.refresh_from_db()
    return render(
        request,
        "circle/reminder.html",
        {"check_in": check_in, "done": done, "active": check_in.state == CheckIn.State.ACTIVE},
    )
