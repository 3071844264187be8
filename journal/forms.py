"""The form for one journal page, shaped by its mode (journal/modes.py)."""

from __future__ import annotations

from functools import cache

from django import forms
from django.utils.translation import gettext_lazy as _

from journal.modes import Mode
from vault.forms import NOTHING_YET, PrivateDateField, PrivateTextField

MAX_WORDS = 20_000  # per box: what a draft keeps (vault.drafts.MAX_FIELD)
MAX_TAGS = 12
MAX_TAG = 40


def prompt_name(key: str) -> str:
    return f"p_{key}"


def split_tags(text: str) -> list[str]:
    """Free words separated by commas, tidied, each once (in any case)."""
    seen, tags = set(), []
    for part in text.split(","):
        tag = " ".join(part.split()).lstrip("#")
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            tags.append(tag)
    return tags


class EntryForm(forms.Form):
    mode: Mode
    # The mode rides along in drafts, so a kept draft knows which page it belongs to.
    mode_key = forms.CharField(required=False, widget=forms.HiddenInput)
    title = PrivateTextField(_("A title, if you like"), 120)
    day = PrivateDateField(
        _("The day this is about"), without_year="last", help_text=_("Today, unless you choose.")
    )
    tags = PrivateTextField(
        _("Tags"),
        600,
        help_text=_("Any words you like, separated by commas: sleep, work, a good walk."),
    )

    def prompt_fields(self):
        return [self[prompt_name(prompt.key)] for prompt in self.mode.prompts]

    def clean_tags(self) -> list[str]:
        tags = split_tags(self.cleaned_data.get("tags") or "")
        if len(tags) > MAX_TAGS:
            raise forms.ValidationError(
                _("That's a lot of tags. Could you keep it to %(n)d or fewer?"),
                params={"n": MAX_TAGS},
            )
        if any(len(tag) > MAX_TAG for tag in tags):
            raise forms.ValidationError(
                _("A tag can be up to %(n)d characters. Use commas between tags."),
                params={"n": MAX_TAG},
            )
        return tags

    def clean(self):
        data = super().clean() or {}
        answers = {p.key: (data.get(prompt_name(p.key)) or "").strip() for p in self.mode.prompts}
        if not any(answers.values()) and not any(
            prompt_name(p.key) in self.errors for p in self.mode.prompts
        ):
            self.add_error(prompt_name(self.mode.prompts[-1].key), NOTHING_YET)
        data["answers"] = answers
        return data


@cache
def form_for(mode: Mode) -> type[EntryForm]:
    """The form class of one mode: the shared boxes, then one box per prompt."""
    fields = {
        prompt_name(p.key): PrivateTextField(
            p.label, MAX_WORDS, rows=p.rows, help_text=p.hint or None
        )
        for p in mode.prompts
    }
    return type(f"EntryForm_{mode.key}", (EntryForm,), {"mode": mode, **fields})


class SearchForm(forms.Form):
    """Words to look for, and a tag to show: both posted, never in the address."""

    q = forms.CharField(
        label=_("Look for words"),
        max_length=200,
        required=False,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "dir": "auto", "type": "search"}
        ),
    )
    tag = forms.CharField(max_length=MAX_TAG, required=False, widget=forms.HiddenInput)
    after = forms.CharField(max_length=80, required=False, widget=forms.HiddenInput)
