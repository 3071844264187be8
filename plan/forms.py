from django import forms
from django.utils.translation import gettext_lazy as _

from vault.forms import PrivateTextField

MAX_REASON = 2000


class ReasonForm(forms.Form):
    text = PrivateTextField(
        _("Your reason"),
        MAX_REASON,
        rows=3,
        required=True,
        error_messages={
            "required": _("There's nothing written yet. Even a few words is enough."),
            "max_length": _(
                "That's a lot to hold in one reason (%(show_value)d characters). "
                "Could you split it into two? The limit is %(limit_value)d."
            ),
        },
    )
