"""Forms for exporting, sharing and opening a share."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from records import shares

LASTS = [
    (1, _("1 hour")),
    (6, _("6 hours")),
    (24, _("1 day")),
    (72, _("3 days")),
    (168, _("7 days")),
    (336, _("14 days")),
    (720, _("30 days")),
]
NOTE_MAX = 80
PASSPHRASE_MIN = 10


class EntriesField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


CHOOSE = _("Which entries would you like? Tick some, give dates, or choose every entry.")


class ExportForm(forms.Form):
    entries = EntriesField(
        label=_("Entries"),
        required=False,
        help_text=_("Tick the ones to take, or give dates, or choose every entry."),
    )
    everything = forms.BooleanField(label=_("Every entry"), required=False)
    start = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "spellcheck": "false"}),
    )
    end = forms.DateField(
        label=_("Until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "spellcheck": "false"}),
    )

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entries"].choices = list(choices)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("This date is before the first one. Could you swap them?"))
        elif not (data.get("entries") or start or end or data.get("everything")):
            self.add_error(None, CHOOSE)
        return data


class ShareForm(forms.Form):
    entries = EntriesField(label=_("Entries to share"))
    lasts = forms.TypedChoiceField(
        label=_("The link works for"), choices=LASTS, coerce=int, initial=168
    )
    passphrase = forms.CharField(
        label=_("Passphrase for the reader"),
        min_length=PASSPHRASE_MIN,
        max_length=200,
        strip=True,
        help_text=_(
            "We made one for you; you can type your own instead. Give it to the reader "
            "a different way from the link (say it on the phone, or send it by text)."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    note = forms.CharField(
        label=_("Who it's for (only you see this)"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args, choices=(), **kwargs):
        kwargs.setdefault("initial", {}).setdefault("passphrase", shares.new_passphrase())
        super().__init__(*args, **kwargs)
        self.fields["entries"].choices = list(choices)
        self.fields["entries"].error_messages["required"] = _("Tick at least one entry to share.")
        self.fields["passphrase"].error_messages["min_length"] = _(
            "A passphrase of at least %(limit_value)d characters keeps the link safer."
        )


class OpenShareForm(forms.Form):
    passphrase = forms.CharField(
        label=_("Passphrase"),
        max_length=200,
        strip=True,
        widget=forms.PasswordInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class VerifyForm(forms.Form):
    copy = forms.FileField(
        label=_("The export (zip) or its records.json"),
        error_messages={"required": _("Choose the file to check.")},
    )
