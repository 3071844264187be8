"""Shared steps for the newsletter's tests: sign up, read the link from the mail, confirm."""

from __future__ import annotations

import re

from django.core import mail
from django.test import Client, TestCase

from newsletter import addresses
from newsletter.models import Subscriber

LINK = re.compile(r"https?://[^/\s]+(/newsletter/[a-z]+/[^\s\"<>]+/)")


def sign_up(client: Client, address: str, **extra) -> object:
    data = {"address": address, "weekly": "on", **extra}
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post("/newsletter/", data)


def links_in(message) -> list[str]:
    return LINK.findall(message.body)


def confirm_link(address: str) -> str:
    sent = [m for m in mail.outbox if m.to == [address]]
    assert sent, f"no mail to {address}"
    found = [link for link in links_in(sent[-1]) if link.startswith("/newsletter/confirm/")]
    assert found, sent[-1].body
    return found[0]


def subscriber_of(address: str) -> Subscriber:
    digest = addresses.address_hash(addresses.normalise(address))
    return Subscriber.objects.get(address_hash=digest)


def subscribed(client: Client, address: str) -> Subscriber:
    response = sign_up(client, address)
    assert response.status_code == 302, response.content.decode()[:500]
    confirmed = client.post(confirm_link(address))
    assert "You're signed up" in confirmed.content.decode()
    return subscriber_of(address)
