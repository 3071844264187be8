from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.content_rows import OperatorEditsAdmin
from scripts.models import Script, Situation


class ScriptAdminForm(forms.ModelForm):
    # Tick boxes instead of raw JSON: a script needs at least one situation,
    # and only the library's own situations, the same rule the content file has.
    situations = forms.TypedMultipleChoiceField(
        label=_("situations"),
        choices=Situation.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one situation for this script.")},
        help_text=_("Where the script is listed. The first one ticked is the main one."),
    )

    class Meta:
        model = Script
        fields = ["slug", "title", "situations", "tone", "body", "note", "position"]

    def clean_situations(self):
        chosen = self.cleaned_data["situations"]
        # Keep the library's order, so the main situation is predictable.
        return [value for value in Situation.values if value in chosen]


@admin.register(Script)
class ScriptAdmin(OperatorEditsAdmin):
    form = ScriptAdminForm
    list_display = ("title", "situations_shown", "tone", "position", "edited_by_operator")
    list_filter = ("tone", "edited_by_operator")
    search_fields = ("title", "body", "slug")
    # Set on every save by OperatorEditsAdmin: a script added or edited by hand
    # survives the next load (unless --force), even when the file later holds the
    # same slug. A tick box here would suggest otherwise.
    readonly_fields = ("source_version", "edited_by_operator", "updated_at")
    ordering = ("position", "title")

    @admin.display(description=_("situations"))
    def situations_shown(self, script):
        labels = dict(Situation.choices)
        return ", ".join(str(labels.get(value, value)) for value in script.situations)


# MyScript holds sealed private words: deliberately not in the admin.
