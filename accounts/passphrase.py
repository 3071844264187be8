"""How strong a passphrase is, in words a tired person can act on."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

MIN_LENGTH = 10
MAX_LENGTH = 500
MIN_SCORE = 3  # zxcvbn: 0 (guessable) .. 4 (very hard to guess)
# zxcvbn refuses to score more than 72 characters. A longer passphrase is
# judged by its first 72: if those alone are hard to guess, the whole is too.
SCORED_LENGTH = 72


@dataclass(frozen=True)
class Strength:
    score: int
    acceptable: bool
    advice: str


def assess(passphrase: str, avoid: tuple[str, ...] = ()) -> Strength:
    if len(passphrase) < MIN_LENGTH:
        return Strength(
            0,
            False,
            _(
                "Please use at least %(n)d characters. A few unrelated words "
                "together work well, like “lamp river tuesday orange”."
            )
            % {"n": MIN_LENGTH},
        )
    # zxcvbn's word lists take about 12 MiB: loaded by the first passphrase
    # scored, not by every worker.
    from zxcvbn import zxcvbn

    result = zxcvbn(passphrase[:SCORED_LENGTH], user_inputs=[a[:SCORED_LENGTH] for a in avoid if a])
    score = int(result["score"])
    if score >= MIN_SCORE:
        return Strength(score, True, "")
    return Strength(
        score,
        False,
        _(
            "This one would be too easy for someone to guess. Try adding another "
            "word or two that don't belong together, like “lamp river tuesday orange”. "
            "Avoid names, birthdays and song lyrics."
        ),
    )
