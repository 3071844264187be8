"""Help lines and services people can turn to, by country.

Nothing here is private: this is public reference data that operators curate.
The facts come from resources/data/helplines.yaml (see resources.content_files)
and can be corrected in the admin.
"""

import uuid
from urllib.parse import quote, urlsplit

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.content_rows import ContentRow


class Country(ContentRow):
    code = models.CharField(
        _("code"), max_length=2, unique=True, help_text=_("Two-letter ISO code, e.g. GB.")
    )
    name = models.CharField(_("name"), max_length=100)
    emergency_number = models.CharField(_("emergency number"), max_length=40)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.code = self.code.upper()
        super().save(*args, **kwargs)


class HelpLine(ContentRow):
    class Kind(models.TextChoices):
        EMERGENCY = "emergency", _("Emergency")
        DOMESTIC_ABUSE = "domestic_abuse", _("Domestic abuse support")
        CRISIS = "crisis", _("Crisis and emotional support")
        TEXT = "text", _("Text and chat support")
        LEGAL_AID = "legal_aid", _("Legal help")
        OTHER = "other", _("Other support")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Set for entries that come from the data file. Leave empty for your own."),
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.CASCADE,
        related_name="help_lines",
        null=True,
        blank=True,
        help_text=_("Leave empty for the international fallback shown to everyone."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    text_option = models.CharField(
        _("text option"), max_length=200, blank=True, help_text=_('e.g. "Text START to 88788".')
    )
    sms_number = models.CharField(
        _("SMS number"), max_length=30, blank=True, help_text=_("Makes the text option a link.")
    )
    sms_body = models.CharField(_("SMS first word"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    hours = models.CharField(_("hours"), max_length=120, blank=True)
    description = models.TextField(_("description"), blank=True)
    source = models.URLField(
        _("source"), blank=True, help_text=_("The organisation's own page the facts come from.")
    )
    checked_on = models.DateField(
        _("checked on"),
        null=True,
        blank=True,
        help_text=_(
            "The day an operator confirmed these facts at the source. Leave empty until then."
        ),
    )
    well_known = models.BooleanField(
        _("well-known emergency number"),
        default=False,
        help_text=_("For national emergency numbers everyone can rely on."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["country__position", "position", "name"]
        verbose_name = _("help line")
        verbose_name_plural = _("help lines")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # Entries operators add have no slug; NULL keeps the unique check happy.
        self.slug = self.slug or None
        super().save(*args, **kwargs)

    @property
    def tel(self) -> str:
        """The phone number as a tel: target (digits and a leading +)."""
        if not self.phone:
            return ""
        digits = "".join(ch for ch in self.phone if ch.isdigit())
        return ("+" if self.phone.strip().startswith("+") else "") + digits

    @property
    def sms(self) -> str:
        if not self.sms_number:
            return ""
        number = "".join(ch for ch in self.sms_number if ch.isdigit() or ch == "+")
        # "?&body=" is understood by both Android and iOS messaging apps.
        return f"sms:{number}?&body={quote(self.sms_body)}" if self.sms_body else f"sms:{number}"

    @property
    def website_host(self) -> str:
        return _host(self.website)

    @property
    def source_host(self) -> str:
        return _host(self.source)

    @property
    def kind_order(self) -> int:
        return list(self.Kind.values).index(self.kind)


def _host(url: str) -> str:
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")
