from django import forms
from django.utils.translation import gettext_lazy as _

from resources import api


class CountryForm(forms.Form):
    country = forms.ChoiceField(
        label=_("Country"),
        required=False,
        error_messages={
            "invalid_choice": _("Please pick a country from the list, or choose “Somewhere else”."),
        },
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("Somewhere else / not chosen"))] + api.countries()
        self.fields["country"].help_text = _(
            "We only use what you pick here. It is saved on this device, not in your account."
        )
