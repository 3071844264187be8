"""The paperwork checklist and the steps toward a separate account
(CONTENT.md sections 4 and 10), written for Haven.

Keys are stable: they are what the person's sealed answers are stored under.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Item:
    key: str
    title: str | Promise
    detail: str | Promise = ""


PAPERS = [
    Item(
        "id", _("ID"), _("Passport, driving licence, ID card, birth certificate, residence papers.")
    ),
    Item("bank", _("Bank statements"), _("A few recent ones, and your account and card numbers.")),
    Item(
        "home",
        _("Lease or mortgage"),
        _("Tenancy agreement, mortgage papers, or anything showing where you live."),
    ),
    Item(
        "legal",
        _("Legal papers"),
        _("Court orders, protection orders, separation or divorce papers, immigration papers."),
    ),
    Item("pay", _("Pay slips"), _("Recent pay slips and your work contract.")),
    Item(
        "benefits", _("Benefits letters"), _("Letters about any benefits, allowances or pensions.")
    ),
    Item("tax", _("Tax records"), _("Tax returns, tax numbers, letters from the tax office.")),
    Item(
        "debts",
        _("Debts"),
        _("Loans, credit cards, what is owed and to whom, and whose name each is in."),
    ),
    Item("insurance", _("Insurance"), _("Health, home, car or life insurance policies.")),
    Item(
        "children",
        _("Children's documents"),
        _("Birth certificates, passports, school and health records."),
    ),
    Item(
        "health",
        _("Your health records"),
        _("Prescriptions, medical cards, and records of any injuries."),
    ),
]

PAPER_DONE = "done"
PAPER_NOT_YET = "not-yet"
PAPER_NOT_FOR_ME = "not-for-me"
PAPER_STATUSES = [
    (PAPER_DONE, _("Done")),
    (PAPER_NOT_YET, _("Not yet")),
    (PAPER_NOT_FOR_ME, _("Not for me")),
]

ACCOUNT_STEPS = [
    Item(
        "find-bank",
        _("Find a bank or credit union where you can open an account safely."),
        _(
            "Ask what ID they need and whether they can keep your contact details "
            "private. Some have staff trained to help people leaving abuse; it's fine "
            "to ask."
        ),
    ),
    Item(
        "safe-address",
        _("Use an address they can't see."),
        _("A trusted friend's or relative's address, a PO box, or your workplace if that's safe."),
    ),
    Item(
        "private-email",
        _("Make a new email address that only you know about."),
        _("Give it a passphrase they couldn't guess, and don't stay signed in on shared devices."),
    ),
    Item(
        "paperless",
        _("Choose paperless statements, sent to your new email."),
        _("That way no letters about the account arrive at home."),
    ),
    Item(
        "devices",
        _("Keep banking off shared devices."),
        _(
            "Turn off notifications, don't let the browser save passwords, and sign "
            "out each time. Check that a banking app doesn't also appear on a shared "
            "tablet or computer."
        ),
    ),
    Item(
        "pin",
        _("Choose a PIN and passwords they couldn't guess."),
        _("Not birthdays, anniversaries, or the names of children or pets."),
    ),
    Item(
        "save-regularly",
        _("Put a little in, regularly."),
        _(
            "Small amounts add up. Choose a way that won't draw attention, if that "
            "matters for your safety."
        ),
    ),
    Item(
        "whats-in-my-name",
        _("Find out what's in your name."),
        _(
            "Shared accounts, loans, cards and bills. A credit report can show accounts "
            "you didn't know about."
        ),
    ),
    Item(
        "legal-advice",
        _("Get legal advice before changing anything you share."),
        _(
            "Taking money out of a joint account, closing it, or leaving a shared home "
            "can have legal effects. A legal advice service can tell you what is safe "
            "where you live."
        ),
    ),
]
