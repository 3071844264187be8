import datetime
import hashlib
import importlib

from django.contrib import messages
from django.core.cache import caches
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import private_view, safe_next
from core import features
from core.decorators import public_view
from inspire import actions, card_image, days
from inspire.forms import NoteForm, OwnForm, SaveForm
from inspire.models import Reminder

# The image cards may be kept by browsers and proxies for a day: each is the
# same for everyone and shows only a library reminder.
CARD_MAX_AGE = 60 * 60 * 24
# Drawn pictures are kept in their own shared cache, so every web worker draws
# each one once a week at most, however often it is asked for, and asking for
# every one of them never pushes anything else out of a cache.
CARD_KEPT = 60 * 60 * 24 * 7


def _member_box(request):
    """The open vault of a signed-in member, or None (a stranger, or locked)."""
    if request.user.is_authenticated and getattr(request, "vault", None) is not None:
        return request.vault
    return None


def _saved_slugs(request) -> set[str] | None:
    box = _member_box(request)
    return actions.saved_slugs(request.user, box) if box is not None else None


# A room that lends its members' own reminders to these pages declares
# `extra={"members_reminders": "<module>"}` in its feature.py (the community
# does). Without one installed, the pages simply go without.
MEMBERS_REMINDERS = "members_reminders"
MEMBERS_REMINDERS_SHOWN = 3


def _members_reminders(request) -> dict:
    """The block in inspire/_community.html: a few members' reminders and where to write one.

    Members' words are for members: a stranger, or a space that is locked,
    gets nothing from this.
    """
    if _member_box(request) is None:
        return {}
    for item in features.all_features():
        dotted = item.extra.get(MEMBERS_REMINDERS)
        if dotted:
            lender = importlib.import_module(dotted)
            return {
                "community_reminders": lender.latest_reminders(
                    request.user, limit=MEMBERS_REMINDERS_SHOWN
                ),
                "community_reminders_url": lender.reminder_post_url(request.user),
                "community_reminders_board": lender.reminders_board_url(),
            }
    return {}


def _day_page(request, day: datetime.date):
    if not days.is_shown(day):
        raise Http404
    reminder = days.reminder_for(day)
    today = days.today()
    yesterday = day - datetime.timedelta(days=1)
    saved = _saved_slugs(request)
    return render(
        request,
        "inspire/day.html",
        {
            "day": day,
            "is_today": day == today,
            "today_date": today,
            "reminder": reminder,
            "yesterday": yesterday if days.is_shown(yesterday) else None,
            "tomorrow": day + datetime.timedelta(days=1) if day < today else None,
            "saved": saved,
            "is_saved": saved is not None and reminder is not None and reminder.slug in saved,
            "sizes": card_image.SIZES,
            **_members_reminders(request),
        },
    )


@public_view
def today(request):
    """The day's reminder: the same for everyone, so anyone may read it."""
    return _day_page(request, days.today())


@public_view
def day(request, day):
    if day == days.today():
        return redirect("inspire:today")
    return _day_page(request, day)


@public_view
def archive(request):
    """Past days up to today, a month to a page; never a day still to come."""
    try:
        page = int(request.GET.get("page", "1"))
    except ValueError:
        page = 1
    if page < 1 or page > days.pages():
        raise Http404
    shown, earlier = days.archive(page)
    return render(
        request,
        "inspire/archive.html",
        {
            "days": shown,
            "page": page,
            "earlier": page + 1 if earlier else None,
            "later": page - 1 if page > 1 else None,
            "saved": _saved_slugs(request),
        },
    )


@public_view
@require_GET
def card(request, slug, size):
    """A library reminder as a PNG. Only known slugs and fixed sizes: the
    pictures that can ever be made are a small, known set."""
    if size not in card_image.SIZES:
        raise Http404
    reminder = get_object_or_404(Reminder, slug=slug)
    digest = hashlib.sha256(f"{size}\n{reminder.text}".encode()).hexdigest()[:32]
    tag = f'"{digest}"'
    if tag in request.headers.get("If-None-Match", ""):
        response = HttpResponse(status=304)
    else:
        key = f"inspire-card:{digest}"
        picture = caches["pictures"].get(key)
        if picture is None:
            picture = card_image.render(reminder.text, size)
            caches["pictures"].set(key, picture, CARD_KEPT)
        response = HttpResponse(picture, content_type="image/png")
        response["Content-Disposition"] = f'inline; filename="note-{size}.png"'
    response["ETag"] = tag
    response["Cache-Control"] = f"public, max-age={CARD_MAX_AGE}"
    # Asks core's headers middleware to keep this Cache-Control (see there).
    response.haven_cacheable = True
    return response


@private_view
@require_POST
def keep(request):
    """Save or unsave a reminder in one tap (a plain form: no JavaScript needed).

    The reminder is named in the form, not in the address, so which one it was
    stays out of the server's logs."""
    form = SaveForm(request.POST)
    back = safe_next(request, reverse("inspire:saved"))
    if not form.is_valid():
        messages.error(request, _("That didn't work. Please try again."))
        return redirect(back)
    slug = form.cleaned_data["slug"]
    if form.cleaned_data["action"] == "save":
        if not Reminder.objects.filter(slug=slug).exists():
            raise Http404
        actions.save(request.user, request.vault, slug)
        messages.success(request, _("Saved to your board."))
    else:
        actions.unsave(request.user, request.vault, slug)
        messages.success(request, _("Taken off your board."))
    return redirect(back)


@private_view
def saved(request):
    """The board; its form adds words of the person's own."""
    form = OwnForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        actions.add_own(request.user, request.vault, form.cleaned_data["own"])
        messages.success(request, _("Your words are on your board."))
        return redirect("inspire:saved")
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        number = 1
    page = actions.board_page(request.user, request.vault, number)
    return render(
        request,
        "inspire/saved.html",
        {
            "items": page.items,
            "page": page,
            "slugs": page.slugs,
            "form": form,
            **_members_reminders(request),
        },
    )


@private_view
def note(request, item_id):
    """One item of the board: a note on a library reminder, or the person's own words."""
    item = actions.find(request.user, request.vault, item_id)
    if item is None:
        raise Http404
    back = f"{reverse('inspire:saved')}#saved-{item.id}"
    posted = request.POST if request.method == "POST" else None
    if item.reminder is None:
        if posted is not None and posted.get("action") == "remove":
            actions.remove(request.user, request.vault, item.id)
            messages.success(request, _("Those words are off your board."))
            return redirect("inspire:saved")
        form = OwnForm(posted, initial={"own": item.own})
        if posted is not None and form.is_valid():
            actions.set_own(request.user, request.vault, item.id, form.cleaned_data["own"])
            messages.success(request, _("Your words are saved."))
            return redirect(back)
    else:
        form = NoteForm(posted, initial={"note": item.note})
        if posted is not None and form.is_valid():
            actions.set_note(request.user, request.vault, item.id, form.cleaned_data["note"])
            messages.success(request, _("Your note is saved."))
            return redirect(back)
    return render(request, "inspire/note.html", {"item": item, "form": form})
