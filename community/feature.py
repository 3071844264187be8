from django.utils.translation import gettext_lazy as _

from core.features import Feature, NavEntry

# The community holds no sealed data: what members post is shared, and they
# are told so before their first post. So it owns no private models, and its
# canary use is left out on purpose (tests/test_canary.py proves no private
# words reach its tables).
FEATURE = Feature(
    app="community",
    nav=[
        NavEntry(
            _("Community"),
            "community:index",
            namespace="community",
            private=True,
            order=60,
            discreet_label=_("Forum"),
        )
    ],
    private_pages=["community:index", "community:search", "community:join"],
    # The members' "Reminders" board, lent to the inspire room's pages
    # (a module with latest_reminders, reminder_post_url, reminders_board_url).
    extra={"members_reminders": "community.api"},
)
