from django.contrib import admin

from scripts.models import Script


@admin.register(Script)
class ScriptAdmin(admin.ModelAdmin):
    list_display = ("title", "situation", "tone", "position", "edited_by_operator")
    list_filter = ("situation", "tone", "edited_by_operator")
    search_fields = ("title", "body", "slug")
    readonly_fields = ("source_version", "updated_at")
    ordering = ("position", "title")

    def save_model(self, request, obj, form, change):
        # A hand edit survives the next load_scripts run (unless --force).
        if change:
            obj.edited_by_operator = True
        super().save_model(request, obj, form, change)


# MyScript holds sealed private words: deliberately not in the admin.
