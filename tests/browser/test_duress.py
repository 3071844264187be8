"""Forced to open Haven (T2): the duress passphrase shows a believable decoy."""

import pytest

from accounts import actions
from accounts.models import DuressEvent
from conftest import DURESS_PASSPHRASE, OWNER_NAME
from core.models import OnceJobTally
from plan import actions as plan_actions
from vault.box import Box

pytestmark = pytest.mark.browser

REAL_REASON = "He reads my messages when I sleep 5521."
DECOY_REASON = "Get to bed before eleven on weeknights."


def test_the_duress_passphrase_opens_the_decoy_and_quietly_notes_it(owner_dek, page, sign_in):
    member, dek = owner_dek
    plan_actions.add_reason(member, Box(dek), REAL_REASON)
    actions.set_duress(member, dek, DURESS_PASSPHRASE)

    sign_in(page, OWNER_NAME, DURESS_PASSPHRASE)

    # It looks like an ordinary space of the same person...
    assert page.inner_text("h1") == f"Welcome back, {OWNER_NAME}"
    reasons = page.inner_text("main")
    assert DECOY_REASON in reasons
    # ...with nothing of the real one in it.
    assert REAL_REASON not in page.content()
    page.goto("/reasons/")
    assert REAL_REASON not in page.content()
    assert DECOY_REASON in page.inner_text("main")

    # The silent alert went through its job (nobody to alert yet) and was
    # forgotten: nothing stays behind to say when this happened.
    assert OnceJobTally.objects.get(kind="duress.deliver").outcome == "no_contact"
    assert DuressEvent.objects.filter(user=member).count() == 0
