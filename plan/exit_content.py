"""The six steps of the exit plan (CONTENT.md section 4).

Task keys are stored in the person's sealed plan, so never rename one; the
wording can change freely. Links point at other rooms by their fixed paths.
"""

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Link:
    href: str
    label: Promise
    note: Promise | str = ""


@dataclass(frozen=True)
class Step:
    number: int
    title: Promise
    purpose: Promise
    prompts: list[Promise]
    tasks: list[tuple[str, Promise]]
    links: list[Link]
    more: list[Promise] = field(default_factory=list)
    children_caution: bool = False
    only_if_safe: bool = False
    show_help_lines: bool = False

    @property
    def task_keys(self) -> list[str]:
        return [key for key, _label in self.tasks]


STEPS = [
    Step(
        number=1,
        title=_("Get clear on your reasons and boundaries"),
        purpose=_(
            "Putting your reasons into words gives you something solid to hold when doubt "
            "creeps in. Boundaries turn those reasons into things you can actually do."
        ),
        prompts=[
            _("What will I no longer put up with?"),
            _("How is this affecting my health, my work, my sleep and the things I enjoy?"),
            _("What would truly have to change for me to stay? Is it changing?"),
            _(
                "If my boundary is crossed, what will I do? For example: if I'm shouted at, I end "
                "the call and leave the room."
            ),
        ],
        tasks=[
            ("write_reasons", _("Write down at least three reasons, in your own words")),
            ("name_boundary", _("Name the one boundary that matters most to you")),
            ("boundary_action", _("Decide what you will do if that boundary is crossed")),
            ("reread", _("Read your reasons again on a calmer day, and add anything missing")),
        ],
        links=[
            Link("/reasons/", _("Write or read your reasons")),
            Link("/scripts/builder/", _("Put a boundary into words")),
        ],
    ),
    Step(
        number=2,
        title=_("Plan for your safety"),
        purpose=_(
            "Before anything else, think about how to stay safe, now and when you go. A plan "
            "made on a calm day is much easier to follow on a frightening one."
        ),
        prompts=[
            _("If I had to leave in a hurry, where would I go first, and how would I get there?"),
            _("Who could keep a spare key, a little money or copies of my papers for me?"),
            _("Which of my accounts and devices could the other person see or get into?"),
            _("When are the safer times of day for me to make calls or plans?"),
        ],
        tasks=[
            ("safety_plan", _("Fill in your safety plan, even a little at a time")),
            ("place_to_go", _("Choose a place to go straight away, and how you'd get there")),
            ("keeper", _("Ask someone you trust to keep a spare key or copies of your papers")),
            ("accounts", _("List the accounts to protect, starting with your email")),
        ],
        links=[
            Link("/safety-plan/", _("Your safety plan")),
            Link("/check/danger/", _("Look at signs that danger may be growing")),
        ],
        children_caution=True,
    ),
    Step(
        number=3,
        title=_("Gather your support"),
        purpose=_(
            "You don't have to do this on your own. Even one person who knows what's going "
            "on can make the road feel lighter."
        ),
        prompts=[
            _("Who do I feel calmer around?"),
            _("Who could I tell, even just a little?"),
            _("Is there a support group, a help line or a counsellor I could try?"),
            _("Who could I check in with every day, even with a short message?"),
        ],
        tasks=[
            ("people", _("Write down two or three people you could reach out to")),
            ("tell_one", _("Tell one person what's happening, as much as feels safe")),
            ("service", _("Find a help line or support service near you")),
            ("daily", _("Agree a daily check-in with one person")),
        ],
        links=[
            Link("/help/", _("Help lines and support near you")),
        ],
        show_help_lines=True,
    ),
    Step(
        number=4,
        title=_("Sort out money and paperwork"),
        purpose=_(
            "Money and papers are often what keeps people stuck. Small steps here give you "
            "more choices later, however little you can do today."
        ),
        prompts=[
            _("Which papers would I need if I couldn't come back home for a while?"),
            _("Do I have any money that's only mine, even a small amount?"),
            _("Who near me helps with emergency money or a place to stay?"),
        ],
        tasks=[
            (
                "papers",
                _("Gather or copy your ID, bank statements, lease or mortgage, and legal papers"),
            ),
            ("own_account", _("Open a bank account in your name only, if it's safe to")),
            ("savings", _("Put a little money aside, whatever you can manage")),
            ("local_help", _("Find out about local help with emergency money or housing")),
        ],
        links=[
            Link("/money/", _("Money tools: a simple budget and a safety fund")),
            Link("/safety-plan/papers/", _("The papers list in your safety plan")),
        ],
        children_caution=True,
    ),
    Step(
        number=5,
        title=_("Say what you need, only if it's safe"),
        purpose=_(
            "You don't owe anyone an explanation. If talking feels safe, clear and simple "
            "words can help. If it doesn't, keeping yourself safe comes first, and this step "
            "can wait or be skipped."
        ),
        prompts=[
            _("Is it safe to raise this at all? If I'm not sure, can I skip it for now?"),
            _("What do I need to say, in one or two sentences?"),
            _(
                "Would a message, a letter, or someone else in the room be safer than "
                "talking alone?"
            ),
        ],
        tasks=[
            ("safe_to_talk", _("Decide whether talking is safe, or whether to skip this step")),
            ("i_words", _('Write what you want to say, starting from "I"')),
            ("safest_way", _("Choose the safest way: in writing, or with someone else there")),
            ("way_out", _("Plan how you'll leave the conversation if it turns hostile")),
        ],
        links=[
            Link("/scripts/", _("Ready words for hard conversations")),
        ],
        more=[
            _(
                'One shape that can help: "I feel unsafe when you ___. I need ___. If it happens '
                'again, I will ___."'
            ),
            _(
                "Protecting yourself matters more than being understood. You can stop talking "
                "and leave at any point."
            ),
        ],
        only_if_safe=True,
    ),
    Step(
        number=6,
        title=_("Reduce contact, or stop it"),
        purpose=_(
            "Less contact gives you room to breathe and think clearly. Where contact can't "
            "stop, because of children or work, you can keep it short and practical."
        ),
        prompts=[
            _("How can they reach me now: calls, messages, social media, friends we share?"),
            _("What would I say if they got in touch? Would a ready reply help?"),
            _(
                "If we must stay in touch, which one channel will we use, and what topics are "
                "allowed?"
            ),
        ],
        tasks=[
            ("block", _("Block or mute them where it's safe to do so")),
            ("new_email", _("Set up a separate email address they don't know")),
            ("ready_replies", _("Keep a few ready replies for when they get in touch")),
            (
                "one_channel",
                _("If contact has to go on, keep to one channel and to practical matters only"),
            ),
        ],
        links=[
            Link("/scripts/", _("Words for ending contact or keeping it brief")),
        ],
        more=[
            _("If you need to meet, choose a public place and bring someone you trust."),
            _(
                "Blocking can sometimes make a person try harder to reach you. If you're worried "
                "about that, talk it through with a help line first."
            ),
        ],
        children_caution=True,
    ),
]

STEP_BY_NUMBER = {step.number: step for step in STEPS}
TOTAL_SUGGESTED = sum(len(step.tasks) for step in STEPS)
