"""Files on an incident: add them, see them, take them off.

The add page takes its upload through `vault.uploads` (sealed as it arrives,
never a plaintext temporary file), which has to be in place before anything
reads the request's body: so the view is exempt from the CSRF middleware at
the door and checks the token itself just inside (Django's documented way).
"""

from __future__ import annotations

import logging

from django import forms
from django.contrib import messages
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from accounts.decorators import private_view
from records import evidence_actions as actions
from records.views import get_incident_for_user
from vault import uploads
from vault.crypto import VaultError

logger = logging.getLogger("haven.records")

INLINE = ("image/", "audio/", "application/pdf")
NO_FILE = gettext_lazy("Please choose a file to add.")
WONT_OPEN = gettext_lazy(
    "This file can't be opened. What is stored no longer matches what was sealed, so it may "
    "have been changed or damaged after it was added. The rest of your record is not affected."
)


class AddFilesForm(forms.Form):
    keep_original = forms.BooleanField(
        required=False,
        label=gettext_lazy(
            "Keep the original file exactly as it is (it may include where and when the photo "
            "was taken)"
        ),
    )


@csrf_exempt  # checked inside, once the sealing upload handler is in place
def add_files(request, incident_id):
    with uploads.receiving(request) as received:
        return _add_files(request, incident_id, received)


@private_view
@csrf_protect
def _add_files(request, incident_id, received: uploads.Received):
    incident = get_incident_for_user(request, incident_id)
    # Bound on every POST: files alone leave request.POST empty.
    form = AddFilesForm(request.POST if request.method == "POST" else None)
    refused: list[uploads.Refusal] = []
    if request.method == "POST" and form.is_valid():
        arrived = request.FILES.getlist("files")
        refused = list(received.refused)
        if not arrived and not refused:
            form.add_error(None, NO_FILE)
        else:
            kept, broken = actions.attach(
                request.vault,
                incident,
                arrived,
                received,
                keep_original=form.cleaned_data["keep_original"],
            )
            refused += broken
            logger.info("evidence added id=%s files=%d", request.user.pk, len(kept))
            if kept:
                messages.success(
                    request,
                    ngettext(
                        "%(count)d file is added to this record.",
                        "%(count)d files are added to this record.",
                        len(kept),
                    )
                    % {"count": len(kept)},
                )
            if not refused:
                return redirect(incident_url(incident))
    return render(
        request,
        "records/evidence/add.html",
        {
            "incident": incident,
            "form": form,
            "refused": refused,
            "max_files": uploads.MAX_FILES,
            "incident_url": incident_url(incident),
        },
    )


def incident_url(incident) -> str:
    from django.urls import reverse

    return reverse("records:incident", args=[incident.pk]) + "#files"


def _neutral_name(evidence, ext: str) -> str:
    return f"file-{str(evidence.pk)[:8]}.{ext}" if ext else f"file-{str(evidence.pk)[:8]}"


EXTENSIONS = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/gif": "gif",
    "image/webp": "webp",
    "image/avif": "avif",
    "image/heic": "heic",
    "application/pdf": "pdf",
    "audio/mpeg": "mp3",
    "audio/mp4": "m4a",
    "audio/aac": "aac",
    "audio/ogg": "ogg",
    "audio/wav": "wav",
    "audio/webm": "webm",
}


def _serve(request, evidence_id, *, thumb: bool):
    box = request.vault
    evidence = actions.get_evidence_for_user(request, evidence_id)
    if thumb and not evidence.thumb_name:
        raise Http404
    item = actions.shown(box, evidence)
    content_type = "image/jpeg" if thumb else item.content_type
    try:
        # Checked whole before the first byte goes out, so a changed file gets a
        # clear page instead of a download cut short.
        for _piece in actions.open_file(box, evidence, thumb=thumb):
            pass
    except VaultError:
        logger.warning("evidence would not open id=%s", request.user.pk)
        page = "records/evidence/wont_open.html"
        return render(request, page, {"message": WONT_OPEN}, status=409)
    response = StreamingHttpResponse(
        actions.open_file(box, evidence, thumb=thumb), content_type=content_type
    )
    inline = not request.GET.get("download") and content_type.startswith(INLINE)
    disposition = "inline" if inline else "attachment"
    ext = "jpg" if thumb else EXTENSIONS.get(content_type, "")
    response["Content-Disposition"] = f'{disposition}; filename="{_neutral_name(evidence, ext)}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    # Nothing in a served file may run or reach anywhere.
    response["Content-Security-Policy"] = (
        "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; "
        "frame-ancestors 'self'" + ("" if content_type == "application/pdf" else "; sandbox")
    )
    if not thumb and item.size:
        response["Content-Length"] = str(item.size)
    return response


@private_view
def file(request, evidence_id):
    return _serve(request, evidence_id, thumb=False)


@private_view
def thumb(request, evidence_id):
    return _serve(request, evidence_id, thumb=True)


@private_view
def remove(request, evidence_id):
    evidence = actions.get_evidence_for_user(request, evidence_id)
    incident = evidence.incident
    if request.method == "POST":
        actions.remove(request.vault, evidence)
        messages.success(request, _("The file is removed from this record."))
        return redirect(incident_url(incident))
    return render(
        request,
        "records/evidence/remove.html",
        {
            "item": actions.shown(request.vault, evidence),
            "incident": incident,
            "incident_url": incident_url(incident),
        },
    )
