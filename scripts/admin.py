from django.contrib import admin

from core.content_rows import OperatorEditsAdmin
from scripts.models import Script


@admin.register(Script)
class ScriptAdmin(OperatorEditsAdmin):
    list_display = ("title", "situation", "tone", "position", "edited_by_operator")
    list_filter = ("situation", "tone", "edited_by_operator")
    search_fields = ("title", "body", "slug")
    # Set on every save by OperatorEditsAdmin: a script added or edited by hand
    # survives the next load (unless --force), even when the file later holds the
    # same slug. A tick box here would suggest otherwise.
    readonly_fields = ("source_version", "edited_by_operator", "updated_at")
    ordering = ("position", "title")


# MyScript holds sealed private words: deliberately not in the admin.
