"""Words that suggest someone may harm themselves or is in danger right now.

The one list Haven looks for, wherever a person writes: the community holds a
post with these words for review and shows help lines first; private writing
(a journal page, the words of an urge) shows the help lines quietly beside
what was written. Matching happens in memory on the text in hand; nothing
about a match is stored or logged by this module.

Matching is on whole words, in any case; a phrase matches with any spacing,
and a curly apostrophe counts as a straight one.
"""

from __future__ import annotations

import re

PHRASES = [
    "kill myself",
    "killing myself",
    "end my life",
    "end it all",
    "suicide",
    "suicidal",
    "want to die",
    "hurt myself",
    "hurting myself",
    "self harm",
    "self-harm",
    "cut myself",
    "cutting myself",
    "overdose",
    "no reason to live",
    "he will kill me",
    "she will kill me",
    "they will kill me",
    "going to kill me",
    "threatened to kill me",
    "he's outside",
    "she's outside",
    "in danger right now",
    "not safe right now",
    "locked me in",
]

PATTERN = re.compile(
    r"\b(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in PHRASES) + r")\b",
    re.IGNORECASE,
)
APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def sounds_like_crisis(*texts: str) -> bool:
    """Whether any of these texts holds words about self-harm or danger now."""
    return any(text and PATTERN.search(text.translate(APOSTROPHES)) for text in texts)
