"""A few incidents with evidence for the export, verify and share tests."""

from __future__ import annotations

import hashlib
import io

from PIL import Image

from records import chain, export_zip
from records.models import Evidence, Incident
from vault import files
from vault.box import Box


def picture(colour=(200, 40, 40), size=(120, 80)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG")
    return out.getvalue()


def attach(box: Box, incident: Incident, data: bytes, name: str, thumb: bytes | None = None):
    """An Evidence row as the evidence pages make one: sealed file, sealed meta."""
    row = Evidence(owner_id=incident.owner_id, incident=incident)
    row.file_name = files.save(box, io.BytesIO(data), export_zip.EVIDENCE_PURPOSE)
    if thumb:
        row.thumb_name = files.save(box, io.BytesIO(thumb), export_zip.THUMB_PURPOSE)
    row.meta = box.seal_json(
        row,
        "meta",
        {
            "name": name,
            "content_type": "image/jpeg" if name.endswith(".jpg") else "application/pdf",
            "size": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
            "kind": "photo" if name.endswith(".jpg") else "pdf",
            "kept_original": False,
        },
    )
    row.save()
    return row


def entry(day: str, what: str, where: str = "the office", **more) -> dict:
    return {"date": day, "where": where, "happened": what, "tags": ["work"], **more}


def three_incidents(box: Box, owner, words: str = "") -> list[Incident]:
    """Three incidents on three days; the second edited once and holding a photo."""
    first = chain.create(box, owner, entry("2026-03-01", f"Shouted at me in the corridor {words}"))
    second = chain.create(box, owner, entry("2026-03-05", f"Took my phone {words}", "home"))
    chain.append(box, second, entry("2026-03-05", f"Took my phone and read it {words}", "home"))
    photo = picture()
    attach(box, second, photo, f"bruise {words}.jpg", thumb=picture(size=(40, 30)))
    attach(box, second, b"%PDF-1.4 a doctor's letter " + words.encode(), f"letter {words}.pdf")
    third = chain.create(box, owner, entry("2026-04-02", f"Followed me to the bus {words}"))
    return [first, second, third]
