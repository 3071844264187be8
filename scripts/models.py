"""Ready words for hard moments (CONTENT.md section 5).

`Script` is the public library: operators curate it, nothing in it is private.
`MyScript` is the person's own words, all sealed by the vault.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.content_rows import ContentRow
from vault.records import PrivateRecord, SealedJSONField


class Situation(models.TextChoices):
    """The moments the library is sorted by, in the order people are likely to
    need them. The values are kept once published: links (?situation=work) and
    people's own scripts use them."""

    GOT_IN_TOUCH = "got-in-touch", _("They got in touch")
    ENDING_IT = "ending-it", _("Ending it")
    FAMILY_GATHERINGS = "family-gatherings", _("At a family gathering")
    WORK = "work", _("At work")
    SAYING_NO = "saying-no", _("Saying no")
    STEPPING_OUT = "stepping-out", _("When there's shouting")
    BELITTLING = "belittling", _("Being put down")
    ASKING_FOR_SPACE = "asking-for-space", _("Asking for space")
    ONE_CHANNEL = "one-channel", _("Keeping it in writing")
    NO_CONTACT = "no-contact", _("Keeping no contact")


class Tone(models.TextChoices):
    GENTLE = "gentle", _("Gentle")
    FIRM = "firm", _("Firm")
    BRIEF = "brief", _("Brief and neutral")


class Script(ContentRow):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=120)
    # Each script fits one or more situations (values of Situation), the first
    # being the one it is mainly for; checked by the loader and the admin form.
    situations = models.JSONField(_("situations"), default=list)
    tone = models.CharField(_("tone"), max_length=20, choices=Tone.choices)
    body = models.TextField(_("the words to say"))
    note = models.TextField(
        _("when to use it, safety note"),
        blank=True,
        help_text=_("Optional. Shown under the words, e.g. when not to say it in person."),
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "title"]
        verbose_name = _("script")
        verbose_name_plural = _("scripts")

    def __str__(self) -> str:
        return self.title

    @property
    def situation(self) -> str:
        """The situation it is mainly for."""
        return self.situations[0] if self.situations else ""


class MyScript(PrivateRecord):
    """One of the person's own scripts: made in the builder or copied from the library.

    `content` is sealed JSON: title, situation, and either the builder's four
    parts (feel, when, need, then) or free `text`.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="my_scripts"
    )
    content = SealedJSONField(version=1)

    class Meta:
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["owner", "updated_at", "id"])]
