"""What the checks ask, in Haven's own words (CONTENT.md sections 2, 3 and 7).

Keys are stable: saved checks store keys, never the wording, so wording can
change (or be translated) without breaking anyone's history. Everything a
person reads is a lazy translation here or lives in the templates.
"""

from django.utils.translation import gettext_lazy as _

# ---- Relationship check (section 2) ----

RELATIONSHIPS = [
    ("partner", _("A partner or ex-partner")),
    ("family", _("A family member")),
    ("work", _("Someone at work")),
    ("friend", _("A friend")),
    ("other", _("Someone else")),
]
RELATIONSHIP_LABELS = dict(RELATIONSHIPS)

# Short names for headings and the history chart ("Checks about: a partner").
RELATIONSHIP_SHORT = {
    "partner": _("a partner"),
    "family": _("a family member"),
    "work": _("someone at work"),
    "friend": _("a friend"),
    "other": _("someone else"),
}

# How often, and the points each answer counts for (see assess/scoring.py).
FREQUENCIES = [
    ("never", _("Never")),
    ("sometimes", _("Sometimes")),
    ("often", _("Often")),
    ("most", _("Most of the time")),
]
FREQUENCY_LABELS = dict(FREQUENCIES)

# Safety questions come first. Any "yes" ends the check at once.
YES_NO_SKIP = [
    ("yes", _("Yes")),
    ("no", _("No")),
    ("skip", _("I'd rather not say")),
]

SAFETY_QUESTIONS = [
    (
        "hurt",
        _("Has this person ever hurt you physically?"),
        _("For example pushed, grabbed, slapped, hit, kicked, choked, or hurt you any other way."),
    ),
    (
        "threatened",
        _("Have they threatened to hurt you, your children, your pets or someone close to you?"),
        _("Said out loud, in a message, or made clear some other way."),
    ),
    (
        "afraid",
        _("Have they frightened you on purpose, or made you afraid for your safety?"),
        _(
            "For example smashing things, blocking the door, following you, "
            "or driving dangerously to scare you."
        ),
    ),
]
SAFETY_KEYS = [key for key, _q, _h in SAFETY_QUESTIONS]

SUBSTANCES = [
    ("yes", _("Yes")),
    ("no", _("No")),
    ("unsure", _("I'm not sure")),
]


class Pattern:
    """One sign from section 2, with wording that can fit the relationship."""

    def __init__(self, key, label, question, meaning, controlling, **by_type):
        self.key = key
        self.label = label  # a short name, used in results and the history table
        self.question = question
        self.meaning = meaning  # one plain line shown when the pattern showed up
        self.controlling = controlling  # aims to control or diminish (see scoring.py)
        self.by_type = by_type

    def question_for(self, relationship: str):
        return self.by_type.get(relationship, self.question)


PATTERNS = [
    Pattern(
        "drained",
        _("Feeling drained, anxious or worthless"),
        _("How often do you come away from time with them feeling drained, anxious or worthless?"),
        _("How you feel around someone is real information, even when nothing big has happened."),
        controlling=False,
        work=_("How often do you finish a day around them feeling drained, anxious or worthless?"),
    ),
    Pattern(
        "dismissed",
        _("Your needs brushed aside"),
        _("How often are your needs or feelings brushed aside, or treated as too much?"),
        _("Your needs are not too much. Being waved away again and again wears a person down."),
        controlling=False,
    ),
    Pattern(
        "putdowns",
        _("Put-downs, sarcasm and contempt"),
        _("How often do they put you down, make cutting remarks, or treat you with contempt?"),
        _("Contempt is not a way of disagreeing. It is a way of making someone feel small."),
        controlling=True,
        work=_(
            "How often do they put you down, make cutting remarks or treat you with "
            "contempt, in private or in front of others?"
        ),
    ),
    Pattern(
        "control",
        _("Control, guilt and manipulation"),
        _("How often do they use guilt, pressure or tricks to get their way?"),
        _("Getting their way through guilt or pressure takes your choices away from you."),
        controlling=True,
        work=_("How often do they use pressure, guilt or your job to get their way?"),
        family=_("How often do they use guilt, family duty or pressure to get their way?"),
    ),
    Pattern(
        "giving",
        _("Giving without getting back"),
        _("How often do you give care and support, and get little or nothing back?"),
        _("Care that only flows one way leaves you running on empty."),
        controlling=False,
        work=_(
            "How often do you carry extra work or cover for them, and get no support in return?"
        ),
    ),
    Pattern(
        "eggshells",
        _("Walking on eggshells"),
        _("How often do you watch their mood carefully before you speak or act?"),
        _("Living on alert is tiring. It often means your safety or peace depends on their mood."),
        controlling=False,
    ),
    Pattern(
        "doubt",
        _("Being made to doubt yourself"),
        _("How often do they make you doubt your memory, or what you saw and heard?"),
        _(
            "Being told again and again that you remember it wrong can make you trust them "
            "over yourself. Writing things down soon after they happen can help."
        ),
        controlling=True,
    ),
    Pattern(
        "isolation",
        _("Being cut off from others"),
        _(
            "How often do they make it harder to see friends or family, "
            "or leave you feeling cut off?"
        ),
        _("Being cut off from people makes it harder to check what is happening with someone."),
        controlling=True,
        work=_(
            "How often do they leave you out, or keep you from colleagues or information you need?"
        ),
        family=_(
            "How often do they make it hard to see friends or other family, "
            "or turn others against you?"
        ),
    ),
    Pattern(
        "shame",
        _("Shame used to move you"),
        _(
            "How often do they use shame, about your body, your past or your choices, "
            "to make you go along with them?"
        ),
        _("Shame used as a lever says more about the person using it than about you."),
        controlling=True,
    ),
]
PATTERNS_BY_KEY = {p.key: p for p in PATTERNS}
PATTERN_KEYS = [p.key for p in PATTERNS]


# ---- Danger screen (section 3) ----
# Haven's own questions about widely known warning signs. Not taken from any
# published instrument: no items, order or weights are reproduced, and the
# screen never adds anything up.

YES_NO_UNSURE = [
    ("yes", _("Yes")),
    ("no", _("No")),
    ("unsure", _("Not sure")),
]


class DangerSign:
    def __init__(self, key, named, question, help_text="", note=""):
        self.key = key
        self.named = named  # the sign, named in words on the result page
        self.question = question
        self.help_text = help_text
        self.note = note  # one extra line of practical advice, when there is one


DANGER_SIGNS = [
    DangerSign(
        "kill_threats",
        _("They have threatened to kill you or someone close to you."),
        _("Have they ever said they would kill you, or someone close to you?"),
        _("Even if they said it in anger, or later said it was a joke."),
    ),
    DangerSign(
        "neck",
        _("They have choked or strangled you, or pressed on your neck."),
        _(
            "Have they ever put their hands, an arm or anything else around your neck, "
            "or stopped you breathing?"
        ),
        _("Even once, and even if it left no marks."),
        _(
            "Pressure on the neck can cause harm that shows up hours or days later, "
            "even without marks. Seeing a doctor is worth it."
        ),
    ),
    DangerSign(
        "weapon",
        _("They have a weapon, or could get one, or have threatened you with one."),
        _(
            "Do they own or have easy access to a gun, or have they ever threatened you "
            "with any weapon?"
        ),
    ),
    DangerSign(
        "forced_sex",
        _("They have forced or pressured you into sex."),
        _("Have they ever forced or pressured you into sex or sexual acts you did not want?"),
    ),
    DangerSign(
        "stalking",
        _("They follow, watch or track you."),
        _(
            "Do they follow you, turn up where you are, or keep track of you through "
            "your phone, messages or other people?"
        ),
    ),
    DangerSign(
        "jealousy",
        _("They are intensely jealous or try to control your daily life."),
        _(
            "Are they intensely jealous, or do they try to control who you see, "
            "where you go or what you spend?"
        ),
    ),
    DangerSign(
        "separation",
        _("You have recently left, or are planning to leave."),
        _("Have you recently left them, or are you planning to leave or end things?"),
        "",
        _(
            "The time around leaving can be an especially dangerous time. A support line "
            "can help you plan your leaving as safely as possible."
        ),
    ),
    DangerSign(
        "worse",
        _("The violence or threats are getting worse or happening more often."),
        _("Lately, has the violence or the threats got worse, or started happening more often?"),
    ),
    DangerSign(
        "suicide_threats",
        _("They have threatened to harm or kill themselves."),
        _("Have they threatened to harm or kill themselves, for example if you leave?"),
        _("Their safety is not your job. Their threats are still a serious sign."),
    ),
]
DANGER_BY_KEY = {s.key: s for s in DANGER_SIGNS}
DANGER_KEYS = [s.key for s in DANGER_SIGNS]


# ---- Reconciliation (section 7) ----

RECONCILE_SIGNS = [
    (
        "acknowledged",
        _("Harm acknowledged"),
        _("They name what they did and its effect on you, without excuses, again and again."),
    ),
    (
        "change",
        _("Real change, kept up"),
        _(
            "They are doing the work to change (for example therapy or a programme) "
            "and the harmful behaviour has stopped."
        ),
    ),
    (
        "boundaries",
        _("Boundaries respected"),
        _("When you say no or ask for space, they respect it, even when it is hard for them."),
    ),
    (
        "safeguards",
        _("Support and safeguards in place"),
        _("Other people know, and there are agreed safeguards if things slip."),
    ),
]
RECONCILE_SIGN_KEYS = [key for key, _label, _help in RECONCILE_SIGNS]
RECONCILE_SIGN_LABELS = {key: label for key, label, _help in RECONCILE_SIGNS}

OBSERVATION_STATUSES = [
    ("held", _("Held")),
    ("slipped", _("Slipped")),
    ("unsure", _("Not sure")),
]
OBSERVATION_STATUS_LABELS = dict(OBSERVATION_STATUSES)
