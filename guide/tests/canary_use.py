"""The guide has no private fields. The only thing a person types here is a
search, and searches are never stored or logged: the central canary test
(tests/test_canary.py) proves it by searching for the canary."""

from django.core.management import call_command
from django.test import Client

from tests.steps import get_ok, post_ok


def use_everything(client: Client, canary: str) -> None:
    # Load the real guide so the search below really runs against the index.
    call_command("load_guide", verbosity=0)
    post_ok(
        client,
        "/guide/search/",
        {"q": f"{canary} safety plan"},
        says=[f"{canary} safety plan", 'class="guide-result-list"'],
        step="searching the guide",
    )
    post_ok(
        client,
        "/guide/search/",
        {"q": f'"{canary}'},
        says=canary,
        step="searching the guide with a stray quote",
    )
    get_ok(client, f"/guide/search/?q={canary}", says=canary)
    get_ok(client, "/guide/for-supporters/", says="/guide/for-supporters/")
