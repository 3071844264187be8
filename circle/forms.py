from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from circle import schedule
from circle.models import CheckIn
from resources import api as help_lines
from vault.forms import PRIVATE_INPUT, PRIVATE_TEXT, PrivateTextField, tick

EMAIL_ERRORS = {
    "required": _("Please add their email address, so they can say yes."),
    "invalid": _("This doesn't look like an email address yet. Could you check it?"),
}


def email_field(label, *, required: bool, help_text="") -> forms.EmailField:
    return forms.EmailField(
        label=label,
        required=required,
        max_length=254,
        help_text=help_text,
        error_messages=EMAIL_ERRORS,
        widget=forms.EmailInput(attrs={**PRIVATE_INPUT, "inputmode": "email"}),
    )


class ContactForm(forms.Form):
    name = PrivateTextField(
        _("Their name"),
        100,
        required=True,
        error_messages={"required": _("Please add a name, so you know who this is.")},
    )
    email = email_field(_("Their email address"), required=True)
    relation = PrivateTextField(_("Who they are to you (optional)"), 100)
    phone = PrivateTextField(
        _("Their phone number (optional, for the call and message buttons)"),
        40,
        attrs={"inputmode": "tel"},
    )
    may_know = PrivateTextField(_("What they may be told (a note for you)"), 1000, rows=3)
    for_tempted = tick(_("My safe person to call when I feel pulled to get back in touch"))
    for_checkins = tick(_("Tell them if I miss a check-in"))
    for_emergency = tick(_("Tell them if I sign in with my second passphrase"))

    def clean(self):
        data = super().clean()
        if not any(data.get(role) for role in ("for_tempted", "for_checkins", "for_emergency")):
            raise forms.ValidationError(
                _("Please tick at least one thing this person is here for.")
            )
        return data


def country_choices():
    return [("", _("No country chosen")), *help_lines.countries()]


class WordsForm(forms.Form):
    checkin = PrivateTextField(
        _("If I miss a check-in, my people receive"),
        1000,
        rows=4,
        required=True,
        error_messages={"required": _("Please write a few words for your people.")},
    )
    duress = PrivateTextField(
        _("If I sign in with my second passphrase, my people receive"),
        1000,
        rows=4,
        required=True,
        error_messages={"required": _("Please write a few words for your people.")},
    )
    signature = PrivateTextField(_("How your people know you (a first name or nickname)"), 60)
    sender = PrivateTextField(
        _("Sender name on every message"),
        40,
        required=True,
        error_messages={"required": _("Please choose a plain sender name, like Notes.")},
    )
    subject = PrivateTextField(
        _("Subject of every message"),
        80,
        required=True,
        error_messages={"required": _("Please choose a plain subject, like A note for you.")},
    )
    country = forms.ChoiceField(
        label=_("Your country (your people see its help lines)"),
        required=False,
        choices=country_choices,
        widget=forms.Select(attrs=PRIVATE_INPUT),
    )
    reminder_to = email_field(
        _("Remind me by email too (optional)"),
        required=False,
        help_text=_("Leave it empty and reminders show only here, in your space."),
    )


WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class CheckInForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What kind of check-in?"),
        choices=[
            (CheckIn.Kind.ONCE, _("Once, by a time today (or tomorrow if it has passed)")),
            (CheckIn.Kind.WEEKLY, _("Every week, on a day and time")),
            (CheckIn.Kind.AWAY, _("If I haven't opened this app for some days")),
        ],
        widget=forms.RadioSelect,
        initial=CheckIn.Kind.ONCE,
        error_messages={"required": _("Please choose a kind of check-in.")},
    )
    at = forms.TimeField(
        label=_("By what time?"),
        required=False,
        help_text=_("Hours and minutes, like 21:00."),
        widget=forms.TimeInput(attrs={**PRIVATE_INPUT, "placeholder": "21:00"}, format="%H:%M"),
        error_messages={"invalid": _("Please write a time like 21:00.")},
    )
    weekday = forms.TypedChoiceField(
        label=_("On which day? (weekly)"),
        required=False,
        coerce=int,
        choices=WEEKDAYS,
        initial=6,
        widget=forms.Select(attrs=PRIVATE_INPUT),
    )
    days = forms.IntegerField(
        label=_("After how many days?"),
        required=False,
        min_value=1,
        max_value=30,
        initial=3,
        widget=forms.NumberInput(attrs={**PRIVATE_INPUT, "inputmode": "numeric"}),
        error_messages={
            "invalid": _("Please write a number of days, like 3."),
            "min_value": _("Please choose at least 1 day."),
            "max_value": _("Please choose 30 days or fewer."),
        },
    )
    zone = forms.CharField(required=False, widget=forms.HiddenInput, max_length=64)

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind in (CheckIn.Kind.ONCE, CheckIn.Kind.WEEKLY) and not data.get("at"):
            if "at" not in self.errors:
                self.add_error("at", _("Please choose a time, like 21:00."))
        if kind == CheckIn.Kind.WEEKLY and data.get("weekday") in (None, ""):
            self.add_error("weekday", _("Please choose a day."))
        if kind == CheckIn.Kind.AWAY and not data.get("days"):
            if "days" not in self.errors:
                self.add_error("days", _("Please write a number of days, like 3."))
        if not schedule.known_zone(data.get("zone") or ""):
            data["zone"] = ""
        return data


__all__ = ["ContactForm", "WordsForm", "CheckInForm", "PRIVATE_TEXT"]
