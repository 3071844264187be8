"""Deleting a space leaves no row behind: every feature's private rows go with it.

T3 and the person's wish: after "delete my account", nothing of theirs (or of
their decoy space) is left in any table. The rows come from every feature's
canary use, and the check walks every model the registry lists, and every
model anywhere that points at a member, by a foreign key or one to one.
"""

import datetime

import pytest
from django.apps import apps
from django.utils import timezone

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


def rows_pointing_at_rows(pks_by_model: dict) -> dict[str, int]:
    """Rows of any model whose foreign key or one-to-one field names one of these rows."""
    found = {}
    for target, pks in pks_by_model.items():
        for model in apps.get_models():
            for field in model._meta.concrete_fields:
                if field.is_relation and field.related_model is target:
                    count = model.objects.filter(**{f"{field.attname}__in": pks}).count()
                    if count:
                        found[f"{model._meta.label}.{field.name}"] = count
    return found


def rows_made_for(user) -> dict:
    """{model: [pks]} of every row that hangs on this account by a foreign key."""
    made = {}
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is User and model is not User:
                pks = list(
                    model.objects.filter(**{field.attname: user.pk}).values_list("pk", flat=True)
                )
                if pks:
                    made.setdefault(model, []).extend(pks)
    return made


@pytest.mark.skipif(
    not apps.is_installed("community"), reason="the community room is not installed here"
)
@pytest.mark.django_db
def test_deleting_a_space_leaves_nothing_of_its_community_self(owner_client, other_client):
    """Their name, posts, reactions, bookmarks, follows, blocks, flags and notices all go."""
    from community import members
    from community.models import Member, Post, Suspension, Thread
    from community.tests.conftest import join, reply_to, settle, thread_by

    for client, name in ((owner_client, "Juniper"), (other_client, "Bramble")):
        joined = client.post("/community/join/", {"name": name, "understood": "on"})
        assert joined.status_code == 302
        settle(Member.objects.get(name=name))
    casey, _casey_client = join("casey-sign-in", "Pebble")
    mine = Member.objects.get(name="Juniper")
    theirs = Member.objects.get(name="Bramble")

    started = thread_by(owner_client, "Mornings are mine", "WORDS-OF-JUNIPER one")
    alone = thread_by(owner_client, "Nobody answered", "WORDS-OF-JUNIPER two")
    elsewhere = thread_by(other_client, "Small wins", "Bramble's own thread")
    kept = reply_to(other_client, started, "Bramble answers here")
    reply_to(owner_client, elsewhere, "WORDS-OF-JUNIPER three")
    first_of_theirs = Post.objects.get(thread=elsewhere, position=1)
    # Reactions, a bookmark, a flag, a follow (replying follows), a block each way.
    assert (
        owner_client.post(f"/community/p/{first_of_theirs.pk}/react/", {"kind": "hug"}).status_code
        == 302
    )
    assert owner_client.post(f"/community/p/{first_of_theirs.pk}/bookmark/").status_code == 302
    flagged = owner_client.post(
        f"/community/p/{first_of_theirs.pk}/flag/", {"reason": "other", "note": "checking"}
    )
    assert flagged.status_code == 302
    casey_post = Post.objects.filter(author=casey).first()
    assert owner_client.post(f"/community/p/{casey_post.pk}/block/").status_code == 302
    members.block(casey, mine)
    # Notices for them: a reply where they follow, and a quote of their words.
    mine_first = Post.objects.get(thread=started, position=1)
    reply_to(other_client, elsewhere, "Thank you", quote=str(mine_first.pk))
    Suspension.objects.create(
        member=mine, reason="a test pause", ends_at=timezone.now() + datetime.timedelta(days=1)
    )

    made = rows_made_for(User.objects.get(username=OWNER_NAME))
    made_in_community = {model: pks for model, pks in made.items() if model is Member}
    assert made_in_community, made
    before = rows_pointing_at_rows(made_in_community)
    for kind in (
        "community.Thread.author",
        "community.Post.author",
        "community.Reaction.member",
        "community.Bookmark.member",
        "community.Reading.member",
        "community.Notification.member",
        "community.Flag.member",
        "community.Suspension.member",
    ):
        assert kind in before, (kind, before)
    assert "community.Block.blocker" in before and "community.Block.blocked" in before

    response = owner_client.post(
        "/settings/delete/", {"current": OWNER_PASSPHRASE, "understood": "on"}
    )
    assert response.status_code == 302

    assert rows_pointing_at_rows(made_in_community) == {}
    assert not Member.objects.filter(pk=mine.pk).exists()
    assert not Post.objects.filter(body__contains="WORDS-OF-JUNIPER").exists()
    assert not Thread.objects.filter(pk=alone.pk).exists()
    # Other people's words stay, where they were.
    assert Thread.objects.filter(pk=started.pk, author=None).exists()
    assert Post.objects.filter(pk=kept.pk, author=theirs).exists()
    assert Post.objects.filter(thread=elsewhere, author=theirs).count() == 2
