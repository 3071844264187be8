"""The public library, filtered for the library page (scripts.content_files loads it)."""

from __future__ import annotations

import unicodedata

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
    if situation:
        scripts = scripts.filter(situation=situation)
    if tone:
        scripts = scripts.filter(tone=tone)
    words = _fold(query).split()
    found = [
        script
        for script in scripts
        if all(word in _fold(f"{script.title} {script.body} {script.note}") for word in words)
    ]
    # Grouped by situation in the order people are likely to need them.
    order = {value: index for index, value in enumerate(Situation.values)}
    found.sort(key=lambda s: (order.get(s.situation, len(order)), s.position, s.title))
    return found
