"""Daily reminders (CONTENT.md's gentle words, one a day) and the person's saved ones.

`Reminder` is the public library, loaded from inspire/data/reminders.yaml:
nothing in it is private. `SavedReminders` is one sealed document per member
holding which reminders they kept and their own note on each: which words
someone keeps says something about them, so the list itself is sealed, and one
row per member means not even the number kept shows in the database.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.content_rows import ContentRow
from vault.records import PrivateDocument, SealedJSONField


class Theme(models.TextChoices):
    SELF_WORTH = "self-worth", _("Self-worth")
    BOUNDARIES = "boundaries", _("Boundaries")
    HEALING = "healing", _("Healing")
    SETBACKS = "setbacks", _("Setbacks")
    REST = "rest", _("Rest")
    SMALL_WINS = "small-wins", _("Small wins")
    MEMORY = "trusting-your-memory", _("Trusting your memory")
    HELP = "asking-for-help", _("Asking for help")
    PRACTICAL = "money-and-practical-steps", _("Money and practical steps")
    WORK = "work", _("Work")
    FAMILY = "family", _("Family")


# Short enough to read at a glance on a phone and to fit the image card.
TEXT_MAX = 200


class Reminder(ContentRow):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    theme = models.CharField(_("theme"), max_length=40, choices=Theme.choices)
    text = models.CharField(_("text"), max_length=TEXT_MAX)
    # The order of the days: the file's order, new ones added at the end.
    position = models.PositiveIntegerField(_("position"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")

    def __str__(self) -> str:
        return self.slug


class SavedReminders(PrivateDocument):
    """The person's board: `data` is sealed JSON, {"items": [{"id", "slug",
    "saved_on", "note"}]}, newest first. `id` is a random name for one saved
    item, so its note page has an address that says nothing about which
    reminder it is."""

    data = SealedJSONField(version=1)

    class Meta:
        verbose_name = _("saved reminders")
        verbose_name_plural = _("saved reminders")
