from django.dispatch import receiver
from django.utils.translation import gettext as _

from accounts.signals import decoy_created
from plan import actions


@receiver(decoy_created)
def give_decoy_ordinary_reasons(sender, decoy, box, **kwargs):
    """A lightly used space: a couple of everyday goals the person can change."""
    for text in (
        _("Get to bed before eleven on weeknights."),
        _("Walk a little every day, even just around the block."),
    ):
        actions.add_reason(decoy, box, text)
