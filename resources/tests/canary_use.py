"""The resources app holds no private data.

Help lines are public reference facts curated by operators. The only thing a
person gives this app is their country choice, which lives in a device cookie
(hv_cc), never in the database or their account. So there is nowhere to put
the canary: this just exercises the one thing a person can do here.
"""

from tests.steps import post_ok


def use_everything(client, canary: str) -> None:
    post_ok(
        client,
        "/help/",
        {"country": "NZ", "next": "/help/"},
        then="/help/",
        says="Call for help in New Zealand",
        step="choosing a country for help lines",
    )
