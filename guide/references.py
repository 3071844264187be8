"""Cross-references in the guide's Markdown: where a section points at another
section or at one of Haven's tools, the words must be a link, and the link must
lead to a page that exists.

A frightened reader who sees "read 'Safety first'" should be one tap away from
it, not left to hunt through the contents. The guide's tests run these checks
over every content file (guide/tests/test_guide_links.py).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.urls import Resolver404, resolve

# [words](address), as the guide writes links. Images and reference-style links
# are not used in the guide.
LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
QUOTED = re.compile(r'"([^"\n]{2,80})"')
# "read" or "see" followed by a quoted name is a reference whatever the name
# says, so a misspelt or renamed title is caught too.
POINTER = re.compile(r'\b(?:read|see|start with)\s+"([^"\n]{2,80})"', re.IGNORECASE)
PART_OF_GUIDE = re.compile(
    r"\b(?:next|previous|last|earlier|\d+(?:st|nd|rd|th)?) part of (?:this|the) guide\b",
    re.IGNORECASE,
)

# Names of Haven's tools as the guide writes them, and the page each must link to.
TOOLS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"\bsafety plan\b", re.IGNORECASE), "plan:safety"),
    (re.compile(r"\bexit plan\b", re.IGNORECASE), "plan:exit"),
    (re.compile(r"\b(?:your|my) reasons\b", re.IGNORECASE), "plan:reasons"),
    (re.compile(r"\brelationship check\b", re.IGNORECASE), "assess:relationship"),
    (re.compile(r"\bdanger (?:screen|check)\b", re.IGNORECASE), "assess:danger"),
    (re.compile(r"\breconciliation check\b", re.IGNORECASE), "assess:reconcile"),
    (re.compile(r"\bboundary builder\b", re.IGNORECASE), "scripts:builder"),
    (re.compile(r"\bscripts?\b", re.IGNORECASE), "scripts:index"),
    (re.compile(r"\bbudget\b", re.IGNORECASE), "money:budget"),
    (re.compile(r"\bemergency fund\b", re.IGNORECASE), "money:fund"),
    (re.compile(r"\bhelp page\b", re.IGNORECASE), "resources:index"),
    (re.compile(r"\bquick exit\b", re.IGNORECASE), "core:safety"),
]


@dataclass(frozen=True)
class Link:
    line: int
    words: str
    href: str


@dataclass(frozen=True)
class Problem:
    line: int
    problem: str

    def where(self, name: str) -> str:
        return f"{name}:{self.line}: {self.problem}"


def _lines(body: str, first_line: int) -> Iterable[tuple[int, str]]:
    for offset, text in enumerate(body.splitlines()):
        # A heading names its own topic; links in headings read badly aloud.
        if text.lstrip().startswith("#"):
            continue
        yield first_line + offset, text


def links(body: str, first_line: int = 1) -> list[Link]:
    return [
        Link(number, match.group(1), match.group(2))
        for number, text in _lines(body, first_line)
        for match in LINK.finditer(text)
    ]


def _fold(text: str) -> str:
    return " ".join(text.casefold().strip(" .,;:!?").split())


def unlinked(body: str, titles: Iterable[str], first_line: int = 1) -> list[Problem]:
    """Mentions of a guide section or a Haven tool outside any link."""
    known = {_fold(title) for title in titles}
    problems = []
    for number, text in _lines(body, first_line):
        plain = LINK.sub(" ", text)
        named = set()
        for match in POINTER.finditer(plain):
            named.add(match.group(1))
            problems.append(
                Problem(number, f'"{match.group(1)}" points at a part of the guide; make it a link')
            )
        for match in QUOTED.finditer(plain):
            if match.group(1) not in named and _fold(match.group(1)) in known:
                problems.append(
                    Problem(number, f'"{match.group(1)}" is a part of the guide; make it a link')
                )
        for match in PART_OF_GUIDE.finditer(plain):
            problems.append(
                Problem(number, f'"{match.group(0)}" points at a part of the guide; make it a link')
            )
        for pattern, url_name in TOOLS:
            for match in pattern.finditer(plain):
                problems.append(
                    Problem(
                        number,
                        f'"{match.group(0)}" names a Haven tool; link it to {url_name}',
                    )
                )
    return problems


def wrong_targets(body: str, slugs: Iterable[str], first_line: int = 1) -> list[Problem]:
    """Links that lead nowhere: an unknown address, or a section that doesn't exist,
    or a tool's name linked to some other page."""
    slugs = set(slugs)
    problems = []
    for link in links(body, first_line):
        if link.href.startswith("#") or link.href.startswith(("https://", "mailto:", "tel:")):
            continue
        path = link.href.split("#", 1)[0].split("?", 1)[0]
        try:
            match = resolve(path)
        except Resolver404:
            problems.append(Problem(link.line, f"{link.href} is not a page of Haven"))
            continue
        if match.view_name == "guide:section" and match.kwargs["slug"] not in slugs:
            problems.append(Problem(link.line, f"{link.href}: there is no such part of the guide"))
            continue
        for pattern, url_name in TOOLS:
            if pattern.search(link.words) and match.view_name != url_name:
                problems.append(
                    Problem(
                        link.line,
                        f'"{link.words}" names a Haven tool but links to {link.href}, '
                        f"not to {url_name}",
                    )
                )
    return problems
