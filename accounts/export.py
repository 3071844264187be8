"""The person's own export and restore, built from every feature's export hook.

    document = build_export(user, box)                 # JSON-ready dict
    blob = sealed_file(user, box, passphrase)          # bytes (export_format)
    archive = readable_archive(user, box)              # zip: JSON + PDF per feature
    document = read_sealed(blob, passphrase)           # or RestoreError
    restore(user, box, document)                       # one transaction, or RestoreError

Everything is made in memory: nothing the person wrote is written to disk
on the server, and nothing is logged but the kind of a failure.
"""

from __future__ import annotations

import io
import json
import logging
import zipfile
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from accounts import export_format
from accounts.export_tables import RestoreRefused
from core import features, pdf
from vault import keyring as vault_keyring
from vault.box import Box

logger = logging.getLogger("haven.accounts")

FORMAT = "haven-export"
VERSION = 1


class RestoreError(Exception):
    """Nothing was brought in. `reason` says why, in one word; never any content."""

    NOT_OPENED = "not_opened"  # this passphrase does not open the file
    DAMAGED = "damaged"  # not an export, cut short, or changed
    NEWER = "newer"  # made by a newer Haven
    UNKNOWN_PARTS = "unknown_parts"  # holds a part this Haven doesn't have
    NOT_EMPTY = "not_empty"  # this space already has something in it
    INVALID = "invalid"  # opened, but holds values this Haven can't take

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def export_modules() -> list[tuple[features.Feature, Any]]:
    return list(features.with_module("export"))


def build_export(user, box: Box) -> dict[str, Any]:
    parts: dict[str, Any] = {}
    for feature, module in export_modules():
        data = module.export(user, box)
        if not isinstance(data.get("version"), int):
            raise TypeError(f"{feature.app}.exports.export() must give its version")
        parts[feature.app] = data
    return {
        "format": FORMAT,
        "version": VERSION,
        "made_at": timezone.now().isoformat(),
        "features": parts,
    }


def to_json(document: Any) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def sealed_file(user, box: Box, passphrase: str) -> bytes:
    """Everything, sealed under `passphrase` with this Haven's Argon2id settings."""
    plaintext = to_json(build_export(user, box))
    return export_format.seal(plaintext, passphrase, vault_keyring.current_params())


def _pdf_for(module, data: dict) -> bytes:
    out = pdf.Writer()
    title = getattr(module, "TITLE", "")
    if title:
        out.title(title)
    module.readable(out, data)
    return out.render()


def readable_archive(user, box: Box) -> bytes:
    """A zip: README.txt, then `<feature>.json` and `<feature>.pdf` for each feature."""
    document = build_export(user, box)
    made_on = timezone.localdate()
    files: list[tuple[str, bytes]] = []
    parts = []
    pdfs_made = True
    for feature, module in export_modules():
        data = document["features"][feature.app]
        files.append((f"{feature.app}.json", to_json(data)))
        if pdfs_made and hasattr(module, "readable"):
            try:
                files.append((f"{feature.app}.pdf", _pdf_for(module, data)))
            except pdf.FontsMissing:
                logger.warning("export archive made without PDFs: no Unicode font installed")
                pdfs_made = False
        parts.append({"app": feature.app, "title": getattr(module, "TITLE", feature.app)})
    if not pdfs_made:
        files = [(name, content) for name, content in files if not name.endswith(".pdf")]
    readme = render_to_string(
        "accounts/export_readme.txt",
        {"parts": parts, "made_on": made_on, "pdfs": pdfs_made},
    )
    buffer = io.BytesIO()
    stamp = timezone.localtime().timetuple()[:6]
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in [("README.txt", readme.encode("utf-8")), *files]:
            archive.writestr(zipfile.ZipInfo(name, date_time=stamp), content, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def read_sealed(blob: bytes, passphrase: str) -> dict[str, Any]:
    """The document inside a sealed file, checked for shape; RestoreError otherwise."""
    try:
        plaintext = export_format.open_file(blob, passphrase)
    except export_format.WrongPassphrase:
        raise RestoreError(RestoreError.NOT_OPENED) from None
    except export_format.DamagedFile:
        raise RestoreError(RestoreError.DAMAGED) from None
    try:
        document = json.loads(plaintext.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise RestoreError(RestoreError.DAMAGED) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise RestoreError(RestoreError.DAMAGED)
    version = document.get("version")
    if not isinstance(version, int) or not isinstance(document.get("features"), dict):
        raise RestoreError(RestoreError.DAMAGED)
    if version > VERSION:
        raise RestoreError(RestoreError.NEWER)
    known = {feature.app for feature, _module in export_modules()}
    if set(document["features"]) - known:
        raise RestoreError(RestoreError.UNKNOWN_PARTS)
    return document


def space_is_empty(user) -> bool:
    """Nothing in any feature yet (drafts and settings don't count)."""
    return not any(
        model._default_manager.filter(owner=user).exists() for model in features.owned_models()
    )


def restore(user, box: Box, document: dict[str, Any]) -> None:
    """Every feature's restore in one transaction: all of it comes in, or none of it."""
    parts = document["features"]
    try:
        with transaction.atomic():
            # Two restores sent at once must not both find the space empty.
            get_user_model().objects.select_for_update().filter(pk=user.pk).first()
            if not space_is_empty(user):
                raise RestoreError(RestoreError.NOT_EMPTY)
            for feature, module in export_modules():
                if feature.app in parts:
                    module.restore(user, box, parts[feature.app])
    except RestoreRefused as refused:
        raise RestoreError(
            RestoreError.NEWER if refused.reason == RestoreRefused.NEWER else RestoreError.INVALID
        ) from None
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        # Only the kind of error: its message could quote the file's content.
        logger.warning("restore refused: %s", type(error).__name__)
        raise RestoreError(RestoreError.INVALID) from None
    logger.info("export restored id=%s", user.pk)
