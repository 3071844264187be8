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


class RecheckFilter(admin.SimpleListFilter):
    title = _("checked at its source")
    parameter_name = "checked"

    def lookups(self, request, model_admin):
        return (("yes", _("Checked")), ("no", _("Not yet re-checked")))

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(checked_on__isnull=False)
        if self.value() == "no":
            return queryset.filter(checked_on__isnull=True)
        return queryset


# Only operators ever read that an entry has not been re-checked: a person in
# crisis on a public page is never told a number may be wrong.
NOT_RECHECKED = _(
    "Not yet re-checked: nobody has confirmed this entry against its source. Open the "
    "source page, compare the number, hours and name, then set “checked on” to today."
)


@admin.register(HelpLine)
class HelpLineAdmin(ResourcesAdmin):
    list_display = (
        "name",
        "country_or_international",
        "kind",
        "phone",
        "text_option",
        "recheck_status",
        "checked_on",
        "well_known",
        "edited_by_operator",
    )
    list_filter = (
        ("country", admin.RelatedFieldListFilter),
        "kind",
        RecheckFilter,
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
                    "page. People see the date and the source; an entry nobody has checked "
                    "yet shows only its source, and is listed here as not yet re-checked."
                ),
                "fields": ("source", "checked_on", "well_known"),
            },
        ),
        (_("Bookkeeping"), {"fields": ("id", "slug", "edited_by_operator")}),
    )

    @admin.display(description=_("re-checked"), ordering="checked_on")
    def recheck_status(self, obj):
        return _("Checked") if obj.checked_on else _("Not yet re-checked")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            line = self.get_object(request, object_id)
            if line is not None and line.checked_on is None:
                self.message_user(request, NOT_RECHECKED, messages.WARNING)
        return super().change_view(request, object_id, form_url, extra_context)

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
