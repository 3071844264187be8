from functools import wraps

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from core.views import typed_back


def private_view(view):
    """The person is signed in, their vault is open, and their recovery code is safe."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to(request, "accounts:sign_in")
        if request.vault is None:
            if request.method == "POST":
                # It locked while they typed: give their words back, don't drop them.
                return typed_back(request, locked=True)
            return redirect_to(request, "accounts:unlock")
        if not request.user.recovery_confirmed:
            return redirect("accounts:recovery_code")
        return view(request, *args, **kwargs)

    return wrapper


def redirect_to(request, name):
    url = reverse(name)
    if request.method == "GET":
        url += "?next=" + request.path
    return redirect(url)


def safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default
