"""What the safety plan asks about (CONTENT.md section 3 and step 2 of section 4).

Keys are stored in the person's sealed plan, so never rename a key; change
the wording freely.
"""

from django.utils.translation import gettext_lazy as _

# The quick safety checklist. Each item: key, what it is, a short hint.
CHECKLIST = [
    (
        "places",
        _("I know of safe places I could go"),
        _("A friend's or relative's home, a shelter, or a busy public place that stays open late."),
    ),
    (
        "phone",
        _("My phone is charged and close by, and I know the numbers to call"),
        _(
            "Keep it near you, and learn the most important numbers by heart in case "
            "the phone is taken."
        ),
    ),
    (
        "documents",
        _("My important papers are hidden in a safe spot, or copied"),
        _(
            "Things like your ID, bank details and medical records. Copies kept with "
            "someone you trust count too."
        ),
    ),
    (
        "person",
        _("Someone I trust knows my plan, and we have a time to check in"),
        _("If they don't hear from you by that time, they know what to do."),
    ),
    (
        "accounts",
        _("I've changed my passwords and turned on two-step sign-in"),
        _(
            "Start with your email and your phone's account, because they can reset "
            "everything else."
        ),
    ),
]
CHECKLIST_KEYS = [key for key, _label, _hint in CHECKLIST]

DONE = "done"
NOT_YET = "not_yet"
NOT_FOR_ME = "not_for_me"
STATUS_CHOICES = [
    (DONE, _("Done")),
    (NOT_YET, _("Not yet")),
    (NOT_FOR_ME, _("Not for me")),
]

# Papers worth gathering or copying.
DOCUMENTS = [
    ("id", _("ID card, passport or driving licence")),
    ("birth", _("Birth certificates")),
    ("bank", _("Bank cards and account details")),
    ("medical", _("Medical records, prescriptions and insurance cards")),
    ("home", _("Lease, rent agreement or mortgage papers")),
    ("legal", _("Legal papers, such as court orders or immigration papers")),
    ("children", _("Your children's documents, such as school and health records")),
]
DOCUMENT_KEYS = [key for key, _label in DOCUMENTS]

# A bag that could be ready to grab, or left with someone you trust.
BAG_ITEMS = [
    ("charger", _("Phone charger, and a spare battery if you have one")),
    ("medicine", _("Medicines you take, with a few days' supply")),
    ("cash", _("Some cash, and a bank card")),
    ("keys", _("Spare keys for home and car")),
    ("clothes", _("A change of clothes for a couple of days")),
    ("copies", _("Copies of your important papers")),
    ("numbers", _("Important phone numbers written on paper")),
    ("children", _("Something comforting for each child, if you have children")),
]
BAG_KEYS = [key for key, _label in BAG_ITEMS]

# Steps that make it harder for someone to watch you or get into your accounts.
SECURITY_STEPS = [
    ("passwords", _("Change the passwords they might know or guess")),
    ("two_step", _("Turn on two-step sign-in for your email, phone account and bank")),
    ("location", _("Check your phone for location sharing, and turn off what you didn't choose")),
    (
        "apps",
        _(
            "Look for apps you don't recognise. Removing one can alert whoever put it "
            "there, so if you're unsure, ask a help line first"
        ),
    ),
    ("email", _("Set up a separate email address that only you know about")),
]
SECURITY_KEYS = [key for key, _label in SECURITY_STEPS]

# How many empty rows each list shows, and how many "add more rows" adds.
BLANK_ROWS = 2
MIN_ROWS = 3
ADD_ROWS = 3
MAX_ROWS = 40
