"""Every newsletter page that takes a token, walked with forged and borrowed tokens:
a kind refusal every time, and nothing about anyone changes."""

import pytest
from django.urls import get_resolver

from newsletter import tokens
from newsletter.models import Subscriber
from newsletter.tests.helpers import subscribed

pytestmark = pytest.mark.django_db


def token_routes() -> list[str]:
    resolver = get_resolver()
    found = []
    for entry in resolver.url_patterns:
        if getattr(entry, "namespace", None) == "newsletter":
            for pattern in entry.url_patterns:
                route = str(pattern.pattern)
                if "<str:token>" in route:
                    found.append("/newsletter/" + route)
    return found


def test_the_walk_sees_every_page_that_takes_a_token():
    assert len(token_routes()) == 5


def test_forged_and_borrowed_tokens_are_refused_everywhere(client):
    subscriber = subscribed(client, "walked@example.org")
    before = Subscriber.objects.values().get()
    good = {purpose: tokens.make(purpose, subscriber.id, 1) for purpose in tokens.LIFETIME}
    tries = [
        "example",
        good["manage"][:-3] + "abc",
        good["confirm"].replace(subscriber.id.hex, "0" * 32),
    ]
    for route in token_routes():
        own = {
            "confirm": "confirm",
            "u": "unsubscribe",
            "manage": "manage",
        }[route.split("/")[2]]
        borrowed = [value for purpose, value in good.items() if purpose != own]
        for token in tries + borrowed:
            path = route.replace("<str:token>", token)
            for method in ("get", "post"):
                response = getattr(client, method)(path)
                assert response.status_code in (400, 405), (method, path, response.status_code)
                if response.status_code == 400:
                    assert "Nothing was changed." in response.content.decode()
    assert Subscriber.objects.values().get() == before
