from django.contrib import admin, messages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.content_rows import OperatorEditsAdmin
from resources.models import Country, HelpLine


class ResourcesAdmin(OperatorEditsAdmin):
    """Saving in the admin marks the row, so loading the file will not undo the edit."""

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Country)
class CountryAdmin(ResourcesAdmin):
    list_display = ("name", "code", "emergency_number", "position", "edited_by_operator")
    list_editable = ("emergency_number", "position")
    search_fields = ("name", "code")
    readonly_fields = ("edited_by_operator",)


@admin.register(HelpLine)
class HelpLineAdmin(ResourcesAdmin):
    list_display = (
        "name",
        "country_or_international",
        "kind",
        "phone",
        "text_option",
        "checked_on",
        "well_known",
        "edited_by_operator",
    )
    list_filter = (
        ("country", admin.RelatedFieldListFilter),
        "kind",
        ("checked_on", admin.EmptyFieldListFilter),
        "well_known",
        "edited_by_operator",
    )
    list_select_related = ("country",)
    search_fields = ("name", "phone", "text_option", "description", "slug", "website")
    ordering = ("country__position", "position", "name")
    readonly_fields = ("id", "edited_by_operator")
    actions = ("mark_checked_today",)
    fieldsets = (
        (None, {"fields": ("country", "kind", "name", "position")}),
        (
            _("How to reach them"),
            {"fields": ("phone", "text_option", "sms_number", "sms_body", "website", "hours")},
        ),
        (_("What people read"), {"fields": ("description",)}),
        (
            _("Where this comes from"),
            {
                "description": _(
                    "Set “checked on” only after you have confirmed the details on the source "
                    "page. People see the date; without one they are asked to confirm before "
                    "relying on it."
                ),
                "fields": ("source", "checked_on", "well_known"),
            },
        ),
        (_("Bookkeeping"), {"fields": ("id", "slug", "edited_by_operator")}),
    )

    @admin.display(description=_("country"), ordering="country__name")
    def country_or_international(self, obj):
        return obj.country.name if obj.country else _("International")

    @admin.action(description=_("I confirmed these at their source today: set checked on"))
    def mark_checked_today(self, request, queryset):
        count = queryset.update(checked_on=timezone.localdate(), edited_by_operator=True)
        self.message_user(
            request,
            ngettext(
                "%d help line marked as checked today.",
                "%d help lines marked as checked today.",
                count,
            )
            % count,
            messages.SUCCESS,
        )
