from django import forms
from django.utils.translation import gettext_lazy as _

from newsletter import addresses
from newsletter.models import Source, Wording

ADDRESS_ERRORS = {
    "invalid": _(
        "That doesn't look like an email address yet. It needs a name, an @ and a place, "
        "like name@example.org."
    ),
    "local_unicode": _(
        "We can't send to addresses with letters outside A to Z before the @ yet. "
        "If you have another address, you could use that one."
    ),
    "too_long": _("That address is longer than email allows. Could you check it?"),
}


class TopicsMixin(forms.Form):
    weekly = forms.BooleanField(label=_("Weekly tips and reflections"), required=False)
    daily = forms.BooleanField(label=_("A daily line of inspiration"), required=False)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("weekly") and not cleaned.get("daily"):
            raise forms.ValidationError(
                _("Please tick at least one kind of note, so we know what to send.")
            )
        return cleaned


class SubscribeForm(TopicsMixin):
    address = forms.CharField(
        label=_("Your email address"),
        max_length=320,
        help_text=_(
            "Choose an address only you can read. Notes arrive from “Notes” "
            "with the subject “Weekly notes” or “Daily note”."
        ),
        error_messages={"required": _("Please type the address you'd like the notes sent to.")},
        widget=forms.TextInput(
            attrs={"inputmode": "email", "spellcheck": "false", "autocapitalize": "off"}
        ),
    )
    source = forms.ChoiceField(choices=Source.choices, required=False, widget=forms.HiddenInput)
    field_order = ["address", "weekly", "daily", "source"]

    def clean_address(self):
        try:
            return addresses.normalise(self.cleaned_data["address"])
        except addresses.BadAddress as error:
            raise forms.ValidationError(ADDRESS_ERRORS[error.code], code=error.code) from None

    def clean_source(self):
        return self.cleaned_data.get("source") or Source.PUBLIC


class ManageForm(TopicsMixin):
    wording = forms.ChoiceField(
        label=_("How the notes look in your inbox"),
        choices=Wording.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please pick one of the three ways the notes can look."),
            "invalid_choice": _("Please pick one of the three ways the notes can look."),
        },
    )
