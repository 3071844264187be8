"""The public library, filtered for the library page (scripts.content_files loads it)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from scripts.models import Script, Situation


def load(*, force: bool = False) -> str:
    """Load scripts.yaml (what `manage.py load_content` does for every feature)."""
    # Imported here: loading needs YAML and pydantic, which serving pages doesn't.
    from scripts import content_files

    return content_files.load(force=force)


def _fold(text: str) -> str:
    """Lower case without accents, so "cafe" finds "café"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def find(situation: str = "", tone: str = "", query: str = "") -> list[Script]:
    """Scripts matching the filters. The search words are matched here, in
    Python, so they never reach the database, a log or a URL."""
    scripts = Script.objects.all()
    if tone:
        scripts = scripts.filter(tone=tone)
    words = _fold(query).split()
    found = [
        script
        for script in scripts
        if (not situation or situation in script.situations)
        and all(word in _fold(f"{script.title} {script.body} {script.note}") for word in words)
    ]
    # In the order people are likely to need them, by the situation each is mainly for.
    order = {value: index for index, value in enumerate(Situation.values)}
    found.sort(key=lambda s: (order.get(s.situation, len(order)), s.position, s.title))
    return found


@dataclass
class Group:
    situation: str
    label: str
    scripts: list[Script]


def by_situation(scripts: list[Script], only: str = "") -> list[Group]:
    """Each situation with its scripts, in the library's order. A script that
    fits two situations is listed under both, so each group is whole."""
    groups = []
    for value, label in Situation.choices:
        if only and value != only:
            continue
        members = sorted(
            (script for script in scripts if value in script.situations),
            key=lambda s: (s.situation != value, s.position, s.title),
        )
        if members:
            groups.append(Group(value, label, members))
    return groups
