from django import forms
from django.utils.translation import gettext_lazy as _

from guide.search import MAX_QUERY_CHARS
from vault.forms import PrivateTextField


class SearchForm(forms.Form):
    # What someone searches for can say a lot; the browser shouldn't keep it.
    q = PrivateTextField(
        _("Search the guide"),
        MAX_QUERY_CHARS,
        attrs={"type": "search"},
        error_messages={
            "max_length": _(
                "That's a lot to search for at once. Try a few words, up to %(limit_value)d "
                "letters."
            ),
        },
    )
