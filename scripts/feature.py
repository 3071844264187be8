from django.utils.translation import gettext_lazy as _

from core.features import Feature, Link, Tool

FEATURE = Feature(
    app="scripts",
    tools=[
        Tool(
            [
                Link(_("Words for hard moments"), "scripts:index", _("Phrases")),
                Link(_("your own scripts"), "scripts:mine", _("your own phrases")),
                Link(_("boundary builder"), "scripts:builder", _("phrase builder")),
            ],
            order=30,
        )
    ],
    models=["scripts.MyScript"],
    canary="scripts.tests.canary_use",
    export="scripts.exports",
    content="scripts.content_files",
    private_pages=["scripts:builder", "scripts:mine"],
    public_pages=["scripts:index"],
)
