"""The laptop demo: a member whose space each feature fills, and a believable decoy."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from accounts.models import User
from conftest import signed_in_client
from dashboard.management.commands.load_demo import DEMO_DURESS, DEMO_NAME, DEMO_PASSPHRASE

pytestmark = pytest.mark.django_db


def test_demo_content_is_refused_outside_a_laptop_trial():
    with override_settings(DEBUG=False), pytest.raises(CommandError, match="laptop"):
        call_command("load_demo")
    assert not User.objects.exists()


@override_settings(DEBUG=True)
def test_the_demo_member_finds_each_features_demo_content():
    call_command("load_demo", stdout=StringIO())
    home = signed_in_client(DEMO_NAME, DEMO_PASSPHRASE).get("/home/").content.decode()
    assert "I want to feel calm in my own home again." in home
    assert "2 of 5 checklist items done" in home
    assert "1 of 24 tasks done" in home


@override_settings(DEBUG=True)
def test_the_demo_decoy_looks_lived_in_and_holds_nothing_about_leaving():
    call_command("load_demo", stdout=StringIO())
    home = signed_in_client(DEMO_NAME, DEMO_DURESS).get("/home/").content.decode()
    assert "Get to bed before eleven on weeknights." in home
    assert "More time for the garden this spring." in home
    assert "I want to feel calm" not in home
    assert "Start your safety plan" in home  # none in the decoy
    assert "Look at the six steps" in home


@override_settings(DEBUG=True)
def test_loading_the_demo_twice_adds_nothing_more():
    call_command("load_demo", stdout=StringIO())
    count = User.objects.count()
    call_command("load_demo", stdout=StringIO())
    assert User.objects.count() == count == 3  # the member, their decoy, the operator
