"""The guide has no private fields. The only thing a person types here is a
search, and searches are never stored or logged: the central canary test
(tests/test_canary.py) proves it by searching for the canary."""

from django.core.management import call_command
from django.test import Client


def use_everything(client: Client, canary: str) -> None:
    # Load the real guide so the search below really runs against the index.
    call_command("load_guide", verbosity=0)
    client.post("/guide/search/", {"q": f"{canary} safety plan"})
    client.post("/guide/search/", {"q": f'"{canary}'})
    client.get("/guide/search/", {"q": canary})
    client.get("/guide/for-supporters/")
