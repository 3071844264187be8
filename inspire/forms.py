from django import forms
from django.utils.translation import gettext_lazy as _

from inspire.actions import NOTE_MAX, OWN_MAX
from vault.forms import PrivateTextField


class NoteForm(forms.Form):
    note = PrivateTextField(
        _("A few words for yourself (optional)"),
        NOTE_MAX,
        rows=4,
        help_text=_("Why this one helped, or when you want to read it again. Only you can see it."),
    )


class SaveForm(forms.Form):
    """The one-tap keep or let go: which reminder, and which way."""

    slug = forms.SlugField(max_length=80)
    action = forms.ChoiceField(choices=[("save", "save"), ("unsave", "unsave")])


class OwnForm(forms.Form):
    """Words of the person's own, for their board."""

    own = PrivateTextField(
        _("Your own words"),
        OWN_MAX,
        rows=3,
        required=True,
        help_text=_("Something you want to remember, in your words. Only you can see it."),
    )
