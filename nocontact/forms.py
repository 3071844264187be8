from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nocontact import content
from nocontact.counter import LOW
from vault.forms import PrivateDateField, PrivateTextField

NOT_AHEAD = _("This date is still to come. Choose today or a day before it.")


def radios(label, choices, **kwargs) -> forms.ChoiceField:
    kwargs.setdefault("required", False)
    return forms.ChoiceField(label=label, choices=choices, widget=forms.RadioSelect, **kwargs)


def ticks(label, choices) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, choices=choices, widget=forms.CheckboxSelectMultiple, required=False
    )


def _not_ahead(day):
    if day and day > timezone.localdate():
        raise forms.ValidationError(NOT_AHEAD)
    return day


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class CounterForm(forms.Form):
    start = PrivateDateField(
        _("The day you started"),
        required=True,
        without_year="last",
        help_text=_("Today is fine. You can change it later."),
    )
    mode = radios(
        _("What you're aiming for"),
        content.MODES,
        required=True,
        error_messages={"required": _("Choose no contact or low contact.")},
    )
    allowed = ticks(
        _("Under low contact, what's still allowed"),
        [(k, v) for k, v in content.CHANNELS if k in content.ALLOWABLE],
    )
    allowed_note = PrivateTextField(
        _("What it's for (optional)"),
        300,
        help_text=_("For example: only about the children's pick-ups, or only work matters."),
    )
    name = PrivateTextField(
        _("A name of your own for this count (optional)"),
        60,
        help_text=_("Shown on your home page instead of our words, for example 'Quiet days'."),
    )

    def clean_start(self):
        return _not_ahead(self.cleaned_data.get("start"))

    def clean(self):
        data = super().clean()
        if data.get("mode") == LOW and not data.get("allowed"):
            self.add_error(
                "allowed",
                _("Tick at least one way that's still allowed, or choose no contact."),
            )
        if data.get("mode") != LOW:
            data["allowed"] = []
        return data


class ContactForm(forms.Form):
    on = PrivateDateField(_("When"), required=True, without_year="last")
    who = radios(_("Who started it"), content.WHO)
    how = radios(
        _("How"),
        content.CHANNELS,
        required=True,
        error_messages={"required": _("Choose how it happened, or 'Another way'.")},
    )
    felt = radios(_("How it felt"), content.FELT)
    note = PrivateTextField(
        _("Anything you noticed (optional)"),
        2000,
        rows=4,
        help_text=_("What happened before, what you felt after, what you'd like to try next time."),
    )

    def clean_on(self):
        return _not_ahead(self.cleaned_data.get("on"))


class ListsForm(forms.Form):
    miss = PrivateTextField(_("What I miss"), 4000, rows=6, help_text=_("One thing on each line."))
    lived = PrivateTextField(
        _("What I lived"), 4000, rows=6, help_text=_("One thing on each line.")
    )


class WriteForm(forms.Form):
    text = PrivateTextField(
        _("Write what you want to say"),
        8000,
        rows=10,
        required=True,
        error_messages={"required": _("There's nothing written yet. Write a line, or skip.")},
    )


class UrgeForm(forms.Form):
    before = radios(_("How strong was the urge at first? (0 to 10)"), content.STRENGTH)
    after = radios(_("How strong is it now? (0 to 10)"), content.STRENGTH)
    helped = ticks(_("What helped"), content.HELPED)
    note = PrivateTextField(_("Anything else (optional)"), 2000, rows=3)

    def clean(self):
        data = super().clean()
        if not any(data.get(k) for k in ("before", "after", "helped", "note")):
            raise forms.ValidationError(_("Nothing is filled in yet. Choose a number, or skip."))
        return data
