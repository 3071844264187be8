from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from core.content_rows import OperatorEditsAdmin
from guide.models import Section


@admin.register(Section)
class SectionAdmin(OperatorEditsAdmin):
    """Operators edit the guide here. Saving re-renders the page and updates
    search; loading the content files keeps the edit unless run with --force."""

    list_display = (
        "number",
        "title",
        "slug",
        "source_version",
        "reading_minutes",
        "edited_by_operator",
        "updated_at",
    )
    list_display_links = ("number", "title")
    list_filter = ("edited_by_operator",)
    search_fields = ("title", "summary", "body_markdown", "slug")
    ordering = ("number",)
    readonly_fields = (
        "reading_minutes",
        "updated_at",
        "source_version",
        "edited_by_operator",
        "view_on_site_link",
        "preview",
    )
    fieldsets = (
        (None, {"fields": ("number", "title", "slug", "summary")}),
        (_("Text"), {"fields": ("body_markdown", "preview")}),
        (_("Links to tools and help"), {"fields": ("tools", "show_help_lines")}),
        (
            _("About this section"),
            {
                "fields": (
                    "reading_minutes",
                    "source_version",
                    "edited_by_operator",
                    "updated_at",
                )
            },
        ),
        (None, {"fields": ("view_on_site_link",)}),
    )

    @admin.display(description=_("Preview"))
    def preview(self, obj: Section) -> str:
        if not obj.pk:
            return "—"
        # body_html is sanitised with nh3 every time the section is saved.
        return mark_safe(obj.body_html)  # noqa: S308

    @admin.display(description=_("Public page"))
    def view_on_site_link(self, obj: Section) -> str:
        if not obj.pk:
            return "—"
        url = reverse("guide:section", args=[obj.slug])
        return format_html('<a href="{}">{}</a>', url, url)
