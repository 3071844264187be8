from django import forms
from django.utils.translation import gettext_lazy as _

from inspire.actions import NOTE_MAX
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
