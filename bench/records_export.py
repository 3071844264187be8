"""Exporting 500 records entries: the PDF and the zip, beside only opening them.

Step 12 of `make bench`. One member with 500 incidents (a tenth of them edited
once, one in ten with a small photo and its thumbnail). Timed, taking turns:
- open: the 500 entries opened, as the export page does to list them (baseline)
- pdf: gathering every proof and evidence list, then the PDF
- zip: the same, then the zip around the PDF with the originals and manifest
Goal: the zip (which includes the PDF) under 5 s.
"""

from __future__ import annotations

import io
import random
import statistics

ENTRIES = 500
REPS = 3
GOAL_SECONDS = 5.0
WHERE = ("the kitchen", "work, by the lifts", "his car", "my sister's", "the bus stop")
WORDS = (
    "He shouted and took my phone. I asked for it back twice. He read my messages "
    "and said I could not go to my sister's on Sunday."
)


def _picture(size: tuple[int, int]) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (180, 60, 60)).save(out, "JPEG")
    return out.getvalue()


def _seed(owner, box) -> list:
    import hashlib

    from records import chain
    from records.export_zip import EVIDENCE_PURPOSE, THUMB_PURPOSE
    from records.models import Evidence
    from vault import files

    rng = random.Random(11)
    photo, thumb = _picture((320, 240)), _picture((96, 72))
    incidents = []
    for n in range(ENTRIES):
        entry = {
            "date": f"2026-{1 + n % 12:02d}-{1 + n % 28:02d}",
            "time": f"{8 + n % 12:02d}:{n % 60:02d}",
            "where": rng.choice(WHERE),
            "happened": WORDS[: rng.randint(60, len(WORDS))],
            "witnesses": "my neighbour" if n % 3 == 0 else "",
            "tags": rng.sample(["verbal", "digital", "financial", "work", "family"], 2),
        }
        incident = chain.create(box, owner, entry)
        if n % 10 == 0:
            chain.append(box, incident, {**entry, "injuries": "a bruise on my arm"})
        if n % 10 == 5:
            row = Evidence(owner=owner, incident=incident)
            row.file_name = files.save(box, io.BytesIO(photo), EVIDENCE_PURPOSE)
            row.thumb_name = files.save(box, io.BytesIO(thumb), THUMB_PURPOSE)
            row.meta = box.seal_json(
                row,
                "meta",
                {
                    "name": f"photo-{n}.jpg",
                    "content_type": "image/jpeg",
                    "size": len(photo),
                    "sha256": hashlib.sha256(photo).hexdigest(),
                    "kind": "photo",
                    "kept_original": False,
                },
            )
            row.save()
        incidents.append(incident)
    return incidents


def bench_records_export() -> dict:
    from bench.inprocess import _member
    from bench.measure import interleaved_samples
    from records import export_zip
    from records.exports_pdf import records_pdf
    from records.models import Incident
    from records.verify import check
    from vault.box import Box

    owner, dek = _member("bench-records")
    box = Box(dek)
    _seed(owner, box)
    sizes: dict[str, int] = {}

    def incidents():
        return list(Incident.objects.filter(owner=owner).order_by("created_at"))

    def open_all():
        opened = [box.open_json(row, "body") for row in incidents()]
        assert len(opened) == ENTRIES

    def pdf():
        items, source = export_zip.gather(box, incidents())
        sizes["pdf"] = len(records_pdf(items, source))

    def zipped():
        items, source = export_zip.gather(box, incidents())
        content = export_zip.build_zip(items, source, records_pdf(items, source))
        sizes["zip"] = len(content)
        sizes["_zip"] = content  # kept for the check below, dropped before returning

    samples = interleaved_samples({"open": open_all, "pdf": pdf, "zip": zipped}, reps=REPS)
    report = check(sizes.pop("_zip"))
    if not report.ok:
        raise RuntimeError("the benchmark's export does not verify")
    wall = {name: statistics.median(s["wall"]) for name, s in samples.items()}
    cpu = {name: statistics.median(s["cpu"]) for name, s in samples.items()}
    return {
        "entries": ENTRIES,
        "reps": REPS,
        "goal_seconds": GOAL_SECONDS,
        "open_s": wall["open"],
        "pdf_s": wall["pdf"],
        "zip_s": wall["zip"],
        "open_cpu_s": cpu["open"],
        "pdf_cpu_s": cpu["pdf"],
        "zip_cpu_s": cpu["zip"],
        "pdf_bytes": sizes["pdf"],
        "zip_bytes": sizes["zip"],
        "pdf_ratio": wall["pdf"] / wall["open"],
        "zip_ratio": wall["zip"] / wall["open"],
        "verified": report.ok,
    }


def section(r: dict) -> list[str]:
    from bench.report import ratio, seconds, table

    met = "met" if r["zip_s"] <= r["goal_seconds"] else "NOT met"
    out = [
        f"15. Exporting {r['entries']} records entries (a tenth with a small photo);"
        f" goal under {r['goal_seconds']:.0f} s for the zip ({met})"
    ]
    rows = [
        [
            f"open the {r['entries']} entries (baseline)",
            seconds(r["open_s"]),
            seconds(r["open_cpu_s"]),
            ratio(1),
            "",
        ],
        [
            "gather proofs and evidence, then the PDF",
            seconds(r["pdf_s"]),
            seconds(r["pdf_cpu_s"]),
            ratio(r["pdf_ratio"]),
            f"{r['pdf_bytes'] / 1e6:.1f} MB",
        ],
        [
            "the same, then the zip (PDF, originals, records.json, manifest)",
            seconds(r["zip_s"]),
            seconds(r["zip_cpu_s"]),
            ratio(r["zip_ratio"]),
            f"{r['zip_bytes'] / 1e6:.1f} MB",
        ],
    ]
    return out + table(["", "wall", "CPU", "ratio", "size"], rows)
