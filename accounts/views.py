import base64
import io
import logging

import pyotp
import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import actions, devices, forms, spaces, throttle
from accounts.decorators import private_view, safe_next
from accounts.models import User, name_key
from core import discreet, exits
from core.decorators import public_view
from vault import keyring as vault_keyring
from vault import session as vault_session
from vault.box import Box

logger = logging.getLogger("haven.accounts")
PENDING_RECOVERY = "hv_rc"
PENDING_TOTP = "hv_totp"


@public_view
def sign_up(request):
    form = forms.SignUpForm(request.POST or None)
    if request.method == "POST":
        # Every attempt counts, on the address and on the name's own budget (the
        # one sign-in guesses use), so asking "is this name taken?" tells no
        # more, no faster, than guessing at the name's passphrase would.
        name = request.POST.get("username", "")
        buckets = throttle.sign_up_buckets(throttle.client_address(request), name_key(name))
        verdict = throttle.take(buckets)
        if not verdict.allowed:
            # Say nothing about the name (not even "taken"): just slow down.
            form = forms.SignUpForm(initial={"username": name})
            return render(
                request, "accounts/sign_up.html", {"form": form, "throttled": _too_many(verdict)}
            )
        if form.is_valid():
            user, dek, code = actions.create_account(
                form.cleaned_data["username"], form.cleaned_data["new_passphrase"]
            )
            throttle.refund(throttle.name_buckets(name_key(name)))
            actions.open_space(request, user, dek)
            request.session[actions.FIRST_VISIT] = True
            _hold_recovery_code(request, code)
            return redirect("accounts:recovery_code")
        # A refused sign-up costs the one slow run a sign-in costs, so the time
        # taken doesn't tell a taken name from a free one either.
        vault_keyring.derive(None, request.POST.get("new_passphrase", ""))
    return render(request, "accounts/sign_up.html", {"form": form})


def _too_many(verdict):
    return _(
        "There have been too many tries. For your safety, please wait "
        "%(minutes)d minutes and try again."
    ) % {"minutes": verdict.minutes}


NO_MATCH = _(
    "That sign-in name and passphrase don't match. Please check them and try again. "
    "Passphrases are case-sensitive."
)


def _try_passphrase(request, form, members, passphrase, buckets):
    """One Argon2id run decides: the real space, a decoy, or no match."""
    verdict = throttle.take(buckets)
    if not verdict.allowed:
        form.add_error(None, _too_many(verdict))
        return None
    found = spaces.unlock(members, passphrase)
    if found is None:
        logger.info("sign-in refused")
        form.add_error(None, NO_MATCH)
        return None
    throttle.refund(buckets)
    if found.depth:
        actions.record_duress(found.member)
    account = found.space
    if account.totp_enabled:
        request.session["hv_pending_user"] = str(account.pk)
        request.session["hv_pending_tries"] = 0
        vault_session.start(request, found.dek, purpose="pending", epoch=account.session_epoch)
        return redirect(f"{reverse('accounts:sign_in_code')}?next={safe_next(request, '')}")
    return _signed_in(request, found.member, account, found.dek)


def _signed_in(request, member: User, account: User, dek: bytes, to: str = ""):
    """Open `account` and remember this browser for it (the same for the real
    space and a decoy, so the two answers look alike)."""
    actions.open_space(request, account, dek)
    if account.pk == member.pk and member.tell_decoy_deleted:
        User.objects.filter(pk=member.pk).update(tell_decoy_deleted=False)
        messages.warning(request, DECOY_DELETED)
    response = redirect(to or safe_next(request, settings.HAVEN_HOME_URL))
    devices.remember(request, response, account)
    return response


DECOY_DELETED = _(
    "Your decoy space was deleted from inside it, so your duress passphrase no "
    "longer opens anything. Everything here is safe. To anyone else your sign-in "
    "name now looks free, and your name and passphrase still open this space. "
    "You can set a new duress passphrase in Settings."
)


@public_view
def sign_in(request):
    form = forms.SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        name = form.cleaned_data["username"]
        members = spaces.members_named(name)
        remembered = devices.recognised(request, spaces.every_space(members))
        buckets = throttle.sign_in_buckets(
            name_key(name), throttle.client_address(request), remembered
        )
        response = _try_passphrase(request, form, members, form.cleaned_data["passphrase"], buckets)
        if response is not None:
            return response
    return render(request, "accounts/sign_in.html", {"form": form, "next": safe_next(request, "")})


def sign_in_code(request):
    pending_id = request.session.get("hv_pending_user")
    account = User.objects.filter(pk=pending_id).first() if pending_id else None
    dek = (
        vault_session.held_dek(request, purpose="pending", epoch=account.session_epoch)
        if account
        else None
    )
    if account is None or dek is None:
        return redirect("accounts:sign_in")
    form = forms.TotpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        tries = request.session.get("hv_pending_tries", 0) + 1
        request.session["hv_pending_tries"] = tries
        bucket = throttle.totp_bucket(account.pk)
        verdict = throttle.take([bucket])
        if not verdict.allowed:
            vault_session.lock(request)
            request.session.pop("hv_pending_user", None)
            messages.error(request, _too_many(verdict))
            return redirect("accounts:sign_in")
        if actions.totp_matches(account, Box(dek), form.cleaned_data["code"]):
            throttle.clear(bucket)
            return _signed_in(request, account.owner, account, dek)
        if tries >= 5:
            vault_session.lock(request)
            request.session.pop("hv_pending_user", None)
            messages.error(request, _("That code didn't work several times. Please start again."))
            return redirect("accounts:sign_in")
        form.add_error(
            "code",
            _("That code didn't work. Codes change every 30 seconds: please try the newest one."),
        )
    return render(request, "accounts/sign_in_code.html", {"form": form})


def unlock(request):
    if not request.user.is_authenticated:
        return redirect("accounts:sign_in")
    if request.vault is not None:
        return redirect(safe_next(request, settings.HAVEN_HOME_URL))
    form = forms.UnlockForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Counted by the space this device has open, never per name or address:
        # someone guessing a person's name elsewhere, or on the same network,
        # can't keep them out of the device they are signed in on.
        member = spaces.load(request.user.owner)
        buckets = throttle.unlock_buckets(request.user.pk)
        if not throttle.check(buckets).allowed:
            vault_session.lock(request)
            logout(request)
            messages.info(request, _("For safety, this device was signed out after several tries."))
            return redirect("accounts:sign_in")
        response = _try_passphrase(
            request, form, [member], form.cleaned_data["passphrase"], buckets
        )
        if response is not None:
            return response
    return render(
        request,
        "accounts/unlock.html",
        {"form": form, "next": safe_next(request, ""), "idle": request.GET.get("idle")},
    )


def lock(request):
    # GET is allowed too: the idle timer and the no-JavaScript quick exit use it.
    if request.user.is_authenticated:
        vault_session.lock(request)
    if request.GET.get("idle"):
        return redirect(reverse("accounts:unlock") + "?idle=1")
    return redirect("accounts:unlock")


@require_POST
def still_here(request):
    return HttpResponse(status=204)


@require_POST
def sign_out(request):
    vault_session.lock(request)
    logout(request)
    messages.info(request, _("You are signed out."))
    return redirect("accounts:sign_in")


def _hold_recovery_code(request, code: str) -> None:
    """Keep the not-yet-confirmed code sealed in this session, so a refresh shows it
    again. Only the session that was issued it ever sees it."""
    vault_session.keep(request, PENDING_RECOVERY, code)


def recovery_code(request):
    if not request.user.is_authenticated:
        return redirect("accounts:sign_in")
    if request.vault is None:
        return redirect("accounts:unlock")
    user = request.user
    dek = vault_session.open_dek(request)
    code = vault_session.kept(request, PENDING_RECOVERY)
    if code and not actions.recovery_code_opens(user, code, dek):
        code = ""  # replaced since: it would be a dead code to trust
    if not code:
        request.session.pop(PENDING_RECOVERY, None)
        if user.recovery_confirmed:
            return redirect(settings.HAVEN_HOME_URL)
        return _reissue_recovery_code(request)
    form = forms.RecoveryConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Checked against the code stored for this space, not this page's copy.
        if actions.confirm_recovery_code(user, form.cleaned_data["code"], dek):
            request.session.pop(PENDING_RECOVERY, None)
            messages.success(request, _("Thank you. Your recovery code is confirmed."))
            return redirect(settings.HAVEN_HOME_URL)
        form.add_error(
            "code",
            _("That doesn't match the code above. Please check each group of letters and numbers."),
        )
    return render(
        request,
        "accounts/recovery_code.html",
        # Shown group by group, so a narrow screen never breaks one in two.
        {"form": form, "code_groups": code.split("-")},
    )


def _reissue_recovery_code(request):
    """The code was never confirmed and this session wasn't the one shown it
    (say the tab was closed): a new one is shown after the passphrase."""
    return _renew_recovery_code(request, "accounts/recovery_code_again.html")


@public_view
def recover(request):
    form = forms.RecoverForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        name = form.cleaned_data["username"]
        # A budget of its own: guesses at signing in don't use up recovery,
        # nor the other way round.
        buckets = throttle.recovery_buckets(name_key(name), throttle.client_address(request))
        verdict = throttle.take(buckets)
        members = spaces.members_named(name)
        found = None
        if not verdict.allowed:
            form.add_error(None, _too_many(verdict))
        else:
            found = spaces.recover(members, form.cleaned_data["code"])
            if found is None:
                form.add_error(
                    None,
                    _(
                        "That sign-in name and recovery code don't match. "
                        "Please check them and try again."
                    ),
                )
        if found is not None:
            # Not given back: a recovery sets a new passphrase, which (in a
            # decoy) must not become a free way to test guesses.
            space = found.space
            code = actions.recover(space, found.dek, form.cleaned_data["new_passphrase"])
            space.refresh_from_db()
            response = _signed_in(
                request, found.member, space, found.dek, to=reverse("accounts:recovery_code")
            )
            _hold_recovery_code(request, code)
            messages.success(
                request,
                _("Your new passphrase is set. Everything you wrote is still here."),
            )
            return response
    return render(request, "accounts/recover.html", {"form": form})


WRONG_PASSPHRASE = _("That passphrase isn't right. Please try again.")


def _confirm_passphrase(request, form, field: str = "current", refund: bool = True) -> bool:
    """The passphrase of this space (in a decoy: the one that opens the decoy),
    checked with one Argon2id run and counted on the name's budget like a
    sign-in, in the real space and the decoy alike.

    `refund=False` where the form carries a second guess as well (a new
    passphrase): then every try costs one, right or wrong.
    """
    member = request.user.owner
    buckets = throttle.name_buckets(name_key(member.username))
    verdict = throttle.take(buckets)
    if not verdict.allowed:
        form.add_error(None, _too_many(verdict))
        return False
    if spaces.opens(request.user, form.cleaned_data[field]):
        if refund:
            throttle.refund(buckets)
        return True
    form.add_error(field, WRONG_PASSPHRASE)
    return False


@private_view
def settings_page(request):
    user = request.user
    initial = {
        "auto_lock_minutes": user.auto_lock_minutes,
        "exit_url": user.exit_url or settings.HAVEN_DEFAULT_EXIT_URL,
        "discreet": user.discreet,
    }
    form = forms.PreferencesForm(
        request.POST or None, initial=initial, discreet_on=discreet.is_on(request)
    )
    if request.method == "POST" and form.is_valid():
        actions.save_device_settings(
            user,
            form.cleaned_data["auto_lock_minutes"],
            form.cleaned_data["exit_url"],
            form.cleaned_data["discreet"],
        )
        request.hv_set_disguise = user.discreet
        messages.success(request, _("Your settings are saved."))
        response = redirect("accounts:settings")
        exits.remember(response, user.exit_url)
        return response
    # One template for the real space and the decoy: nothing tells them apart.
    return render(
        request,
        "accounts/settings.html",
        {
            "form": form,
            "writing_form": forms.WritingForm(initial={"show_help_lines": user.show_help_lines}),
            "has_duress": spaces.has_duress(request.user),
        },
    )


@private_view
@require_POST
def writing_settings(request):
    form = forms.WritingForm(request.POST)
    form.is_valid()  # one tick box: unticked is an answer too
    actions.save_writing_settings(request.user, form.cleaned_data.get("show_help_lines", False))
    messages.success(request, _("Your settings are saved."))
    return redirect("accounts:settings")


@private_view
def change_passphrase(request):
    form = forms.ChangePassphraseForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _confirm_passphrase(request, form, refund=False)
    ):
        # Whatever the new passphrase is, the answer is the same (see the action).
        actions.change_passphrase(
            request.user, vault_session.open_dek(request), form.cleaned_data["new_passphrase"]
        )
        actions.stay_signed_in(request, request.user)
        messages.success(request, _("Your passphrase is changed. Use the new one next time."))
        return redirect("accounts:settings")
    return render(
        request,
        "accounts/change_passphrase.html",
        {"form": form, "has_duress": spaces.has_duress(request.user)},
    )


@private_view
def new_recovery_code(request):
    return _renew_recovery_code(request, "accounts/new_recovery_code.html")


def _renew_recovery_code(request, template: str):
    """After the passphrase: a new code, shown to this session only; other sessions end."""
    form = forms.ConfirmPassphraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _confirm_passphrase(request, form):
        code = actions.renew_recovery_code(request.user, vault_session.open_dek(request))
        actions.stay_signed_in(request, request.user)
        _hold_recovery_code(request, code)
        return redirect("accounts:recovery_code")
    return render(request, template, {"form": form})


@private_view
def two_step(request):
    """Two-step sign-in for this space. In a decoy it is the decoy's own."""
    user = request.user
    if user.totp_enabled:
        off = forms.ConfirmPassphraseForm(request.POST or None)
        if request.method == "POST" and off.is_valid() and _confirm_passphrase(request, off):
            actions.disable_totp(user)
            actions.stay_signed_in(request, user)
            messages.success(request, _("Two-step sign-in is off."))
            return redirect("accounts:settings")
        return render(request, "accounts/two_step_off.html", {"form": off})

    secret = _pending_totp_secret(request)
    form = forms.TotpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if pyotp.TOTP(secret).verify(form.cleaned_data["code"], valid_window=1):
            actions.enable_totp(user, vault_session.open_dek(request), secret)
            actions.stay_signed_in(request, user)
            request.session.pop(PENDING_TOTP, None)
            messages.success(request, _("Two-step sign-in is on. You'll need your app to sign in."))
            return redirect("accounts:settings")
        form.add_error(
            "code", _("That code didn't work. Please try the newest code your app shows.")
        )
    uri = pyotp.TOTP(secret).provisioning_uri(name="Notes", issuer_name="Notes")
    svg = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    svg.save(buffer)
    qr_data = base64.b64encode(buffer.getvalue()).decode()
    return render(
        request,
        "accounts/two_step_on.html",
        {
            "form": form,
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "qr_src": f"data:image/svg+xml;base64,{qr_data}",
        },
    )


def _pending_totp_secret(request) -> str:
    """The secret being set up, sealed in the session until the first code works."""
    secret = vault_session.kept(request, PENDING_TOTP)
    if not secret:
        secret = pyotp.random_base32()
        vault_session.keep(request, PENDING_TOTP, secret)
    return secret


@private_view
def duress(request):
    form = forms.DuressForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _confirm_passphrase(request, form):
        # In a decoy too: its duress passphrase opens a fresh decoy below it,
        # just as a real space's would.
        actions.set_duress(
            request.user, vault_session.open_dek(request), form.cleaned_data["duress"]
        )
        actions.stay_signed_in(request, request.user)
        messages.success(
            request,
            _("Your duress passphrase is set. It opens a harmless space you can prepare."),
        )
        return redirect("accounts:settings")
    return render(
        request,
        "accounts/duress.html",
        {"form": form, "has_duress": spaces.has_duress(request.user)},
    )


@private_view
def duress_remove(request):
    form = forms.ConfirmPassphraseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid() and _confirm_passphrase(request, form):
        actions.remove_duress(request.user)
        actions.stay_signed_in(request, request.user)
        messages.success(request, _("Your duress passphrase and decoy space are removed."))
        return redirect("accounts:settings")
    return render(request, "accounts/duress_remove.html", {"form": form})


@private_view
@require_POST
def prepare_decoy(request):
    """Step into the decoy space to shape it; the real passphrase brings you back.

    In a decoy this steps into its own decoy, as it would in a real space."""
    found = actions.decoy_key(request.user, vault_session.open_dek(request))
    if found is None:
        return redirect("accounts:duress")
    decoy, decoy_dek = found
    actions.open_space(request, decoy, decoy_dek)
    request.session["hv_preparing"] = True
    messages.info(
        request,
        _(
            "You are in your decoy space. Change anything here to make it look ordinary. "
            "To go back, lock and use your real passphrase."
        ),
    )
    return redirect(settings.HAVEN_HOME_URL)


@private_view
def delete_account(request):
    user = request.user
    form = forms.DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _confirm_passphrase(request, form):
        if not user.is_decoy:
            actions.delete_account(user)
        elif request.session.get("hv_preparing"):
            # Stepped in from the space above to prepare it: only this decoy goes.
            actions.remove_duress(spaces.parent_of(user))
        else:
            # Opened by a duress passphrase: it must look exactly like a real
            # deletion (the name is freed too), while the real space stays.
            actions.hide_member(user.owner)
        vault_session.lock(request)
        logout(request)
        messages.info(request, _("Your space and everything in it have been deleted."))
        return redirect("core:home")
    return render(request, "accounts/delete.html", {"form": form})
