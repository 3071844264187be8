"""Share links: the owner's pages (make, list, revoke) and the reader's pages.

The reader's pages stand apart from the rest of Haven: a minimal layout with
only the quick-exit button, no links into the app, `Referrer-Policy:
no-referrer` (the link is the key's other half; it must not leak) and noindex.
"""

from __future__ import annotations

import logging
import mimetypes
from functools import wraps

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from accounts import throttle
from accounts.decorators import private_view
from core.decorators import public_view
from records import shares
from records.export_views import choices, chosen, owned_incidents, pdf_or_zip
from records.models import Share
from records.share_forms import OpenShareForm, ShareForm

logger = logging.getLogger(__name__)


# ---- The owner's pages -------------------------------------------------------


@private_view
def share_remove(request):
    """Close a link now: its sealed copy is deleted at once."""
    if request.method == "POST" and shares.revoke(
        request.user, _uuid(request.POST.get("share", ""))
    ):
        from django.contrib import messages

        messages.success(request, _("That link is closed. Its copy is deleted."))
    return redirect("records:shares")


@private_view
def share_list(request):
    now = timezone.now()
    rows = []
    for share in Share.objects.owned_by(request).filter(expires_at__gt=now).order_by("-created_at"):
        rows.append(
            {
                "share": share,
                "note": request.vault.open(share, "note"),
                "link": _link(request, request.vault.open(share, "link")),
            }
        )
    return render(request, "records/share/list.html", {"rows": rows})


def _link(request, token: str) -> str:
    return request.build_absolute_uri(reverse("records:shared", kwargs={"token": token}))


def _uuid(value: str):
    import uuid

    try:
        return uuid.UUID(value)
    except ValueError:
        return None


@private_view
def share_new(request):
    opened = owned_incidents(request)
    form = ShareForm(request.POST or None, choices=choices(opened))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        incidents = chosen(opened, data["entries"])
        share, token = shares.create(
            request.vault, request.user, incidents, data["lasts"], data["passphrase"], data["note"]
        )
        return render(
            request,
            "records/share/made.html",
            {
                "share": share,
                "link": _link(request, token),
                "passphrase": data["passphrase"],
            },
        )
    return render(
        request,
        "records/share/new.html",
        {"form": form, "count": len(opened)},
        status=400 if form.errors else 200,
    )


# ---- The reader's pages ------------------------------------------------------


def reader_page(view):
    """Public, refuses to be indexed, leaks no Referer, and checks its own form token."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = "no-referrer"
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Cache-Control"] = "no-store, max-age=0"
        return response

    return public_view(csrf_exempt(wrapper))


def _closed(request, status=404):
    return render(request, "records/share/closed.html", status=status)


def _busy(request, verdict):
    response = render(request, "records/share/busy.html", {"minutes": verdict.minutes}, status=429)
    response["Retry-After"] = str(verdict.retry_after)
    return response


@reader_page
def reader(request, token):
    if request.method == "POST":
        return _reader_post(request, token)
    verdict = throttle.check(shares.address_bucket(request))
    if not verdict.allowed:
        return _busy(request, verdict)
    share = shares.live(token)
    if share is None:
        # A guessed or ended link counts like a wrong passphrase.
        throttle.count(shares.address_bucket(request))
        return _closed(request)
    key = shares.held(request, share)
    if key is None:
        return _ask(request, token, OpenShareForm())
    opened = shares.Opened(share, key)
    return render(
        request,
        "records/share/read.html",
        {
            "opened": opened,
            "items": _readable(opened),
            "token": token,
            "share": share,
            "form_token": shares.form_token(request),
        },
    )


def _ask(request, token, form, status=200):
    return render(
        request,
        "records/share/open.html",
        {"form": form, "token": token, "form_token": shares.form_token(request)},
        status=status,
    )


def _reader_post(request, token):
    form = OpenShareForm(request.POST)
    if not shares.form_token_ok(request):
        form.add_error(None, _("This page was open a long time. Please type the passphrase again."))
        return _ask(request, token, form, status=400)
    verdict = throttle.take(shares.buckets(request, token))
    if not verdict.allowed:
        return _busy(request, verdict)
    share = shares.live(token)
    if share is None:
        return _closed(request)
    if not form.is_valid():
        return _ask(request, token, form, status=400)
    key = shares.unlock(share, form.cleaned_data["passphrase"])
    if key is None:
        form.add_error(
            "passphrase",
            _("That passphrase doesn't open this link. Check it with the person who sent it."),
        )
        return _ask(request, token, form, status=400)
    shares.opened_now(share)
    cookie = shares.hold(request, share, key)
    response = redirect("records:shared", token=token)
    shares.set_cookie(response, cookie)
    return response


def _readable(opened):
    from records.exports_pdf import entry_rows, summary_row

    found = []
    for position, item in enumerate(opened.items, start=1):
        versions = item.proof["versions"]
        found.append(
            {
                "number": position,
                "item": item,
                "summary": summary_row(item),
                "rows": entry_rows(item.entry),
                "versions": versions,
                "head": item.proof["head"],
                "evidence": [{"n": n, **ev} for n, ev in enumerate(item.evidence, start=1)],
            }
        )
    return found


def _opened_or_404(request, token):
    share = shares.live(token)
    if share is None:
        raise Http404
    key = shares.held(request, share)
    if key is None:
        raise Http404
    return shares.Opened(share, key)


@reader_page
def reader_file(request, token, entry, number):
    opened = _opened_or_404(request, token)
    ev = opened.evidence(entry, number)
    if ev is None:
        raise Http404
    ext = mimetypes.guess_extension(ev["content_type"]) or ".bin"
    response = StreamingHttpResponse(opened.original(ev["id"]), content_type=ev["content_type"])
    response["Content-Disposition"] = f'attachment; filename="file-{entry}-{number}{ext}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@reader_page
def reader_thumb(request, token, entry, number):
    opened = _opened_or_404(request, token)
    ev = opened.evidence(entry, number)
    thumb = opened.thumb(ev["id"]) if ev else None
    if not thumb:
        raise Http404
    response = HttpResponse(thumb, content_type=_image_type(thumb))
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _image_type(data: bytes) -> str:
    if data[:4] == b"\x89PNG":
        return "image/png"
    if data[8:12] == b"WEBP":
        return "image/webp"
    return "image/jpeg"


@reader_page
def reader_pdf(request, token):
    opened = _opened_or_404(request, token)
    return pdf_or_zip(opened.items, opened, as_zip=False)


@reader_page
def reader_zip(request, token):
    opened = _opened_or_404(request, token)
    return pdf_or_zip(opened.items, opened, as_zip=True)


@reader_page
def reader_close(request, token):
    if request.method != "POST" or not shares.form_token_ok(request):
        return redirect("records:shared", token=token)
    share = shares.live(token)
    shares.let_go(request, share)
    return redirect("records:shared", token=token)
