"""Checking an exported copy: the zip, or its records.json alone.

    report = check(uploaded_bytes)
    report.ok              # everything holds
    report.entries         # one EntryReport per entry: short id, versions, problems
    report.problems        # problems with the copy as a whole (manifest, shape)

Each entry's proof is checked with records.chain.verify_proof against this
server's public keys (a copy signed elsewhere names a key this Haven does not
know, and says so). In a zip, MANIFEST.txt must list every file with its
SHA-256, and each evidence file must match the SHA-256 its entry gives. The
report names entries by short id and version, and files by their place in the
zip; it never repeats what the entries say.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass, field

from records import chain, signing
from records.export_zip import JSON_NAME, MANIFEST_NAME

# An export holds evidence of up to 25 MB a file; the verify page caps uploads
# lower (VERIFY_MAX_BYTES) and the command reads whatever it is given.
MAX_MEMBERS = 5000
MAX_UNPACKED = 2 * 1024**3


@dataclass
class EntryReport:
    short: str
    versions: int = 0
    evidence: list[tuple[str, str, bool]] = field(default_factory=list)  # path, sha256, ok
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class Report:
    kind: str = ""  # "zip" or "json"
    entries: list[EntryReport] = field(default_factory=list)
    manifest: list[tuple[str, str, bool]] = field(default_factory=list)  # path, sha256, ok
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.entries) and not self.problems and all(e.ok for e in self.entries)

    def lines(self) -> list[str]:
        """The report as plain lines (the command prints these)."""
        out = [f"{'OK' if self.ok else 'FAILED'}: {len(self.entries)} entries checked"]
        out += [f"problem: {p}" for p in self.problems]
        for entry in self.entries:
            state = "ok" if entry.ok else "FAILED"
            out.append(f"entry {entry.short}: {state} ({entry.versions} versions)")
            out += [f"  {p}" for p in entry.problems]
            out += [
                f"  evidence {path}: sha256 {digest} {'ok' if ok else 'DOES NOT MATCH'}"
                for path, digest, ok in entry.evidence
            ]
        out += [
            f"manifest {path}: {digest} {'ok' if ok else 'DOES NOT MATCH'}"
            for path, digest, ok in self.manifest
        ]
        return out


def _label(path: str) -> str:
    """A file's place in the zip without its name (the names are the person's words)."""
    found = re.match(r"^(evidence/[^/]+/\d+)-", path)
    return found.group(1) if found else path[:80]


def check(data: bytes, keys: dict[str, str] | None = None) -> Report:
    """A report on an exported zip or records.json (bytes as uploaded)."""
    keys = signing.public_keys() if keys is None else keys
    if data[:4] == b"PK\x03\x04":
        return _check_zip(data, keys)
    report = Report(kind="json")
    document = _json(data, report)
    if document is not None:
        _check_entries(document, report, keys, files=None)
    return report


def _json(data: bytes, report: Report) -> dict | None:
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        report.problems.append("this is neither a Haven export zip nor its records.json")
        return None
    if not isinstance(document, dict) or not isinstance(document.get("entries"), list):
        report.problems.append("records.json is not in the shape Haven writes")
        return None
    return document


def _check_zip(data: bytes, keys: dict[str, str]) -> Report:
    report = Report(kind="zip")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        report.problems.append("the zip is damaged and cannot be read")
        return report
    if len(infos) > MAX_MEMBERS or sum(i.file_size for i in infos) > MAX_UNPACKED:
        report.problems.append("the zip holds more than an export ever does")
        return report
    names = {info.filename for info in infos if not info.is_dir()}
    digests: dict[str, str] = {}
    for name in sorted(names):
        try:
            digest = hashlib.sha256()
            with archive.open(name) as member:
                while piece := member.read(1024 * 1024):
                    digest.update(piece)
            digests[name] = digest.hexdigest()
        except (zipfile.BadZipFile, OSError, ValueError, RuntimeError):
            report.problems.append(f"{_label(name)}: damaged in the zip")
    _check_manifest(archive, names, digests, report)
    if JSON_NAME not in names:
        report.problems.append(f"{JSON_NAME} is missing from the zip")
        return report
    try:
        document = _json(archive.read(JSON_NAME), report)
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError):
        report.problems.append(f"{JSON_NAME}: damaged in the zip")
        return report
    if document is not None:
        _check_entries(document, report, keys, files=digests)
    return report


def _check_manifest(archive, names: set[str], digests: dict[str, str], report: Report) -> None:
    if MANIFEST_NAME not in names:
        report.problems.append(f"{MANIFEST_NAME} is missing from the zip")
        return
    listed: dict[str, str] = {}
    try:
        text = archive.read(MANIFEST_NAME).decode("utf-8")
    except (UnicodeDecodeError, zipfile.BadZipFile, OSError, RuntimeError):
        report.problems.append(f"{MANIFEST_NAME} cannot be read")
        return
    for line in text.splitlines():
        digest, sep, path = line.partition("  ")
        if not sep or len(digest) != 64:
            report.problems.append(f"{MANIFEST_NAME} has a line Haven did not write")
            continue
        listed[path] = digest
    for path, digest in sorted(listed.items()):
        ok = digests.get(path) == digest
        report.manifest.append((_label(path), digest, ok))
        if path not in names:
            report.problems.append(
                f"{_label(path)}: listed in {MANIFEST_NAME} but missing from the zip"
            )
        elif not ok:
            report.problems.append(f"{_label(path)}: changed since the export was made")
    for path in sorted(names - set(listed) - {MANIFEST_NAME}):
        report.problems.append(f"{_label(path)}: in the zip but not in {MANIFEST_NAME}")


def _chained_hashes(proof: dict) -> set[str] | None:
    """The evidence hashes the newest signed version names, if it names any
    (an entry that lists its files under "evidence" binds them to the chain)."""
    try:
        listed = proof["versions"][-1]["entry"].get("evidence")
    except (KeyError, IndexError, TypeError, AttributeError):
        return None
    if not isinstance(listed, list):
        return None
    found = set()
    for item in listed:
        if isinstance(item, dict) and isinstance(item.get("sha256"), str):
            found.add(item["sha256"])
        elif isinstance(item, str):
            found.add(item)
    return found


def _check_entries(
    document: dict, report: Report, keys: dict[str, str], files: dict[str, str] | None
) -> None:
    for position, record in enumerate(document["entries"], start=1):
        proof = record.get("proof") if isinstance(record, dict) else None
        if not isinstance(proof, dict):
            report.entries.append(
                EntryReport(f"#{position}", problems=["not in the shape Haven writes"])
            )
            continue
        name = chain.short(proof.get("id", f"#{position}"))
        entry = EntryReport(name)
        versions = proof.get("versions")
        entry.versions = len(versions) if isinstance(versions, list) else 0
        entry.problems += chain.verify_proof(proof, keys)
        head = proof.get("head") if isinstance(proof.get("head"), dict) else {}
        if head.get("key_id") and head.get("key_id") not in keys:
            unknown = head.get("key_id")
            entry.problems.append(f"entry {name}: signed with key {unknown}, unknown to this Haven")
        chained = _chained_hashes(proof)
        for n, evidence in enumerate(record.get("evidence") or [], start=1):
            if not isinstance(evidence, dict):
                entry.problems.append(f"entry {name}, evidence {n}: not in the shape Haven writes")
                continue
            path, digest = str(evidence.get("path", "")), str(evidence.get("sha256", ""))
            if chained is not None and digest not in chained:
                entry.problems.append(
                    f"entry {name}, evidence {n}: its SHA-256 is not one its signed entry names"
                )
            if files is None:
                entry.evidence.append((_label(path), digest, True))
                continue
            ok = files.get(path) == digest
            entry.evidence.append((_label(path), digest, ok))
            if path not in files:
                entry.problems.append(f"entry {name}, evidence {n}: its file is missing")
            elif not ok:
                entry.problems.append(
                    f"entry {name}, evidence {n}: the file does not match its SHA-256"
                )
        report.entries.append(entry)
    if not document["entries"]:
        report.problems.append("the copy holds no entries")
