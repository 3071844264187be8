"""Attack: read a saved danger screen's answers from its stored size.

Before padding, the sealed JSON of a saved danger screen was
192 + (yes answers) + 4 x (unsure answers) bytes long, so anyone who could
read the database (or a backup) could count the yes and unsure answers
without the passphrase. Now every answer set stores to the same length.
"""

import itertools

import pytest

from assess import content
from assess.models import SavedCheck

pytestmark = pytest.mark.django_db


def answers(yes=0, unsure=0):
    keys = list(content.DANGER_KEYS)
    chosen = {key: "no" for key in keys}
    for key in keys[:yes]:
        chosen[key] = "yes"
    for key in keys[yes : yes + unsure]:
        chosen[key] = "unsure"
    return chosen


def test_a_saved_danger_screen_stores_the_same_length_whatever_the_answers(owner_client):
    keys = len(content.DANGER_KEYS)
    combinations = [
        (yes, unsure)
        for yes, unsure in itertools.product(range(keys + 1), repeat=2)
        if yes + unsure <= keys
    ]
    for yes, unsure in combinations:
        response = owner_client.post("/check/danger/save/", answers(yes, unsure))
        assert response.status_code == 302
    lengths = {
        len(bytes(check.data)) for check in SavedCheck.objects.filter(kind=SavedCheck.DANGER)
    }
    assert SavedCheck.objects.filter(kind=SavedCheck.DANGER).count() == len(combinations)
    assert len(lengths) == 1, f"stored lengths still vary with the answers: {sorted(lengths)}"
