import hashlib
import re
import secrets
from collections.abc import Callable
from functools import cache

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.csrf import get_token
from django.middleware.gzip import GZipMiddleware
from django.middleware.security import SecurityMiddleware
from django.utils import translation

from core import discreet, features

# Views that read nothing of the person: answered without loading their
# session, account or vault (see needs_nothing).
BARE_URL_NAMES = ("core:ping", "core:health")


@cache
def _bare_paths() -> frozenset[str]:
    return frozenset(features.url(name) for name in BARE_URL_NAMES)


def needs_nothing(request) -> bool:
    """Whether this request is one that reads nothing of the person.

    Health checks, the benchmark's ping and static files (when WhiteNoise
    lets one through) pay for no session, account or vault: the middlewares
    that would load them step aside. Security headers still apply, and
    nothing about the session changes (not even its idle clock), so the
    quick exit and the idle lock behave as before.
    """
    return request.path in _bare_paths() or request.path_info.startswith(settings.STATIC_URL)


PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "interest-cohort",
        "browsing-topics",
    )
)


def safety_headers(request, response, nonce: str) -> None:
    """The headers every answer carries: what it may load, that no one stores it."""
    response.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; "
        f"script-src 'self' 'nonce-{nonce}'; "
        f"style-src 'self' 'nonce-{nonce}'; "
        "img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        "manifest-src 'self'; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'",
    )
    response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
    response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
    cacheable = getattr(response, "haven_cacheable", False)
    if not request.path.startswith(settings.STATIC_URL) and not cacheable:
        response["Cache-Control"] = "no-store, max-age=0"
        response["Pragma"] = "no-cache"
        response["Expires"] = "0"


@cache
def _bare_views() -> dict[str, Callable[..., HttpResponse]]:
    from django.urls import resolve

    return {path: resolve(path).func for path in _bare_paths()}


class FrontDoorMiddleware:
    """Answers the requests that need nothing (the health check, the ping)
    before any other middleware runs, so a load balancer's checks and the
    benchmark's ping cost what Django itself costs and no more.

    First in MIDDLEWARE. The answer still carries every safety header the
    rest of the chain would add (Django's SecurityMiddleware's, ours, and
    X-Frame-Options); nothing about the person is read or touched, so their
    session's idle clock does not move. Not redirected to https: a load
    balancer checks a server over plain http, as Django's redirect exempts.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        # Django's own header steps, reused as they are (not their request side:
        # no https redirect for a health check).
        self.django_headers = (
            SecurityMiddleware(get_response).process_response,
            XFrameOptionsMiddleware(get_response).process_response,
        )

    def __call__(self, request):
        view = _bare_views().get(request.path)
        if view is None:
            return self.get_response(request)
        response = view(request)
        safety_headers(request, response, secrets.token_urlsafe(16))
        for add_headers in self.django_headers:
            response = add_headers(request, response)
        return response


class SecurityHeadersMiddleware:
    """CSP with a fresh nonce per response, and no caching of any page.

    Every HTML page may show something private, or reveal what the person was
    reading, so none is stored by the browser or a proxy. Static files are
    served by WhiteNoise before this, with their own long cache headers. A
    view may mark a response `haven_cacheable = True` to keep its own
    Cache-Control: only for things that are the same for everyone and carry
    nothing personal (inspire's image cards of library reminders).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = secrets.token_urlsafe(16)
        response = self.get_response(request)
        safety_headers(request, response, request.csp_nonce)
        return response


class DiscreetModeMiddleware:
    """Applies a pending discreet-mode change to the device cookie."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.disguise = discreet.current(request)
        response = self.get_response(request)
        pending = getattr(request, "hv_set_disguise", None)
        if pending is not None:
            discreet.remember(response, pending, settings.SESSION_COOKIE_SECURE)
        return response


class PublicGZipMiddleware(GZipMiddleware):
    """Compresses pages that hold nothing private; never one that might.

    Compression leaks through length (BREACH): if a response holds a secret
    and text someone else can put in it (a reflected address, a post), the
    size of the compressed page tells them, guess by guess, whether they
    matched the secret. Django masks the CSRF token afresh in every response,
    and this middleware pads each compressed one with random bytes, but the
    person's own words are a secret no mask protects. So only a GET answered
    while no vault is open is compressed (no private value can be opened then),
    and never the answer to a form sent (it may show the typed words back).
    """

    COMPRESSIBLE = ("text/", "application/json", "application/manifest+json")

    def process_response(self, request, response):
        if request.method not in ("GET", "HEAD") or getattr(request, "vault", None) is not None:
            return response
        if not response.get("Content-Type", "").startswith(self.COMPRESSIBLE):
            return response
        return super().process_response(request, response)


class PublicPageCacheMiddleware:
    """Serves public pages to visitors without a session from a copy kept in
    this process (the "pages" cache, in memory), for up to a minute.

    Only GET requests for the pages the features declare public (and the
    welcome and staying-safe pages), only from someone with no session
    cookie, only a plain 200 HTML answer that set no cookie of its own. The
    copy is keyed by the address and by every cookie the visitor sent except
    the CSRF one (discreet mode, the chosen country, the exit site: anything
    that changes a page), the host and the language. The two things that must
    differ per response are cut out of the copy and put back on the way out:
    the CSP nonce (fresh for every response, as on any page) and the CSRF
    token (the visitor's own, so forms on the page pass for everyone and no
    visitor's token is ever shown to another).
    """

    SECONDS = 60
    NONCE_MARK = b"\x00hv-nonce\x00"
    TOKEN_MARK = b"\x00hv-csrf\x00"
    TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{32,64})"')
    META_TOKEN = re.compile(rb'<meta name="csrf-token" content="([A-Za-z0-9]{32,64})">')

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = self._key(request)
        if key is None:
            return self.get_response(request)
        found = caches["pages"].get(key)
        if found is not None:
            content, content_type = found
            return self._serve(request, content, content_type)
        response = self.get_response(request)
        self._keep(request, key, response)
        return response

    def _key(self, request) -> str | None:
        if request.method != "GET" or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return None
        if "messages" in request.COOKIES:
            return None
        cookies = tuple(
            sorted((k, v) for k, v in request.COOKIES.items() if k != settings.CSRF_COOKIE_NAME)
        )
        parts = (request.get_host(), request.get_full_path(), cookies, translation.get_language())
        # Hashed: the key then holds no cookie value or address in the clear.
        return "page:" + hashlib.sha256(repr(parts).encode()).hexdigest()

    def _keep(self, request, key, response) -> None:
        match = getattr(request, "resolver_match", None)
        if (
            match is None
            or match.view_name not in _public_page_names()
            or response.status_code != 200
            or response.streaming
            or response.cookies
            or not response.get("Content-Type", "").startswith("text/html")
            or getattr(request, "vault", None) is not None
        ):
            return
        content = response.content
        nonce = getattr(request, "csp_nonce", "").encode()
        if nonce:
            content = content.replace(nonce, self.NONCE_MARK)
        for pattern in (self.TOKEN, self.META_TOKEN):
            for token in set(pattern.findall(content)):
                content = content.replace(token, self.TOKEN_MARK)
        caches["pages"].set(key, (content, response["Content-Type"]), self.SECONDS)

    def _serve(self, request, content: bytes, content_type: str):
        content = content.replace(self.NONCE_MARK, request.csp_nonce.encode())
        if self.TOKEN_MARK in content:
            content = content.replace(self.TOKEN_MARK, get_token(request).encode())
        return HttpResponse(content, content_type=content_type)


@cache
def _public_page_names() -> frozenset[str]:
    names = {"core:home", "core:safety"}
    for feature in features.all_features():
        names.update(features.page_name(page) for page in feature.public_pages)
    return frozenset(names)
