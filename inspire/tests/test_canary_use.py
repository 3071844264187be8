import pytest
from pytest_django.asserts import assertContains

from inspire.models import SavedReminders
from inspire.tests.canary_use import use_everything
from tests.steps import assert_sealed_and_filled

pytestmark = pytest.mark.django_db

CANARY = "CANARYINSPIRE42"


def test_the_canary_walk_fills_the_board_and_keeps_it_sealed(owner, owner_client):
    use_everything(owner_client, CANARY)

    board = owner_client.get("/today/saved/")
    assertContains(board, f"{CANARY} note 0")  # yesterday's, newest saved so first
    # Today's was taken off the board and saved again: its old note went with it.
    assertContains(board, f"{CANARY} note 1", count=0)
    assertContains(board, f"{CANARY} own changed")
    assertContains(board, f"{CANARY} own 1", count=0)  # taken off the board
    assertContains(board, 'aria-pressed="true"', count=2)  # both kept again in the end
    assert SavedReminders.objects.filter(owner=owner).count() == 1  # one sealed row
    assert_sealed_and_filled("inspire", CANARY, owner)


def test_the_board_is_not_stored_as_readable_slugs(owner, owner_client):
    use_everything(owner_client, CANARY)

    stored = bytes(SavedReminders.objects.get(owner=owner).data)
    from inspire import days

    slug = days.reminder_for(days.today()).slug
    assert slug.encode() not in stored
