import re

from django import forms
from django.utils.translation import gettext_lazy as _

from scripts.models import Situation, Tone
from vault.forms import PrivateTextField

MAX_TITLE = 120
MAX_PART = 500
MAX_TEXT = 4000
MAX_QUERY = 100


class LibraryFilterForm(forms.Form):
    situation = forms.ChoiceField(
        label=_("Situation"),
        required=False,
        choices=[("", _("All situations")), *Situation.choices],
    )
    tone = forms.ChoiceField(
        label=_("Tone"), required=False, choices=[("", _("Any tone")), *Tone.choices]
    )
    # What someone searches for can say a lot; the browser shouldn't keep it.
    q = PrivateTextField(_("Search the words"), MAX_QUERY, attrs={"type": "search"})

    @classmethod
    def from_request(cls, request) -> "LibraryFilterForm":
        """Invalid choices are simply treated as "all": there is nothing to fix."""
        source = request.POST if request.method == "POST" else request.GET
        data = {
            "situation": source.get("situation", "")
            if source.get("situation") in Situation.values
            else "",
            "tone": source.get("tone", "") if source.get("tone") in Tone.values else "",
            "q": source.get("q", "")[:MAX_QUERY],
        }
        form = cls(data)
        form.is_valid()
        return form


def _situation_field():
    return forms.ChoiceField(
        label=_("When is it for?"),
        required=False,
        choices=[("", _("Not sure, or something else")), *Situation.choices],
    )


def _title_field():
    return PrivateTextField(
        _("A name for it (optional)"),
        MAX_TITLE,
        help_text=_('Only you will see it. For example: "Calls about money".'),
        error_messages={
            "max_length": _(
                "Could you shorten the name a little? It can be up to %(limit_value)d "
                "characters (this one has %(show_value)d)."
            )
        },
    )


def _part(label, help_text, lead_in, required=True):
    """One part of the boundary sentence; `lead_in` is stripped if typed again."""
    field = PrivateTextField(
        label,
        MAX_PART,
        rows=2,
        required=required,
        help_text=help_text,
        error_messages={
            "required": _("This part is still empty. A few words is enough."),
            "max_length": _(
                "This part is quite long (%(show_value)d characters). Could you say it "
                "in fewer words? The limit is %(limit_value)d."
            ),
        },
    )
    field.lead_in = lead_in
    return field


LEAD_INS = {
    "feel": r"i\s+feel",
    "when": r"when\s+you",
    "need": r"i\s+need",
    "then": r"(if\s+it\s+happens\s+again,?\s+)?i\s+will",
}


def tidy_part(name: str, value: str) -> str:
    """Drop a lead-in the sentence already has ("I feel ...") and end punctuation,
    so the finished sentence reads naturally."""
    value = value.strip()
    value = re.sub(rf"^{LEAD_INS[name]}\b[\s,]*", "", value, flags=re.IGNORECASE)
    return value.rstrip(" .,;:").strip()


class BuilderForm(forms.Form):
    title = _title_field()
    situation = _situation_field()
    feel = _part(
        _("I feel …"),
        _("For example: scared, on edge, small, worn out, not listened to."),
        "feel",
    )
    when = _part(
        _("when you …"),
        _(
            "Describe what they do, not who they are. For example: read my messages, "
            "shout at me, joke about my weight in front of others."
        ),
        "when",
    )
    need = _part(
        _("I need …"),
        _(
            "For example: to be spoken to calmly, my phone to stay mine, an hour to "
            "myself after work."
        ),
        "need",
    )
    then = _part(
        _("If it happens again, I will …"),
        _(
            "Something you can do yourself, whatever they choose. For example: leave "
            "the room, end the call, stay at my sister's for the weekend. You can leave "
            "this empty for now."
        ),
        "then",
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        for name in LEAD_INS:
            if cleaned.get(name):
                cleaned[name] = tidy_part(name, cleaned[name])
                if not cleaned[name] and self.fields[name].required:
                    self.add_error(name, self.fields[name].error_messages["required"])
        return cleaned


class MyTextScriptForm(forms.Form):
    title = _title_field()
    situation = _situation_field()
    text = PrivateTextField(
        _("The words"),
        MAX_TEXT,
        rows=6,
        required=True,
        help_text=_("Change anything so it sounds like you."),
        error_messages={
            "required": _("There are no words here yet. A single sentence is enough."),
            "max_length": _(
                "That's longer than a script can be (%(show_value)d characters). Could you "
                "shorten it? The limit is %(limit_value)d."
            ),
        },
    )
