"""Plain, open rules for what the checks show. None of this is a clinical tool.

Relationship check (Haven's own simple scheme, not a validated instrument):

* Each of the nine patterns is answered never / sometimes / often / most of the
  time, counted as 0 / 1 / 2 / 3 points. The total (0 to 27) is only used to
  draw the person's own change over time; the result page speaks in words.
* A pattern "showed up" when it scored 1 or more, and is "frequent" at 2 or more.
* Five patterns aim to control or diminish (put-downs, control, doubt,
  isolation, shame: `Pattern.controlling`). The others describe the impact.
* The overall reflection is the first of these that fits:
  "control"  - at least one controlling pattern is frequent;
  "often"    - at least one pattern is frequent;
  "some"     - at least one pattern showed up;
  "none"     - nothing showed up.
* One next step, the first rule that fits:
  1. a safety question was left unanswered ("I'd rather not say")
     -> "safety": the safety-first page;
  2. two or more controlling patterns are frequent -> "safety_plan";
  3. any pattern is frequent: family or work -> "boundary" (words for a
     boundary); otherwise -> "talk" (a confidential support line);
  4. anything showed up -> "notice" (keep notes, read about conflict vs control);
  5. nothing showed up -> "trust" (trust what you notice; come back any time).

Danger screen: no score at all. It lists, in words, the signs answered "yes"
and those answered "not sure". It never predicts and never ranks.

Reconciliation: observations are grouped by calendar week (Monday first). In a
week with several notes about one sign, "slipped" counts over "not sure" and
"not sure" over "held", so one hard moment is never hidden by good ones.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from assess import content

POINTS = {"never": 0, "sometimes": 1, "often": 2, "most": 3}
MAX_TOTAL = 3 * len(content.PATTERNS)
SHOWED_UP = 1
FREQUENT = 2


@dataclass
class PatternResult:
    key: str
    answer: str
    score: int
    pattern: content.Pattern

    @property
    def label(self):
        return self.pattern.label

    @property
    def answer_label(self):
        return content.FREQUENCY_LABELS[self.answer]

    @property
    def frequent(self) -> bool:
        return self.score >= FREQUENT


@dataclass
class RelationshipResult:
    relationship: str
    answers: dict[str, str]
    safety: dict[str, str]
    substances: str
    seen: list[PatternResult] = field(default_factory=list)
    not_seen: list[PatternResult] = field(default_factory=list)
    total: int = 0
    overall: str = "none"
    next_step: str = "trust"

    @property
    def relationship_label(self):
        return content.RELATIONSHIP_LABELS[self.relationship]

    @property
    def relationship_short(self):
        return content.RELATIONSHIP_SHORT[self.relationship]

    @property
    def safety_skipped(self) -> bool:
        return "skip" in self.safety.values()

    @property
    def substances_note(self) -> bool:
        return self.substances in ("yes", "unsure")

    def summary(self) -> dict:
        """What a saved check keeps (sealed): the answers and what they showed."""
        return {
            "relationship": self.relationship,
            "answers": self.answers,
            "safety": self.safety,
            "substances": self.substances,
            "total": self.total,
            "seen": [p.key for p in self.seen],
            "frequent": [p.key for p in self.seen if p.frequent],
            "overall": self.overall,
            "next_step": self.next_step,
        }


def score_relationship(
    relationship: str, answers: dict[str, str], safety: dict[str, str], substances: str = ""
) -> RelationshipResult:
    result = RelationshipResult(relationship, dict(answers), dict(safety), substances or "")
    # A saved check from before a wording change may lack a key: leave it out.
    scored = [
        PatternResult(p.key, answers[p.key], POINTS[answers[p.key]], p)
        for p in content.PATTERNS
        if answers.get(p.key) in POINTS
    ]
    result.total = sum(p.score for p in scored)
    # Most frequent first; ties keep the order the questions were asked in.
    result.seen = sorted((p for p in scored if p.score >= SHOWED_UP), key=lambda p: -p.score)
    result.not_seen = [p for p in scored if p.score < SHOWED_UP]
    frequent = [p for p in scored if p.frequent]
    frequent_control = [p for p in frequent if p.pattern.controlling]

    if frequent_control:
        result.overall = "control"
    elif frequent:
        result.overall = "often"
    elif result.seen:
        result.overall = "some"
    else:
        result.overall = "none"

    if result.safety_skipped:
        result.next_step = "safety"
    elif len(frequent_control) >= 2:
        result.next_step = "safety_plan"
    elif frequent:
        result.next_step = "boundary" if relationship in ("family", "work") else "talk"
    elif result.seen:
        result.next_step = "notice"
    else:
        result.next_step = "trust"
    return result


# ---- Danger screen ----


@dataclass
class DangerResult:
    answers: dict[str, str]

    @property
    def yes(self) -> list[content.DangerSign]:
        return [s for s in content.DANGER_SIGNS if self.answers.get(s.key) == "yes"]

    @property
    def unsure(self) -> list[content.DangerSign]:
        return [s for s in content.DANGER_SIGNS if self.answers.get(s.key) == "unsure"]

    def summary(self) -> dict:
        return {"answers": self.answers}


# ---- Reconciliation over weeks ----

WEEKS_SHOWN = 8
STATUS_WEIGHT = {"held": 0, "unsure": 1, "slipped": 2}


def week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


@dataclass
class SignWeeks:
    key: str
    label: object
    cells: list[dict]  # one per week shown, oldest first: {"week": date, "status": str|None}
    held: int = 0
    slipped: int = 0
    unsure: int = 0

    @property
    def logged(self) -> int:
        return self.held + self.slipped + self.unsure


def weeks_by_sign(
    observations: list[dict], today: datetime.date, weeks: int = WEEKS_SHOWN
) -> tuple[list[datetime.date], list[SignWeeks]]:
    """Per sign, one status per week for the last `weeks` weeks (this one included).

    `observations` are opened dicts: {"on": date, "sign": key, "status": key}.
    """
    this_week = week_start(today)
    columns = [this_week - datetime.timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    first = columns[0]
    rows = []
    for key, label, _help in content.RECONCILE_SIGNS:
        by_week: dict[datetime.date, str] = {}
        for obs in observations:
            if obs["sign"] != key or obs["on"] < first or obs["on"] > today:
                continue
            week = week_start(obs["on"])
            current = by_week.get(week)
            if current is None or STATUS_WEIGHT[obs["status"]] > STATUS_WEIGHT[current]:
                by_week[week] = obs["status"]
        row = SignWeeks(key, label, [{"week": w, "status": by_week.get(w)} for w in columns])
        for status in by_week.values():
            setattr(row, status, getattr(row, status) + 1)
        rows.append(row)
    return columns, rows
