"""The laptop mail outbox: a real SMTP server that files each message on disk,
and helpers for operators to read them in the browser."""

from __future__ import annotations

import email
import email.policy
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings


class OutboxHandler:
    """aiosmtpd handler: every accepted message becomes one .eml file."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        name = f"{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:8]}.eml"
        (self.folder / name).write_bytes(envelope.original_content or envelope.content)
        return "250 Message accepted for delivery"


@dataclass
class Letter:
    name: str
    subject: str
    sender: str
    to: str
    date: str
    text: str
    html: str


def _parse(path: Path) -> Letter:
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    text_part = message.get_body(preferencelist=("plain",))
    html_part = message.get_body(preferencelist=("html",))
    return Letter(
        name=path.name,
        subject=str(message.get("Subject", "")),
        sender=str(message.get("From", "")),
        to=str(message.get("To", "")),
        date=str(message.get("Date", "")),
        text=text_part.get_content() if text_part else "",
        html=html_part.get_content() if html_part else "",
    )


def letters(folder: Path | None = None) -> list[Letter]:
    folder = folder or settings.HAVEN_OUTBOX_DIR
    if not folder.exists():
        return []
    return [_parse(p) for p in sorted(folder.glob("*.eml"), reverse=True)]


def letter(name: str, folder: Path | None = None) -> Letter | None:
    folder = folder or settings.HAVEN_OUTBOX_DIR
    path = folder / name
    if path.name != name or path.suffix != ".eml" or not path.exists():
        return None
    return _parse(path)
