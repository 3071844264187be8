from django.utils.translation import gettext_lazy as _

from core.features import Feature, Link, Tool

# Subscribers have no account: an address is sealed with the server key and
# found by a keyed hash (newsletter/addresses.py), so no member's space holds
# newsletter data and this feature owns no private model.
FEATURE = Feature(
    app="newsletter",
    tools=[
        Tool(
            [Link(_("Weekly notes by email"), "newsletter:subscribe", _("Notes by email"))],
            order=90,
        )
    ],
    canary="newsletter.tests.canary_use",
    public_pages=["newsletter:subscribe", "newsletter:asked"],
)
