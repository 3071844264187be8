from django.contrib import admin

from core.content_rows import OperatorEditsAdmin
from inspire.models import Reminder


@admin.register(Reminder)
class ReminderAdmin(OperatorEditsAdmin):
    list_display = ("slug", "theme", "text", "position", "edited_by_operator")
    list_filter = ("theme", "edited_by_operator")
    search_fields = ("slug", "text")
    readonly_fields = ("source_version", "edited_by_operator", "updated_at")
    ordering = ("position", "slug")


# SavedReminders holds a member's sealed board: deliberately not in the admin.
