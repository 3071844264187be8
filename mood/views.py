import datetime

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import private_view, safe_next
from mood import actions, charts, days, observations
from mood.checkins import MOODS, TAGS, Entry, split_own_tags
from mood.forms import CheckInForm, DetailsForm
from mood.models import CheckIn
from vault import drafts
from vault.forms import drafted

# The observations look back this far: long enough to hold a pattern, short
# enough to speak of how things are now.
OBSERVED_DAYS = 365


def get_checkin_for_user(request, checkin_id) -> CheckIn:
    return CheckIn.objects.get_for_user(request, checkin_id)


def _draft_key(row: CheckIn) -> str:
    return f"mood-{row.pk}"


def _buttons() -> list[tuple[int, str]]:
    return list(MOODS.items())


@private_view
def index(request):
    entries = actions.open_today(request.user, request.vault)
    return render(request, "mood/index.html", _today_context(entries, CheckInForm()))


def _today_context(entries: list[Entry], form) -> dict:
    today = days.by_day(entries, actions.today(), actions.today())[0]
    return {"form": form, "moods": _buttons(), "today": today, "entries": entries}


@private_view
@require_POST
def check_in(request):
    form = CheckInForm(request.POST)
    if not form.is_valid():
        entries = actions.open_today(request.user, request.vault)
        return render(request, "mood/index.html", _today_context(entries, form))
    entry = actions.check_in(request.user, request.vault, form.cleaned_data["mood"])
    messages.success(
        request,
        _("Saved: %(words)s. Add a little more below if you like, or leave it here.")
        % {"words": MOODS[entry.mood]},
    )
    return redirect("mood:details", checkin_id=entry.id)


def _initial(entry: Entry) -> dict:
    return {
        "mood": str(entry.mood),
        "day": entry.day,
        "energy": str(entry.energy) if entry.energy else "",
        "sleep": "" if entry.sleep is None else f"{entry.sleep:g}",
        "safe": entry.safe,
        "tags": entry.tags,
        "own_tags": ", ".join(entry.own_tags),
        "note": entry.note,
    }


@private_view
def details(request, checkin_id):
    row = get_checkin_for_user(request, checkin_id)
    entry = actions.open_row(row, request.vault)
    made_on = timezone.localtime(row.created_at).date()

    def save(form):
        _fill(entry, form.cleaned_data)
        actions.save(row, request.vault, entry)

    page = drafted(
        request,
        _draft_key(row),
        DetailsForm,
        initial=lambda: _initial(entry),
        save=save,
        form_kwargs={"made_on": made_on},
    )
    if page.saved:
        messages.success(request, _("Your check-in is saved."))
        return redirect("mood:week_of", *_ymd(entry.day))
    return render(
        request,
        "mood/details.html",
        {**page.context(), "entry": entry, "row": row},
    )


def _fill(entry: Entry, data: dict) -> None:
    entry.mood = data["mood"]
    entry.day = data["day"]
    entry.energy = data["energy"]
    entry.sleep = data["sleep"]
    entry.safe = data["safe"]
    entry.tags = [tag for tag in TAGS if tag in data["tags"]]
    entry.own_tags = split_own_tags(data["own_tags"])
    entry.note = data["note"].strip()


@private_view
def new(request):
    """A whole check-in on one page: for an earlier day, or for more than a tap."""
    made_on = actions.today()

    def save(form):
        entry = Entry(id=None, day=made_on, mood=3)
        _fill(entry, form.cleaned_data)
        return actions.add(request.user, request.vault, entry)

    page = drafted(
        request,
        "mood-new",
        DetailsForm,
        initial=lambda: {"day": made_on},
        save=save,
        form_kwargs={"made_on": made_on},
    )
    if page.saved:
        messages.success(request, _("Your check-in is saved."))
        return redirect("mood:week_of", *_ymd(page.form.cleaned_data["day"]))
    return render(request, "mood/details.html", {**page.context(), "entry": None, "row": None})


@private_view
def delete(request, checkin_id):
    row = get_checkin_for_user(request, checkin_id)
    entry = actions.open_row(row, request.vault)
    if request.method == "POST":
        drafts.discard(request, _draft_key(row))
        actions.delete(row)
        messages.success(request, _("That check-in is removed."))
        return redirect(safe_next(request, "mood:index"))
    return render(request, "mood/delete.html", {"entry": entry, "row": row})


def _ymd(date: datetime.date) -> tuple[int, int, int]:
    return date.year, date.month, date.day


def _date_or_404(year: int, month: int, day: int = 1) -> datetime.date:
    if not days.in_range(year):
        raise Http404
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise Http404 from None


# ---- Charts ------------------------------------------------------------------


@private_view
def week(request, year=None, month=None, day=None):
    date = actions.today() if year is None else _date_or_404(year, month, day)
    first, last = days.week_of(date)
    if not (days.in_range(first.year) and days.in_range(last.year)):
        raise Http404
    entries = actions.open_days(request.user, request.vault, first, last)
    shown = days.by_day(entries, first, last)
    title = _("Mood each day, %(first)s to %(last)s") % {
        "first": formats.date_format(first, "j M"),
        "last": formats.date_format(last, "j M Y"),
    }
    today = actions.today()
    latest_unsafe = bool(entries) and any(e.safe == "no" for e in entries if e.day == today)
    return render(
        request,
        "mood/week.html",
        {
            "chart": charts.bars(shown, title, prefix="mood-week"),
            "legend": charts.legend(),
            "days": shown,
            "entries": list(reversed(entries)),
            "first": first,
            "last": last,
            "previous": _ymd(first - datetime.timedelta(days=7)),
            "next": _ymd(first + datetime.timedelta(days=7)) if last < today else None,
            "unsafe_today": latest_unsafe,
            "logged": sum(1 for d in shown if d.count),
        },
    )


@private_view
def month(request, year=None, month=None):
    today = actions.today()
    date = today.replace(day=1) if year is None else _date_or_404(year, month)
    first, last = days.month_of(date.year, date.month)
    entries = actions.open_days(request.user, request.vault, first, last)
    shown = days.by_day(entries, first, last)
    title = _("Mood each day, %(month)s") % {"month": formats.date_format(first, "F Y")}
    before = days.next_month(first.year, first.month, -1)
    after = days.next_month(first.year, first.month, 1)
    return render(
        request,
        "mood/month.html",
        {
            "chart": charts.bars(shown, title, prefix="mood-month", label_every=5),
            "legend": charts.legend(),
            "days": shown,
            "first": first,
            "average": days.mean(d.average for d in shown if d.count),
            "logged": sum(1 for d in shown if d.count),
            "previous": before if days.in_range(before[0]) else None,
            "next": after if last < today and days.in_range(after[0]) else None,
        },
    )


@private_view
def year(request, year=None):
    today = actions.today()
    year = today.year if year is None else year
    if not days.in_range(year):
        raise Http404
    first, last = days.year_of(year)
    entries = actions.open_days(request.user, request.vault, first, last)
    shown = days.by_day(entries, first, last)
    title = _("A year in colour: %(year)s") % {"year": year}
    return render(
        request,
        "mood/year.html",
        {
            "chart": charts.year_grid(year, shown, title),
            "legend": charts.legend(),
            "rows": charts.year_rows(year, shown),
            "levels": list(MOODS.items()),
            "year": year,
            "logged": sum(1 for d in shown if d.count),
            "previous": year - 1 if days.in_range(year - 1) else None,
            "next": year + 1 if year < today.year else None,
        },
    )


@private_view
def patterns(request):
    last = actions.today()
    first = last - datetime.timedelta(days=OBSERVED_DAYS - 1)
    entries = actions.open_days(request.user, request.vault, first, last)
    shown = days.by_day(entries, first, last)
    return render(
        request,
        "mood/patterns.html",
        {
            "found": observations.observe(shown),
            "logged": sum(1 for d in shown if d.count),
            "min_days": observations.MIN_DAYS,
        },
    )
