"""Settings: download everything you wrote, and bring an export into a new space.

Both ask for a passphrase, so both are counted like sign-in attempts from
this device. In the decoy space both work the same way on the decoy's own
(harmless) content, with the duress passphrase that opened it.
"""

from __future__ import annotations

import io
import logging

from django.conf import settings
from django.contrib import messages
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from accounts import export, spaces, throttle
from accounts.decorators import private_view
from accounts.export_forms import SEALED, ExportForm, RestoreForm

logger = logging.getLogger("haven.accounts")

# Far above any export of text; a file bigger than this is not one of ours.
MAX_UPLOAD_BYTES = 20 * 1024 * 1024

WRONG_PASSPHRASE = gettext_lazy("That passphrase isn't right. Please try again.")
RESTORE_ERRORS = {
    export.RestoreError.NOT_OPENED: gettext_lazy(
        "That passphrase doesn't open this file. It's the passphrase you used when you "
        "made the file. Passphrases are case-sensitive. Nothing here has changed."
    ),
    export.RestoreError.DAMAGED: gettext_lazy(
        "This file can't be opened. It may be a different file, or it may have been cut "
        "short or changed on the way. Nothing here has changed."
    ),
    export.RestoreError.NEWER: gettext_lazy(
        "This file was made by a newer version of Haven. Please ask the people who run "
        "this site to update it, then try again. Nothing here has changed."
    ),
    export.RestoreError.UNKNOWN_PARTS: gettext_lazy(
        "This file holds parts that this site doesn't have, so it can't all come in. "
        "Nothing here has changed, and your file is still whole."
    ),
    export.RestoreError.NOT_EMPTY: gettext_lazy(
        "There is already something in this space, so nothing was brought in. A file can "
        "only come into a new, empty space."
    ),
    export.RestoreError.INVALID: gettext_lazy(
        "Something in this file can't be brought in here, so none of it was. "
        "Nothing here has changed, and your file is still whole."
    ),
}
TOO_LARGE = gettext_lazy(
    "That file is much larger than an export can be. Please check it is the right one."
)


def _too_many(verdict) -> str:
    return _(
        "There have been too many tries. For your safety, please wait "
        "%(minutes)d minutes and try again."
    ) % {"minutes": verdict.minutes}


def _buckets(request) -> list[throttle.Bucket]:
    # The same count as unlocking this space: guesses add up wherever typed.
    return throttle.unlock_buckets(request.user.pk)


def _passphrase_opens_this_space(request, typed: str) -> bool:
    """This space's own passphrase (in a decoy, the one that opened it): one Argon2id run."""
    return spaces.opens(request.user, typed)


def _attachment(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@private_view
def export_page(request):
    form = ExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        buckets = _buckets(request)
        verdict = throttle.take(buckets)
        if not verdict.allowed:
            form.add_error(None, _too_many(verdict))
        elif not _passphrase_opens_this_space(request, form.cleaned_data["current"]):
            form.add_error("current", WRONG_PASSPHRASE)
        else:
            throttle.refund(buckets[0])
            day = timezone.localdate().isoformat()
            kind = form.cleaned_data["kind"]
            logger.info("export made id=%s kind=%s", request.user.pk, kind)
            if kind == SEALED:
                seal_with = form.cleaned_data["other"] or form.cleaned_data["current"]
                content = export.sealed_file(request.user, request.vault, seal_with)
                return _attachment(content, "application/octet-stream", f"notes-{day}.bin")
            content = export.readable_archive(request.user, request.vault)
            return _attachment(content, "application/zip", f"notes-{day}.zip")
    return render(request, "accounts/export.html", {"form": form})


class InMemoryUpload(FileUploadHandler):
    """Keeps an uploaded file in memory, never in a temporary file, up to a limit."""

    def __init__(self, request=None, limit: int | None = None) -> None:
        super().__init__(request)
        self.limit = limit or MAX_UPLOAD_BYTES
        self.too_large = False
        self.buffer = io.BytesIO()

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        # Said up front: stop at the first piece of the file (raising here would be a 500).
        self.too_large = bool(content_length and content_length > self.limit + 64 * 1024)

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.buffer = io.BytesIO()

    def receive_data_chunk(self, raw_data, start):
        if self.too_large or self.buffer.tell() + len(raw_data) > self.limit:
            self.too_large = True
            raise StopUpload(connection_reset=False)
        self.buffer.write(raw_data)
        return None

    def file_complete(self, file_size):
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )


@csrf_exempt  # checked below, once the upload handler is in place
def restore_page(request):
    handler = InMemoryUpload(request)
    request.upload_handlers = [handler]
    return _restore_page(request, handler)


@private_view
@csrf_protect
def _restore_page(request, handler: InMemoryUpload):
    empty = export.space_is_empty(request.user)
    form = RestoreForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if handler.too_large:
            form = RestoreForm.refused(TOO_LARGE)
        elif form.is_valid():
            buckets = _buckets(request)
            verdict = throttle.take(buckets)
            if not verdict.allowed:
                form.add_error(None, _too_many(verdict))
            else:
                try:
                    document = export.read_sealed(
                        form.cleaned_data["file"].read(), form.cleaned_data["passphrase"]
                    )
                    export.restore(request.user, request.vault, document)
                except export.RestoreError as error:
                    field = "passphrase" if error.reason == error.NOT_OPENED else "file"
                    form.add_error(field, RESTORE_ERRORS[error.reason])
                    empty = export.space_is_empty(request.user)
                else:
                    throttle.refund(buckets[0])
                    messages.success(request, _("Everything from your file is here now."))
                    return redirect(settings.HAVEN_HOME_URL)
    return render(request, "accounts/export_restore.html", {"form": form, "empty": empty})
