from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assess import content
from vault.forms import PrivateDateField, PrivateTextField

MAX_NOTE = 2000
MAX_STEP = 500
MAX_CONDITIONS = 5000
MAX_TRUSTED = 200

PICK_ONE = {
    "required": _("This one still needs an answer. Any answer is fine."),
    "invalid_choice": _("Please choose one of the answers shown."),
}


def radio(label, choices, help_text="", required=True):
    return forms.ChoiceField(
        label=label,
        choices=choices,
        help_text=help_text,
        required=required,
        widget=forms.RadioSelect,
        error_messages=PICK_ONE,
    )


def hidden_choice(choices):
    return forms.ChoiceField(choices=choices, widget=forms.HiddenInput)


class SafetyForm(forms.Form):
    """Step one: who this is about, and the safety questions (any "yes" stops the check)."""

    relationship = radio(_("Who is this check about?"), content.RELATIONSHIPS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, question, help_text in content.SAFETY_QUESTIONS:
            self.fields[key] = radio(question, content.YES_NO_SKIP, help_text)


def any_safety_yes(data) -> bool:
    """True when any safety answer is "yes", whatever else is missing or wrong."""
    return any(data.get(key) == "yes" for key in content.SAFETY_KEYS)


class PatternsForm(forms.Form):
    """Step two: the nine "how often" questions, worded for the relationship.

    The relationship and the safety answers from step one ride along as hidden
    fields, so nothing is kept between requests.
    """

    relationship = hidden_choice(content.RELATIONSHIPS)

    def __init__(self, *args, relationship: str = "other", **kwargs):
        super().__init__(*args, **kwargs)
        for key in content.SAFETY_KEYS:
            self.fields[key] = hidden_choice([("no", "no"), ("skip", "skip")])
        for pattern in content.PATTERNS:
            self.fields[pattern.key] = radio(
                pattern.question_for(relationship), content.FREQUENCIES
            )
        self.fields["substances"] = radio(
            _("Is alcohol, drugs or gambling part of what's happening?"),
            content.SUBSTANCES,
            _("You can leave this one out."),
            required=False,
        )

    def pattern_fields(self):
        return [self[key] for key in content.PATTERN_KEYS]

    def hidden_carry(self):
        return [self["relationship"], *(self[key] for key in content.SAFETY_KEYS)]

    def answers(self) -> dict[str, str]:
        return {key: self.cleaned_data[key] for key in content.PATTERN_KEYS}

    def safety(self) -> dict[str, str]:
        return {key: self.cleaned_data[key] for key in content.SAFETY_KEYS}


class DangerForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for sign in content.DANGER_SIGNS:
            self.fields[sign.key] = radio(sign.question, content.YES_NO_UNSURE, sign.help_text)

    def answers(self) -> dict[str, str]:
        return {key: self.cleaned_data[key] for key in content.DANGER_KEYS}


# ---- Reconciliation ----

NEEDS_A_DATE = {"required": _("Please add a date. Today's date is fine.")}


def date_field(label, without_year):
    return PrivateDateField(
        label, required=True, without_year=without_year, error_messages=NEEDS_A_DATE
    )


def private_text(label, max_length, rows, required=False, help_text="", required_message=""):
    return PrivateTextField(
        label,
        max_length,
        rows=rows,
        required=required,
        help_text=help_text,
        error_messages={
            "required": required_message or _("There's nothing written yet."),
            "max_length": _(
                "That's a lot for one box (%(show_value)d characters). "
                "Could you shorten it a little? The limit is %(limit_value)d."
            ),
        },
    )


class ObservationForm(forms.Form):
    # A note is about what has happened: "14/03" typed means the last 14 March.
    on = date_field(_("When did you notice this?"), without_year="last")
    sign = radio(
        _("Which sign is this about?"), [(k, label) for k, label, _h in content.RECONCILE_SIGNS]
    )
    status = radio(_("How did it go?"), content.OBSERVATION_STATUSES)
    note = private_text(
        _("What happened? (optional)"),
        MAX_NOTE,
        3,
        help_text=_("What you saw or heard, in a few words. Facts help more than hopes."),
    )

    def clean_on(self):
        day = self.cleaned_data["on"]
        if day > timezone.localdate():
            raise forms.ValidationError(
                _("That date is still to come. Notes are about what has already happened.")
            )
        return day

    def data_for_seal(self) -> dict:
        data = self.cleaned_data
        return {
            "on": data["on"].isoformat(),
            "sign": data["sign"],
            "status": data["status"],
            "note": data["note"],
        }


class StepForm(forms.Form):
    on = date_field(_("By when?"), without_year="next")
    text = private_text(
        _("The step"),
        MAX_STEP,
        2,
        required=True,
        help_text=_('For example: "Three months of their weekly therapy, before we meet alone."'),
        required_message=_("There's nothing written yet. A few words is enough."),
    )
    check = private_text(
        _("How will you know it has happened? (optional)"),
        MAX_STEP,
        2,
    )

    def data_for_seal(self) -> dict:
        data = self.cleaned_data
        return {"on": data["on"].isoformat(), "text": data["text"], "check": data["check"]}


class ConditionsForm(forms.Form):
    conditions = private_text(
        _("My conditions"),
        MAX_CONDITIONS,
        6,
        help_text=_("One condition on each line. These are yours to set, and yours to change."),
    )
    trusted_person = PrivateTextField(
        _("A trusted person who knows and is involved (optional)"),
        MAX_TRUSTED,
        help_text=_("Someone who can check in with you and notice if things slip."),
        error_messages={
            "max_length": _(
                "That's longer than this box holds (%(show_value)d characters). "
                "The limit is %(limit_value)d."
            ),
        },
    )

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("conditions") and not data.get("trusted_person"):
            raise forms.ValidationError(
                _("Both boxes are empty. Write at least one condition or a trusted person.")
            )
        return data
