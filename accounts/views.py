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

from accounts import actions, forms, throttle
from accounts.decorators import private_view, safe_next
from accounts.models import User, name_key
from core import exits
from core.decorators import public_view
from vault import crypto
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
        # Every attempt counts, so "is this name taken?" can't be asked endlessly.
        buckets = throttle.sign_up_buckets(throttle.client_address(request))
        verdict = throttle.take(buckets)
        if not verdict.allowed:
            # Say nothing about the name (not even "taken"): just slow down.
            form = forms.SignUpForm(initial={"username": request.POST.get("username", "")})
            return render(
                request, "accounts/sign_up.html", {"form": form, "throttled": _too_many(verdict)}
            )
        if form.is_valid():
            user, dek, code = actions.create_account(
                form.cleaned_data["username"], form.cleaned_data["new_passphrase"]
            )
            actions.open_space(request, user, dek)
            _hold_recovery_code(request, code)
            return redirect("accounts:recovery_code")
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


def _try_passphrase(request, form, member, name, passphrase, buckets=None):
    """One Argon2id run decides: the real space, the decoy, or no match."""
    if buckets is None:
        buckets = throttle.sign_in_buckets(name_key(name), throttle.client_address(request))
    verdict = throttle.take(buckets)
    if not verdict.allowed:
        form.add_error(None, _too_many(verdict))
        return None
    result = vault_keyring.unlock(actions.keyring_of(member), passphrase)
    if result is None or member is None:
        logger.info("sign-in refused")
        form.add_error(None, NO_MATCH)
        return None
    throttle.clear(buckets[0])
    throttle.refund(buckets[1])
    account, dek = member, result.dek
    if result.opened is vault_keyring.Opened.DURESS:
        actions.record_duress(member)
        account = member.decoy
    if account.totp_enabled:
        request.session["hv_pending_user"] = str(account.pk)
        request.session["hv_pending_tries"] = 0
        vault_session.start(request, dek, purpose="pending")
        return redirect(f"{reverse('accounts:sign_in_code')}?next={safe_next(request, '')}")
    actions.open_space(request, account, dek)
    return redirect(safe_next(request, settings.HAVEN_HOME_URL))


@public_view
def sign_in(request):
    form = forms.SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        name = form.cleaned_data["username"]
        member = actions.find_member(name)
        response = _try_passphrase(request, form, member, name, form.cleaned_data["passphrase"])
        if response is not None:
            return response
    return render(request, "accounts/sign_in.html", {"form": form, "next": safe_next(request, "")})


def sign_in_code(request):
    pending_id = request.session.get("hv_pending_user")
    dek = vault_session.held_dek(request, purpose="pending") if pending_id else None
    if dek is None:
        return redirect("accounts:sign_in")
    account = User.objects.get(pk=pending_id)
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
            actions.open_space(request, account, dek)
            return redirect(safe_next(request, settings.HAVEN_HOME_URL))
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
        # Counted per device session, not per name: someone guessing a person's
        # name elsewhere can't keep them out of the device they are signed in on.
        buckets = throttle.unlock_buckets(
            request.session.session_key or "", throttle.client_address(request)
        )
        if not throttle.check(buckets).allowed:
            vault_session.lock(request)
            logout(request)
            messages.info(request, _("For safety, this device was signed out after several tries."))
            return redirect("accounts:sign_in")
        member = request.user.owner
        response = _try_passphrase(
            request, form, member, member.username, form.cleaned_data["passphrase"], buckets
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
    """Keep the not-yet-confirmed code sealed in the session, so a refresh shows it again."""
    vault_session.keep(request, PENDING_RECOVERY, code)


def recovery_code(request):
    if not request.user.is_authenticated:
        return redirect("accounts:sign_in")
    if request.vault is None:
        return redirect("accounts:unlock")
    user = request.user
    if user.recovery_confirmed and PENDING_RECOVERY not in request.session:
        return redirect(settings.HAVEN_HOME_URL)
    code = vault_session.kept(request, PENDING_RECOVERY)
    if not code:
        code = actions.renew_recovery_code(user, vault_session.open_dek(request))
        _hold_recovery_code(request, code)
    form = forms.RecoveryConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        typed = crypto.normalise_recovery_code(form.cleaned_data["code"])
        if typed == crypto.normalise_recovery_code(code):
            User.objects.filter(pk=user.pk).update(recovery_confirmed=True)
            request.session.pop(PENDING_RECOVERY, None)
            messages.success(request, _("Thank you. Your recovery code is confirmed."))
            return redirect(settings.HAVEN_HOME_URL)
        form.add_error(
            "code",
            _("That doesn't match the code above. Please check each group of letters and numbers."),
        )
    return render(request, "accounts/recovery_code.html", {"form": form, "code": code})


@public_view
def recover(request):
    form = forms.RecoverForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        name = form.cleaned_data["username"]
        buckets = throttle.sign_in_buckets(name_key(name), throttle.client_address(request))
        verdict = throttle.take(buckets)
        member = actions.find_member(name)
        dek = None
        if not verdict.allowed:
            form.add_error(None, _too_many(verdict))
        else:
            dek = vault_keyring.open_with_recovery_code(
                actions.keyring_of(member), form.cleaned_data["code"]
            )
            if dek is None or member is None:
                form.add_error(
                    None,
                    _(
                        "That sign-in name and recovery code don't match. "
                        "Please check them and try again."
                    ),
                )
        if member is not None and dek is not None:
            throttle.clear(buckets[0])
            actions.recover(member, dek, form.cleaned_data["new_passphrase"])
            member.refresh_from_db()
            actions.open_space(request, member, dek)
            messages.success(
                request,
                _("Your new passphrase is set. Everything you wrote is still here."),
            )
            return redirect("accounts:recovery_code")
    return render(request, "accounts/recover.html", {"form": form})


WRONG_PASSPHRASE = _("That passphrase isn't right. Please try again.")
DECOY_CLAIMS_DURESS = "hv_decoy_duress"


def _passphrase_ok(request, typed: str) -> bool:
    """The passphrase that opened this space: the real one, or in the decoy the duress one.

    Both cost one Argon2id run, so the decoy answers exactly like a real space.
    """
    ring = actions.keyring_of(request.user.owner)
    if ring is None:
        return False
    if request.user.is_decoy:
        return vault_keyring.is_duress_passphrase(ring, typed)
    return vault_keyring.check_passphrase(ring, typed)


def _has_duress(request) -> bool:
    if request.user.is_decoy:
        # The decoy plays along with a duress passphrase "set" from inside it.
        return bool(request.session.get(DECOY_CLAIMS_DURESS))
    ring = actions.keyring_of(request.user)
    return bool(ring and ring.has_duress)


@private_view
def settings_page(request):
    user = request.user
    initial = {
        "auto_lock_minutes": user.auto_lock_minutes,
        "exit_url": user.exit_url or settings.HAVEN_DEFAULT_EXIT_URL,
        "discreet": user.discreet,
    }
    form = forms.PreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        user.auto_lock_minutes = form.cleaned_data["auto_lock_minutes"]
        user.exit_url = form.cleaned_data["exit_url"]
        user.discreet = form.cleaned_data["discreet"]
        user.save(update_fields=["auto_lock_minutes", "exit_url", "discreet"])
        request.hv_set_disguise = user.discreet
        messages.success(request, _("Your settings are saved."))
        response = redirect("accounts:settings")
        exits.remember(response, user.exit_url)
        return response
    # One template for the real space and the decoy: nothing tells them apart.
    return render(
        request, "accounts/settings.html", {"form": form, "has_duress": _has_duress(request)}
    )


@private_view
def change_passphrase(request):
    form = forms.ChangePassphraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user, new = request.user, form.cleaned_data["new_passphrase"]
        ring = actions.keyring_of(user.owner)
        if ring is None or not _passphrase_ok(request, form.cleaned_data["current"]):
            form.add_error("current", WRONG_PASSPHRASE)
        elif user.is_decoy:
            if vault_keyring.check_passphrase(ring, new):
                form.add_error("new_passphrase", _("Please choose a different passphrase."))
            else:
                actions.change_duress_passphrase(user, vault_session.open_dek(request), new)
        elif vault_keyring.is_duress_passphrase(ring, new):
            # Otherwise the duress passphrase would quietly open the real space.
            form.add_error(
                "new_passphrase",
                _("That is your duress passphrase. Your real passphrase must be different."),
            )
        else:
            actions.change_passphrase(user, vault_session.open_dek(request), new)
        if not form.errors:
            messages.success(request, _("Your passphrase is changed. Use the new one next time."))
            return redirect("accounts:settings")
    return render(request, "accounts/change_passphrase.html", {"form": form})


@private_view
def new_recovery_code(request):
    form = forms.ConfirmPassphraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _passphrase_ok(request, form.cleaned_data["current"]):
            code = actions.renew_recovery_code(request.user, vault_session.open_dek(request))
            _hold_recovery_code(request, code)
            return redirect("accounts:recovery_code")
        form.add_error("current", WRONG_PASSPHRASE)
    return render(request, "accounts/new_recovery_code.html", {"form": form})


@private_view
def two_step(request):
    """Two-step sign-in for this space. In the decoy it is the decoy's own."""
    user = request.user
    if user.totp_enabled:
        off = forms.ConfirmPassphraseForm(request.POST or None)
        if request.method == "POST" and off.is_valid():
            if _passphrase_ok(request, off.cleaned_data["current"]):
                actions.disable_totp(user)
                messages.success(request, _("Two-step sign-in is off."))
                return redirect("accounts:settings")
            off.add_error("current", WRONG_PASSPHRASE)
        return render(request, "accounts/two_step_off.html", {"form": off})

    secret = _pending_totp_secret(request)
    form = forms.TotpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if pyotp.TOTP(secret).verify(form.cleaned_data["code"], valid_window=1):
            decoy = (
                None if user.is_decoy else actions.decoy_key(user, vault_session.open_dek(request))
            )
            actions.enable_totp(user, request.vault, secret, decoy[1] if decoy else None)
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
    user = request.user
    form = forms.DuressForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not _passphrase_ok(request, form.cleaned_data["current"]):
            form.add_error("current", WRONG_PASSPHRASE)
        else:
            if user.is_decoy:
                # Plays along: a real space would now have one. Nothing real changes.
                request.session[DECOY_CLAIMS_DURESS] = True
            else:
                actions.set_duress(
                    user, vault_session.open_dek(request), form.cleaned_data["duress"]
                )
            messages.success(
                request,
                _("Your duress passphrase is set. It opens a harmless space you can prepare."),
            )
            return redirect("accounts:settings")
    return render(
        request, "accounts/duress.html", {"form": form, "has_duress": _has_duress(request)}
    )


@private_view
def duress_remove(request):
    if request.method == "POST":
        if request.user.is_decoy:
            request.session.pop(DECOY_CLAIMS_DURESS, None)
        else:
            actions.remove_duress(request.user)
        messages.success(request, _("Your duress passphrase and decoy space are removed."))
        return redirect("accounts:settings")
    return render(request, "accounts/duress_remove.html")


@private_view
@require_POST
def prepare_decoy(request):
    """Step into the decoy space to shape it; the real passphrase brings you back."""
    user = request.user
    message = _(
        "You are in your decoy space. Change anything here to make it look ordinary. "
        "To go back, lock and use your real passphrase."
    )
    if user.is_decoy:
        request.session["hv_preparing"] = True
        messages.info(request, message)
        return redirect(settings.HAVEN_HOME_URL)
    found = actions.decoy_key(user, vault_session.open_dek(request))
    if found is None:
        return redirect("accounts:duress")
    decoy, decoy_dek = found
    actions.open_space(request, decoy, decoy_dek)
    request.session["hv_preparing"] = True
    messages.info(request, message)
    return redirect(settings.HAVEN_HOME_URL)


@private_view
def delete_account(request):
    user = request.user
    form = forms.DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not _passphrase_ok(request, form.cleaned_data["current"]):
            form.add_error("current", WRONG_PASSPHRASE)
        else:
            if user.is_decoy:
                # Deleting the decoy removes it and its passphrase; the real space stays.
                actions.remove_duress(user.owner)
            else:
                actions.delete_account(user)
            vault_session.lock(request)
            logout(request)
            messages.info(request, _("Your space and everything in it have been deleted."))
            return redirect("core:home")
    return render(request, "accounts/delete.html", {"form": form})
