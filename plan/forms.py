from django import forms
from django.utils.translation import gettext_lazy as _

MAX_REASON = 2000


class ReasonForm(forms.Form):
    text = forms.CharField(
        label=_("Your reason"),
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off", "spellcheck": "false"}),
        error_messages={
            "required": _("There's nothing written yet. Even a few words is enough."),
            "max_length": _(
                "That's a lot to hold in one reason (%(show_value)d characters). "
                "Could you split it into two? The limit is %(limit_value)d."
            ),
        },
    )
