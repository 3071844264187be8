"""The safety plan's support step offers one-tap call and message buttons for a safe person."""

import pytest

from circle.tests.helpers import person
from conftest import OWNER_NAME, OWNER_PASSPHRASE, signed_in_client
from vault.box import Box

pytestmark = pytest.mark.django_db


def add(user, box, name, phone, **roles):
    contact = person(user, box, name, f"{name.lower()}@example.org", **roles)
    from circle import actions

    actions.update_contact(
        contact,
        box,
        {"name": name, "email": f"{name.lower()}@example.org", "phone": phone, **roles},
    )


def test_the_support_step_offers_to_call_or_message_the_safe_person(owner_dek):
    user, dek = owner_dek
    box = Box(dek)
    add(user, box, "Sam", "+44 7700 900123", for_tempted=True)
    add(user, box, "Kim", "+44 7700 900456", for_checkins=True)  # not a safe person
    page = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE).get("/safety-plan/support/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "Call or message your safe person" in body
    assert 'href="tel:+447700900123"' in body and 'href="sms:+447700900123"' in body
    assert "900456" not in body


def test_without_a_safe_person_the_step_is_as_before(owner_dek):
    user, dek = owner_dek
    add(user, Box(dek), "Kim", "+44 7700 900456", for_checkins=True)
    body = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE).get("/safety-plan/support/")
    assert "Call or message your safe person" not in body.content.decode()
