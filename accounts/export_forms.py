"""Forms for downloading everything and bringing an export back in."""

from __future__ import annotations

from django import forms
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

from accounts import passphrase
from accounts.forms import passphrase_field

SEALED = "sealed"
READABLE = "readable"


def optional_passphrase_field(label, help_text=""):
    field = passphrase_field(label, "off", help_text)
    field.required = False
    return field


class ExportForm(forms.Form):
    current = passphrase_field(_("Your passphrase"))
    other = optional_passphrase_field(
        _("A different passphrase for the sealed file (optional)"),
        _(
            "Leave this empty to seal the file with your own passphrase. A different "
            "one helps if you want to give the file to someone you trust."
        ),
    )
    other_again = optional_passphrase_field(_("Type the different passphrase again"))
    # Set by whichever of the two buttons was pressed.
    kind = forms.ChoiceField(
        choices=[(SEALED, SEALED), (READABLE, READABLE)],
        widget=forms.HiddenInput,
        error_messages={"required": _("Please choose one of the two buttons.")},
    )

    def clean(self):
        data = super().clean() or {}
        other, again = data.get("other"), data.get("other_again")
        if data.get("kind") != SEALED:
            return data
        if other:
            strength = passphrase.assess(other)
            if not strength.acceptable:
                self.add_error("other", strength.advice)
            elif other != again:
                self.add_error(
                    "other_again",
                    _("The two passphrases are different. Please type the same one twice."),
                )
        elif again:
            self.add_error("other", _("Please type the different passphrase here as well."))
        return data


class RestoreForm(forms.Form):
    file = forms.FileField(
        label=_("The sealed file (its name ends in .bin)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".bin,application/octet-stream"}),
        error_messages={
            "required": _("Please choose the sealed file."),
            "empty": _("That file is empty. Please check it is the right one."),
        },
    )
    passphrase = passphrase_field(
        _("The passphrase the file was sealed with"),
        "off",
        _("Your passphrase when you made the file, or the different one you chose for it."),
    )

    @classmethod
    def refused(cls, message) -> RestoreForm:
        """A form showing only `message` on the file (the upload was stopped part way)."""
        form = cls({}, MultiValueDict())
        form.full_clean()
        form.errors.clear()
        form.add_error("file", message)
        return form
