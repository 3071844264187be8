"""Uploads sealed as they arrive: no plaintext temporary file, ever.

Django's own handlers keep a small upload in memory and write a larger one
(over 2.5 MB) to a temporary file in the clear. A view that takes private
files replaces them before the request body is read:

    @csrf_exempt  # checked inside, once the handler is in place
    def attach(request, pk):
        with uploads.receiving(request) as received:
            return _attach(request, pk, received)

    @private_view
    @csrf_protect
    def _attach(request, pk, received): ...

Each file's kind is read from its first bytes (`vault.filekinds`). A PDF or a
recording is sealed chunk by chunk with the person's vault as it arrives, so
memory holds about one vault chunk and one upload chunk. A photo is kept in
memory only (up to the same limit), because its location data must be removed
from the whole picture before anything is sealed (`vault.images`). A file that
is too large, of a kind we don't keep, or cut short leaves nothing behind, and
if the request itself fails (the connection drops), every file it wrote is
deleted: `receiving` deletes whatever the view did not `keep`.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile, StopUpload
from django.utils.translation import gettext_lazy as _

from vault import filekinds, files
from vault.box import Box
from vault.filekinds import BadFile, Kind

MAX_FILE_BYTES = 25 * 1024 * 1024
MAX_FILES = 10
PURPOSE = "evidence"
# What a request's other parts (boundaries, headers, a few small fields) may add.
SLACK_BYTES = 256 * 1024
TAIL_BYTES = 1024

TOO_LARGE = _("This file is larger than 25 MB, so it wasn't added. Nothing of it was kept.")
TOO_MANY = _(
    "That was more than %(count)d files, or more than they could be together, so none "
    "were added. Please add a few at a time."
) % {"count": MAX_FILES}
LOCKED = _("Your space locked before the file arrived, so it wasn't added.")


class SealedUpload(UploadedFile):
    """A file that arrived: sealed in storage already (`storage_name`), or a photo in memory."""

    def __init__(self, *, name, kind: Kind, size, sha256, storage_name="", data=None):
        super().__init__(file=None, name=name, content_type=kind.mime, size=size)
        self.kind = kind
        self.sha256 = sha256
        self.storage_name = storage_name
        self.data = data

    def close(self) -> None:
        self.data = None

    def __repr__(self) -> str:  # never the person's file name
        return f"<SealedUpload {self.kind.ext} {self.size} bytes>"


@dataclass
class Refusal:
    name: str
    message: str


class SealedUploadHandler(FileUploadHandler):
    def __init__(self, request, box: Box | None, limit: int = MAX_FILE_BYTES) -> None:
        super().__init__(request)
        self.box = box
        self.limit = limit
        self.refused: list[Refusal] = []
        self.too_much = False
        self.written: list[str] = []  # storage names this request wrote
        self._reset()

    def _reset(self) -> None:
        self._size = 0
        self._head = bytearray()
        self._kind: Kind | None = None
        self._photo: io.BytesIO | None = None
        self._writer: files.SealedWriter | None = None
        self._tail = b""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        # Said up front; refused at the first file (raising here would be a server error).
        self.too_much = bool(content_length) and content_length > (
            MAX_FILES * self.limit + SLACK_BYTES
        )

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self._drop()
        if self.too_much:
            self.refused.append(Refusal("", str(TOO_MANY)))
            raise StopUpload(connection_reset=False)
        if len(self.written) + len(self.refused) >= MAX_FILES:
            self.too_much = True
            self.refused.append(Refusal("", str(TOO_MANY)))
            raise StopUpload(connection_reset=False)
        if self.box is None:
            # Locked while choosing: the bytes are read past, never kept.
            self.refused.append(Refusal(self.file_name or "", str(LOCKED)))
            raise SkipFile

    def _refuse(self, message) -> None:
        self.refused.append(Refusal(self.file_name or "", str(message)))
        self._drop()

    def _decide(self, head: bytes) -> None:
        kind = filekinds.sniff(head, self.file_name or "")
        self._kind = kind
        if kind.family == filekinds.IMAGE:
            self._photo = io.BytesIO()
            self._photo.write(head)
        else:
            assert self.box is not None
            self._writer = files.SealedWriter(self.box, PURPOSE)
            self._writer.write(head)
            if kind.needs_tail:
                self._tail = bytes(head[-TAIL_BYTES:])
        self._head = bytearray()

    def receive_data_chunk(self, raw_data: bytes, start: int):
        self._size += len(raw_data)
        if self._size > self.limit:
            self._refuse(TOO_LARGE)
            raise SkipFile
        try:
            if self._kind is None:
                if not self._head and len(raw_data) >= filekinds.SNIFF_BYTES:
                    self._decide(raw_data)  # the usual case: no copy
                else:
                    self._head += raw_data
                    if len(self._head) >= filekinds.SNIFF_BYTES:
                        self._decide(bytes(self._head))
            elif self._photo is not None:
                self._photo.write(raw_data)
            else:
                assert self._writer is not None
                self._writer.write(raw_data)
                if self._kind.needs_tail:
                    self._tail = (self._tail + raw_data[-TAIL_BYTES:])[-TAIL_BYTES:]
        except BadFile as refused:
            self._refuse(refused.message)
            raise SkipFile from None
        return None

    def file_complete(self, file_size: int):
        try:
            if self._kind is None:
                self._decide(bytes(self._head))
            kind = self._kind
            assert kind is not None
            if self._photo is not None:
                data = self._photo.getvalue()
                self._photo = None
                return SealedUpload(
                    name=self.file_name,
                    kind=kind,
                    size=len(data),
                    sha256=hashlib.sha256(data).hexdigest(),
                    data=data,
                )
            writer = self._writer
            assert writer is not None
            filekinds.check_whole(kind, self._tail)
            name = writer.finish()
            self._writer = None
            self.written.append(name)
            return SealedUpload(
                name=self.file_name,
                kind=kind,
                size=writer.size,
                sha256=writer.sha256,
                storage_name=name,
            )
        except BadFile as refused:
            self._refuse(refused.message)
            return None
        finally:
            self._drop()

    def _drop(self) -> None:
        """Forget the file in progress, and any sealed bytes of it already written."""
        if self._writer is not None:
            self._writer.abort()
        self._reset()

    def upload_interrupted(self) -> None:
        self._drop()

    def discard(self, keep: set[str]) -> None:
        """Delete every file this request wrote that isn't in `keep`."""
        self._drop()
        for name in self.written:
            if name not in keep:
                files.delete(name)


@dataclass
class Received:
    handler: SealedUploadHandler
    kept: set[str] = field(default_factory=set)

    @property
    def refused(self) -> list[Refusal]:
        """Files turned away (read only once the request's body has been)."""
        request = self.handler.request
        assert request is not None
        request.FILES  # noqa: B018 (reads the body if nothing has yet)
        return self.handler.refused

    def save(self, box: Box, data: bytes, purpose: str = PURPOSE) -> str:
        """Seal bytes made from an upload (a stripped photo, a thumbnail) into storage.

        Counted with the request's files, so it goes too unless the view keeps it.
        """
        name = files.save(box, io.BytesIO(data), purpose)
        self.handler.written.append(name)
        return name

    def keep(self, storage_name: str) -> None:
        """The view stored this file's name on a row: it stays."""
        self.kept.add(storage_name)


@contextlib.contextmanager
def receiving(request, limit: int = MAX_FILE_BYTES) -> Iterator[Received]:
    """Put the sealing handler in place; afterwards delete whatever wasn't kept."""
    handler = SealedUploadHandler(request, getattr(request, "vault", None), limit)
    request.upload_handlers = [handler]
    received = Received(handler)
    try:
        yield received
    finally:
        handler.discard(received.kept)
