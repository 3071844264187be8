"""Markdown to safe HTML and plain text, and the small numbers a reader sees."""

import hashlib
import html
import json
import math
import re

import markdown
import nh3

# Characters that mark highlights inside search snippets; never part of content.
MARK_START = "\ue000"
MARK_END = "\ue001"

ALLOWED_TAGS = {
    "h2",
    "h3",
    "h4",
    "p",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "a",
    "blockquote",
    "hr",
    "br",
    "code",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
WORDS_PER_MINUTE = 200


def to_html(body_markdown: str) -> str:
    raw = markdown.markdown(body_markdown, extensions=["sane_lists", "smarty"])
    return nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )


def to_text(body_html: str) -> str:
    # Block ends become spaces so words from two paragraphs never run together.
    spaced = re.sub(r"</(p|li|h\d|blockquote)>|<br\s*/?>", " ", body_html)
    text = html.unescape(nh3.clean(spaced, tags=set()))
    text = text.replace(MARK_START, "").replace(MARK_END, "")
    return re.sub(r"\s+", " ", text).strip()


def reading_minutes(text: str) -> int:
    words = len(text.split())
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def content_hash(*parts) -> str:
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()
