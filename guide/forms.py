from django import forms
from django.utils.translation import gettext_lazy as _

from guide.search import MAX_QUERY_CHARS


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search the guide"),
        required=False,
        max_length=MAX_QUERY_CHARS,
        strip=True,
        error_messages={
            "max_length": _(
                "That's a lot to search for at once. Try a few words, up to %(limit_value)d "
                "letters."
            ),
        },
        widget=forms.TextInput(
            attrs={"type": "search", "autocomplete": "off", "spellcheck": "false"}
        ),
    )
