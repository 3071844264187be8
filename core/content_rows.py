"""The database half of the content loader: kept apart from core/content.py so
that models and admin modules (imported by every web worker) don't load YAML
or pydantic, which only `load_content` needs.
"""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentRow(models.Model):
    """A row loaded from a content file that operators may also edit in the admin."""

    source_version = models.PositiveIntegerField(
        _("content file version"),
        default=0,
        editable=False,
        help_text=_("The version of the content file this row was last loaded from."),
    )
    edited_by_operator = models.BooleanField(
        _("edited by an operator"),
        default=False,
        help_text=_("load_content leaves edited rows alone unless run with --force."),
    )

    class Meta:
        abstract = True


class OperatorEditsAdmin(admin.ModelAdmin):
    """Saving a content row in the admin marks it, so loading never undoes the edit."""

    def save_model(self, request, obj, form, change):
        obj.edited_by_operator = True
        super().save_model(request, obj, form, change)
