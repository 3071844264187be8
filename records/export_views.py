"""The owner's export (PDF or zip) and the public verify page."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from accounts import throttle
from accounts.decorators import private_view
from core.decorators import public_view
from records import export_zip, signing
from records.export_zip import entry_day
from records.models import Incident
from records.share_forms import ExportForm, VerifyForm

logger = logging.getLogger(__name__)

VERIFY_PER_ADDRESS = 30


def verify_max_bytes() -> int:
    return int(getattr(settings, "HAVEN_RECORDS_VERIFY_MAX_BYTES", 60 * 1024 * 1024))


def owned_incidents(request) -> list[tuple[Incident, dict]]:
    """The owner's incidents, newest first, each with its entry as it reads now."""
    rows = Incident.objects.owned_by(request).order_by("-created_at", "-id")
    return [(row, request.vault.open_json(row, "body", {}) or {}) for row in rows]


def choices(opened: list[tuple[Incident, dict]]) -> list[tuple[str, str]]:
    found = []
    for row, entry in opened:
        day = entry_day(entry, row.created_at.date())
        where = str(entry.get("where") or "").strip()
        label = f"{day.isoformat()}" + (f" · {where[:40]}" if where else "")
        found.append((str(row.pk), label))
    return found


def chosen(opened, ids, start=None, end=None) -> list[Incident]:
    """The ticked incidents (all, when none is ticked) within the dates, oldest first."""
    wanted = set(ids or [])
    picked = []
    for row, entry in opened:
        if wanted and str(row.pk) not in wanted:
            continue
        day = entry_day(entry, row.created_at.date())
        if (start and day < start) or (end and day > end):
            continue
        picked.append((day, row.created_at, row))
    picked.sort(key=lambda found: (found[0], found[1]))
    return [row for _day, _created, row in picked]


def download(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


def pdf_or_zip(items, source, as_zip: bool) -> HttpResponse:
    """The PDF, or the zip around it, as a download with a neutral name."""
    from records.exports_pdf import records_pdf

    pdf = records_pdf(items, source)
    if as_zip:
        return download(export_zip.build_zip(items, source, pdf), "application/zip", "notes.zip")
    return download(pdf, "application/pdf", "notes.pdf")


@private_view
def export(request):
    opened = owned_incidents(request)
    form = ExportForm(request.POST or None, choices=choices(opened))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        incidents = chosen(opened, data["entries"], data["start"], data["end"])
        if not incidents:
            form.add_error(None, _("No entries match that choice. Try wider dates, or tick some."))
        else:
            from core.pdf import FontsMissing

            items, source = export_zip.gather(request.vault, incidents)
            try:
                return pdf_or_zip(items, source, request.POST.get("as") == "zip")
            except FontsMissing:
                logger.warning("Records export refused: no Unicode font installed")
                form.add_error(
                    None, _("The PDF can't be made on this server just now. Please try later.")
                )
    return render(
        request,
        "records/export/export.html",
        {"form": form, "count": len(opened)},
        status=200 if not form.errors else 400,
    )


class _InMemory(FileUploadHandler):
    """Keeps an upload in memory only (an export is private: never a temp file on
    disk), and stops reading past the cap."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.buffer = bytearray()
        self.too_big = False

    def receive_data_chunk(self, raw_data, start):
        if len(self.buffer) + len(raw_data) > verify_max_bytes():
            self.request.records_upload_too_big = True
            raise StopUpload(connection_reset=False)
        self.buffer += raw_data
        return None

    def file_complete(self, file_size):
        import io

        from django.core.files.uploadedfile import InMemoryUploadedFile

        return InMemoryUploadedFile(
            io.BytesIO(bytes(self.buffer)),
            self.field_name,
            "copy",
            self.content_type,
            len(self.buffer),
            self.charset,
        )


@public_view
@csrf_exempt
def verify(request):
    if request.method == "POST":
        request.upload_handlers = [_InMemory(request)]
    return _verify(request)


@csrf_protect
def _verify(request):
    report = None
    form = VerifyForm()
    status = 200
    if request.method == "POST":
        form = VerifyForm(request.POST, request.FILES)
        if getattr(request, "records_upload_too_big", False):
            form.add_error(
                "copy",
                _("That file is larger than this page takes (%(mb)s MB).")
                % {"mb": verify_max_bytes() // (1024 * 1024)},
            )
        elif not throttle.take(
            [throttle.Bucket("verify", throttle.client_address(request), VERIFY_PER_ADDRESS)]
        ).allowed:
            form.add_error(
                None, _("Many files were checked from here just now. Please wait a little.")
            )
            status = 429
        elif form.is_valid():
            from records import verify as checking

            report = checking.check(form.cleaned_data["copy"].read())
        if form.errors and status == 200:
            status = 400
    return render(
        request,
        "records/export/verify.html",
        {"form": form, "report": report, "public_keys": signing.public_keys()},
        status=status,
    )
