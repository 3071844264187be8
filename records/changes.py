"""What changed from one version of an entry to the next, word by word."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

from records.forms import FIELD_LABELS, TAG_LABELS

# A word with the spaces after it: changes read as whole phrases, not space by space.
WORDS = re.compile(r"\s+|\S+\s*")
SAME, ADDED, REMOVED = "same", "added", "removed"


@dataclass
class Change:
    label: Any
    # (kind, text) pieces in reading order: kept words, then removed and added ones.
    pieces: list[tuple[str, str]]


def shown(entry: dict[str, Any], key: str) -> str:
    value = entry.get(key, "")
    if key == "tags":
        return ", ".join(str(TAG_LABELS.get(tag, tag)) for tag in value or [])
    if key == "about":
        return "about" if value else ""
    return value if isinstance(value, str) else ""


def word_pieces(before: str, after: str) -> list[tuple[str, str]]:
    old, new = WORDS.findall(before), WORDS.findall(after)
    pieces: list[tuple[str, str]] = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append((SAME, "".join(old[a1:a2])))
            continue
        if a2 > a1:
            pieces.append((REMOVED, "".join(old[a1:a2])))
        if b2 > b1:
            pieces.append((ADDED, "".join(new[b1:b2])))
    return pieces


def compare(before: dict[str, Any], after: dict[str, Any], labels: dict[str, Any]) -> list[Change]:
    """Each box whose words differ between two versions, in the page's order."""
    changes = []
    for key, label in labels.items():
        old, new = shown(before, key), shown(after, key)
        if old != new:
            changes.append(Change(label, word_pieces(old, new)))
    return changes


def all_labels(when_labels: dict[str, Any], tags_label: Any) -> dict[str, Any]:
    return {**when_labels, **dict(FIELD_LABELS), "tags": tags_label}
