import json
import re

from django.conf import settings
from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from core import discreet, exits
from core.decorators import public_view
from vault import session as vault_session


@csrf_exempt  # the worst a forged request can do is lock someone's vault
def quick_exit(request):
    """Lock and leave. With JavaScript this is called as a beacon (POST) while
    the page replaces itself; without it, the button is a plain link here."""
    if request.user.is_authenticated:
        vault_session.lock(request)
    if request.method == "POST":
        return HttpResponse(status=204)
    return HttpResponseRedirect(exits.exit_url_for(request))


@public_view
@require_GET
def manifest(request):
    disguise = discreet.current(request)
    data = {
        "name": str(disguise.name),
        "short_name": str(disguise.name),
        "start_url": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": disguise.colour,
        "icons": [{"src": static(disguise.icon), "sizes": "any", "type": "image/svg+xml"}],
    }
    return HttpResponse(json.dumps(data), content_type="application/manifest+json")


@public_view
@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico on their own: answer with the disguise's icon."""
    return HttpResponseRedirect(static(discreet.current(request).icon))


@public_view
@require_GET
def health(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@public_view
@require_GET
def ping(request):
    """The cheapest view on the full stack: the benchmark's baseline."""
    return HttpResponse("pong", content_type="text/plain")


# Field names whose values are secrets: never shown back.
SECRET_FIELD = re.compile(r"passphrase|password|current|duress|code|token", re.IGNORECASE)


def csrf_failure(request, reason=""):
    """A form was refused for safety (it was open across a lock, or in another
    tab). Whatever the person typed is shown back so nothing is lost."""
    return typed_back(request, locked=False)


def _typed(request) -> list[str]:
    return [
        value
        for name in request.POST
        if not SECRET_FIELD.search(name)
        for value in request.POST.getlist(name)
        if len(value.strip()) > 2 and not value.strip().isdigit()
    ][:50]


def typed_back(request, locked: bool):
    """The "not sent" page, showing back what was typed (never secrets)."""
    return render(
        request, "core/csrf_failure.html", {"typed": _typed(request), "locked": locked}, status=403
    )


def busy(request, retry_after: int):
    """Every Argon2id slot stayed taken (vault/gate.py): come back in a moment.
    What was typed is shown back, as on the "not sent" page."""
    response = render(request, "core/busy.html", {"typed": _typed(request)}, status=503)
    response["Retry-After"] = str(retry_after)
    return response


@public_view
def safety(request):
    return render(request, "core/safety.html")


@public_view
def home(request):
    user = request.user
    if user.is_authenticated and user.is_staff and user.has_usable_password():
        # Operators have no private space, only the operators' pages.
        return HttpResponseRedirect(reverse("admin:index"))
    if user.is_authenticated:
        return HttpResponseRedirect(settings.HAVEN_HOME_URL)
    return render(request, "core/welcome.html")
