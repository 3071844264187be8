from django.utils.translation import gettext_lazy as _

from core.features import Feature, Link, NavEntry, Tool

FEATURE = Feature(
    app="guide",
    nav=[NavEntry(_("Guide"), "guide:index", namespace="guide", order=10)],
    tools=[
        Tool(
            [
                Link(_("Read the guide"), "guide:index", _("Guide")),
                Link(
                    _("a page to share with someone who supports you"),
                    "guide:supporters",
                    _("a page to share"),
                ),
            ],
            order=60,
        )
    ],
    canary="guide.tests.canary_use",
    content="guide.content_files",
    public_pages=["guide:index", "guide:search", "guide:supporters"],
)
