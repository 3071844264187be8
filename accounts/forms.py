import re

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts import passphrase
from accounts.models import User, name_key
from core import discreet, exits
from vault.forms import PRIVATE_TEXT

NAME_RE = re.compile(r"^[\w.\- ]{3,40}$")
# Names and codes: never remembered, corrected or capitalised by the browser.
PRIVATE = {**PRIVATE_TEXT, "autocapitalize": "off"}


def passphrase_field(label, autocomplete="off", help_text=""):
    # "off" everywhere: on a shared device a saved passphrase is an open door.
    return forms.CharField(
        label=label,
        strip=False,
        max_length=passphrase.MAX_LENGTH,
        help_text=help_text,
        widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}),
        error_messages={
            "required": _("Please type your passphrase."),
            "max_length": _(
                "That passphrase is longer than Haven can take. "
                "Please keep it to %(limit_value)d characters or fewer."
            ),
        },
    )


def name_field():
    return forms.CharField(
        label=_("Sign-in name"),
        max_length=40,
        widget=forms.TextInput(attrs=PRIVATE),
        error_messages={"required": _("Please type your sign-in name.")},
    )


class NewPassphraseForm(forms.Form):
    """Checks a new passphrase and its repeat; used by sign-up, change and recovery."""

    avoid_fields: tuple[str, ...] = ()

    def clean(self):
        data = super().clean() or {}
        new, again = data.get("new_passphrase"), data.get("new_passphrase_again")
        if new:
            avoid = tuple(str(data.get(f, "")) for f in self.avoid_fields)
            strength = passphrase.assess(new, avoid)
            if not strength.acceptable:
                self.add_error("new_passphrase", strength.advice)
            elif again is not None and new != again:
                self.add_error(
                    "new_passphrase_again",
                    _("The two passphrases are different. Please type the same one twice."),
                )
        return data


class SignUpForm(NewPassphraseForm):
    avoid_fields = ("username",)
    username = forms.CharField(
        label=_("Choose a sign-in name"),
        max_length=40,
        help_text=_("Anything you like, 3 to 40 letters or numbers. Not your real name or email."),
        widget=forms.TextInput(attrs=PRIVATE),
        error_messages={"required": _("Please choose a sign-in name.")},
    )
    new_passphrase = passphrase_field(
        _("Choose a passphrase"),
        "off",
        _("At least 10 characters. A few unrelated words are easy to remember and hard to guess."),
    )
    new_passphrase_again = passphrase_field(_("Type the passphrase again"))

    def clean_username(self):
        name = self.cleaned_data["username"].strip()
        if not NAME_RE.match(name):
            raise forms.ValidationError(
                _("Please use 3 to 40 letters, numbers, spaces, dots, dashes or underscores.")
            )
        if User.objects.filter(username_key=name_key(name)).exists():
            raise forms.ValidationError(
                _("Someone already uses that name. Please try a different one.")
            )
        return name


class SignInForm(forms.Form):
    username = name_field()
    passphrase = passphrase_field(_("Passphrase"))


class UnlockForm(forms.Form):
    passphrase = passphrase_field(_("Passphrase"))


class TotpForm(forms.Form):
    code = forms.CharField(
        label=_("6-digit code from your authenticator app"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": r"[0-9 ]*"}
        ),
        error_messages={"required": _("Please type the code your app shows.")},
    )

    def clean_code(self):
        code = self.cleaned_data["code"].replace(" ", "")
        if not code.isdigit() or len(code) != 6:
            raise forms.ValidationError(_("The code is 6 numbers. Please check and try again."))
        return code


class RecoveryConfirmForm(forms.Form):
    code = forms.CharField(
        label=_("Type your recovery code to show you have it"),
        max_length=60,
        widget=forms.TextInput(attrs=PRIVATE),
        error_messages={"required": _("Please type the recovery code shown above.")},
    )


class RecoverForm(NewPassphraseForm):
    avoid_fields = ("username",)
    username = name_field()
    code = forms.CharField(
        label=_("Recovery code"),
        max_length=60,
        widget=forms.TextInput(attrs=PRIVATE),
        error_messages={"required": _("Please type your recovery code.")},
    )
    new_passphrase = passphrase_field(_("New passphrase"))
    new_passphrase_again = passphrase_field(_("Type the new passphrase again"))


class ChangePassphraseForm(NewPassphraseForm):
    current = passphrase_field(_("Your current passphrase"))
    new_passphrase = passphrase_field(_("New passphrase"))
    new_passphrase_again = passphrase_field(_("Type the new passphrase again"))


class DuressForm(forms.Form):
    current = passphrase_field(_("Your real passphrase"))
    duress = passphrase_field(
        _("Duress passphrase"),
        "off",
        _("Different from your real one, but easy to remember under stress."),
    )
    duress_again = passphrase_field(_("Type the duress passphrase again"))

    def clean(self):
        data = super().clean() or {}
        duress, again = data.get("duress"), data.get("duress_again")
        if duress:
            if len(duress) < passphrase.MIN_LENGTH:
                self.add_error(
                    "duress",
                    _("Please use at least %(n)d characters.") % {"n": passphrase.MIN_LENGTH},
                )
            elif again is not None and duress != again:
                self.add_error(
                    "duress_again",
                    _("The two passphrases are different. Please type the same one twice."),
                )
            elif duress == data.get("current"):
                self.add_error(
                    "duress", _("The duress passphrase must be different from your real one.")
                )
        return data


class ConfirmPassphraseForm(forms.Form):
    current = passphrase_field(_("Your passphrase"))


class DeleteAccountForm(forms.Form):
    current = passphrase_field(_("Your passphrase"))
    understood = forms.BooleanField(
        label=_("I understand this deletes my space and everything in it, for good."),
        error_messages={"required": _("Please tick the box to confirm.")},
    )


class WritingForm(forms.Form):
    show_help_lines = forms.BooleanField(
        label=_("Show help lines when what I write sounds heavy"),
        required=False,
    )


class PreferencesForm(forms.Form):
    auto_lock_minutes = forms.TypedChoiceField(
        label=_("Lock automatically after"),
        coerce=int,
        choices=[
            (2, _("2 minutes")),
            (5, _("5 minutes")),
            (15, _("15 minutes")),
            (30, _("30 minutes")),
            (60, _("1 hour")),
        ],
    )
    exit_url = forms.ChoiceField(label=_("Quick exit opens"), choices=exits.CHOICES)
    discreet = forms.ChoiceField(
        label=_("Discreet mode"),
        choices=discreet.CHOICES,
        required=False,
        # Says what accounts.actions.save_device_settings and open_space do:
        # the choice is saved with the account and set on this browser at
        # once; another browser takes it on when the person signs in there,
        # and keeps it after signing out.
        help_text=_(
            "Shows a plain name, icon and everyday words instead of Haven's. "
            "This browser keeps it after you sign out, so the sign-in page looks "
            "plain too. Another phone or computer changes the next time you sign "
            "in on it."
        ),
    )

    def __init__(self, *args, discreet_on: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if discreet_on:
            # Under a disguise the page says nothing about Haven or leaving.
            self.fields["exit_url"].label = _("The Close button opens")
            choice = self.fields["discreet"]
            assert isinstance(choice, forms.ChoiceField)
            choice.choices = [("", _("Off")), *discreet.CHOICES[1:]]
            self.fields["discreet"].label = _("Plain look")
            self.fields["discreet"].help_text = _(
                "Shows a plain name, icon and words. This browser keeps it after "
                "you sign out. Another phone or computer changes the next time "
                "you sign in on it."
            )
