from django.utils.translation import gettext_lazy as _

from core.features import Feature, NavEntry

# Help lines are public facts; the only choice a person makes here (their
# country) lives in a device cookie, so this feature owns no private model.
FEATURE = Feature(
    app="resources",
    nav=[NavEntry(_("Help"), "resources:index", namespace="resources", order=30)],
    canary="resources.tests.canary_use",
    content="resources.content_files",
    public_pages=["resources:index"],
)
