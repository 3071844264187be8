import datetime
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from mood.checkins import BACK, ENERGY, MOODS, NOTE_MAX, OWN_TAGS_MAX, SAFE, SLEEP_MAX, TAGS
from vault.forms import PRIVATE_INPUT, PrivateDateField, PrivateTextField

PICK_A_MOOD = _("Choose one of the five, whichever feels closest. There's no wrong answer.")


class CheckInForm(forms.Form):
    """The first tap: one of five buttons, each sending `mood`."""

    mood = forms.TypedChoiceField(
        choices=[(str(k), v) for k, v in MOODS.items()],
        coerce=int,
        error_messages={"required": PICK_A_MOOD, "invalid_choice": PICK_A_MOOD},
    )


class SleepField(forms.CharField):
    """Hours of sleep as people type them: "7", "7.5", "7,5"."""

    def __init__(self, **kwargs):
        attrs = {**PRIVATE_INPUT, "inputmode": "decimal", "size": "4"}
        super().__init__(max_length=6, required=False, widget=forms.TextInput(attrs), **kwargs)

    def clean(self, value):
        text = (super().clean(value) or "").strip().replace(",", ".")
        if not text:
            return None
        try:
            hours = Decimal(text)
        except InvalidOperation:
            hours = None
        if hours is None or not hours.is_finite() or not 0 <= hours <= SLEEP_MAX:
            raise forms.ValidationError(
                _("Hours as a number from 0 to 24, like 7 or 6.5. You can leave it empty."),
                code="invalid",
            )
        return float(hours.quantize(Decimal("0.1")))


class DetailsForm(forms.Form):
    """The optional second screen: everything but the mood may stay empty."""

    mood = forms.TypedChoiceField(
        label=_("How you felt"),
        choices=[(str(k), v) for k, v in MOODS.items()],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": PICK_A_MOOD, "invalid_choice": PICK_A_MOOD},
    )
    day = PrivateDateField(
        _("Which day is this about?"),
        required=True,
        without_year="last",
        help_text=_("Today, or a day you missed in the month before."),
    )
    energy = forms.TypedChoiceField(
        label=_("Energy"),
        choices=[(str(k), v) for k, v in ENERGY.items()],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    sleep = SleepField(label=_("Hours of sleep last night"))
    safe = forms.ChoiceField(
        label=_("Did you feel safe?"),
        choices=list(SAFE.items()),
        required=False,
        widget=forms.RadioSelect,
    )
    tags = forms.MultipleChoiceField(
        label=_("What was part of the day?"),
        choices=list(TAGS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    own_tags = PrivateTextField(
        _("Your own words for the day"),
        OWN_TAGS_MAX,
        help_text=_("A word or two, commas between them: choir, baking."),
    )
    note = PrivateTextField(_("A short note, if you like"), NOTE_MAX, rows=3)

    def __init__(self, *args, made_on: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.made_on = made_on

    def clean_day(self):
        day = self.cleaned_data["day"]
        if day > self.made_on:
            raise forms.ValidationError(
                _("That day hasn't come yet. Choose today or a day before it."), code="future"
            )
        if day < self.made_on - datetime.timedelta(days=BACK):
            raise forms.ValidationError(
                _(
                    "A check-in can be about its own day or up to a month before. "
                    "For an older day, it's fine to let it go."
                ),
                code="too_old",
            )
        return day
