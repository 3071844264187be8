from django.contrib import admin

from scripts.models import Script


@admin.register(Script)
class ScriptAdmin(admin.ModelAdmin):
    list_display = ("title", "situation", "tone", "position", "edited_by_operator")
    list_filter = ("situation", "tone", "edited_by_operator")
    search_fields = ("title", "body", "slug")
    # Always set by save_model below; a tick box here would suggest otherwise.
    readonly_fields = ("source_version", "edited_by_operator", "updated_at")
    ordering = ("position", "title")

    def save_model(self, request, obj, form, change):
        # A script added or edited by hand survives the next load_scripts run
        # (unless --force), even when the file later holds the same slug.
        obj.edited_by_operator = True
        super().save_model(request, obj, form, change)


# MyScript holds sealed private words: deliberately not in the admin.
