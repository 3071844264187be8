from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from core.decorators import public_view
from resources import api
from resources.forms import CountryForm
from resources.models import HelpLine


def _safe_next(request, candidate: str | None) -> str:
    if (
        candidate
        and candidate.startswith("/")
        and not candidate.startswith(("//", "/\\"))
        and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return candidate
    return ""


def _grouped(lines):
    """Lines by kind; within a kind, people you can call or text come before
    directories and websites."""
    groups = []
    for kind, label in HelpLine.Kind.choices:
        members = [line for line in lines if line.kind == kind]
        members.sort(key=lambda line: not (line.tel or line.sms))
        if members:
            groups.append({"kind": kind, "label": label, "lines": members})
    return groups


@public_view
@require_http_methods(["GET", "POST"])
def index(request):
    if request.method == "POST":
        form = CountryForm(request.POST)
        if form.is_valid():
            code = form.cleaned_data["country"]
            next_url = _safe_next(request, form.cleaned_data["next"])
            target = next_url or reverse("resources:index")
            if next_url and request.POST.get("resubmit"):
                # The page the person chose from was made by a form they sent
                # (the danger screen's result): 307 sends the same form again, so
                # it comes back as it was, now with local numbers.
                response = HttpResponseRedirect(target, preserve_request=True)
            else:
                response = HttpResponseRedirect(target)
            if code:
                response.set_cookie(
                    api.COOKIE,
                    code,
                    max_age=api.COOKIE_MAX_AGE,
                    httponly=True,
                    samesite="Lax",
                    secure=request.is_secure(),
                )
            else:
                response.delete_cookie(api.COOKIE, samesite="Lax")
            return response
        code = api.chosen_country(request)
    else:
        code = api.chosen_country(request)
        form = CountryForm(
            initial={"country": code or "", "next": _safe_next(request, request.GET.get("next"))}
        )
    next_url = _safe_next(request, request.GET.get("next") or request.POST.get("next"))
    response = render(
        request,
        "resources/index.html",
        {
            "form": form,
            "country": api.country(code),
            "groups": _grouped(api.entries_for(code)) if code else [],
            "international": _grouped(api.entries_for(None)),
            "next_url": next_url,
        },
        status=400 if form.is_bound else 200,
    )
    patch_vary_headers(response, ["Cookie"])
    return response
