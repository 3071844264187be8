"""A small Markdown subset, made into HTML once on the server and cleaned.

Members may write emphasis, lists, quotes, code and links. Raw HTML is
shown as text (escaped before Markdown sees it), and whatever Markdown makes
passes nh3's allow-list: no images, no headings, no attributes but a link's
address, links only to http(s), each with rel="nofollow noopener noreferrer".
"""

from __future__ import annotations

import re
import unicodedata

import markdown
import nh3

TAGS = {"p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code", "pre"}
ATTRIBUTES = {"a": {"href"}}
SCHEMES = {"http", "https"}
REL = "nofollow noopener noreferrer"

# Characters that change how text reads without being seen (direction
# overrides, zero-width joins): dropped, so words can't be disguised.
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
HEADING = re.compile(r"<(/?)h[1-6]>")


def tidy(text: str) -> str:
    """Text as a member meant it: NFC, no invisible controls, no NUL bytes."""
    text = unicodedata.normalize("NFC", text)
    text = INVISIBLE.sub("", text).replace("\x00", "")
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")


def render(text: str) -> str:
    escaped = tidy(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # A line that starts with "&gt;" was a Markdown quote: give it back.
    escaped = re.sub(r"(?m)^(\s*)&gt;", r"\1>", escaped)
    html = markdown.markdown(escaped, output_format="html")
    html = HEADING.sub(r"<\1p>", html)
    return clean(html)


def clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=SCHEMES,
        link_rel=REL,
        strip_comments=True,
    )
