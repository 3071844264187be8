"""Deleting a space leaves no row behind: every feature's private rows go with it.

T3 and the person's wish: after "delete my account", nothing of theirs (or of
their decoy space) is left in any table. The rows come from every feature's
canary use, and the check walks every model the registry lists, and every
model anywhere that points at a member, by a foreign key or one to one.
"""

import pytest
from django.apps import apps

from accounts.models import User
from conftest import OWNER_NAME, OWNER_PASSPHRASE
from core.features import owned_models
from tests.world import fill_every_feature, owned_rows

DURESS = "pebble orchard silver monday"


def rows_pointing_at(user_ids) -> dict[str, int]:
    """Rows of any model whose foreign key or one-to-one field names one of these members."""
    found = {}
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is User:
                count = model.objects.filter(**{f"{field.attname}__in": user_ids}).count()
                if count:
                    found[f"{model._meta.label}.{field.name} ({type(field).__name__})"] = count
    return found


@pytest.mark.django_db
def test_deleting_a_space_leaves_no_row_behind(owner_client):
    fill_every_feature(owner_client, "DELETE-ME")
    owner_client.post(
        "/settings/duress/",
        {"current": OWNER_PASSPHRASE, "duress": DURESS, "duress_again": DURESS},
    )
    owner = User.objects.get(username=OWNER_NAME)
    decoy = User.objects.get(decoy_for=owner)

    kept = owned_rows(owner)
    empty = [label for label, count in kept.items() if not count]
    assert not empty, f"no canary use made a row of {empty}, so its deletion goes untested"
    assert len(kept) == len(owned_models()) >= 5
    before = rows_pointing_at([owner.pk, decoy.pk])
    # Rows owned one to one (the keyring, a one-per-member plan) and many per
    # member are both there to go, and so is the decoy space.
    assert any(key.endswith("(OneToOneField)") for key in before), before
    assert any(key.endswith("(ForeignKey)") for key in before), before
    assert "accounts.User.decoy_for (OneToOneField)" in before

    response = owner_client.post(
        "/settings/delete/", {"current": OWNER_PASSPHRASE, "understood": "on"}
    )
    assert response.status_code == 302

    assert not User.objects.filter(pk__in=[owner.pk, decoy.pk]).exists()
    assert rows_pointing_at([owner.pk, decoy.pk]) == {}
    for model in owned_models():
        assert not model.objects.filter(owner_id__in=[owner.pk, decoy.pk]).exists(), model
