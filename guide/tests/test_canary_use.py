"""Searching for a private word leaves no trace: not in the database, the SQL or the logs."""

import logging

from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains

from guide.models import Section
from guide.tests.canary_use import use_everything

CANARY = "CANARY4471"


def test_a_searched_canary_is_shown_back_but_stored_and_logged_nowhere(owner_client, caplog):
    caplog.set_level(logging.DEBUG)
    with CaptureQueriesContext(connection) as queries:
        use_everything(owner_client, CANARY)
    assert Section.objects.count() == 17
    sql = "\n".join(q["sql"] for q in queries.captured_queries).lower()
    assert "safety" in sql  # the guide's own words were searched
    assert CANARY.lower() not in sql
    assert CANARY.lower() not in caplog.text.lower()
    for section in Section.objects.all():
        assert CANARY.lower() not in (section.body_markdown + section.body_text).lower()

    # The person sees what they typed, in their own response only.
    page = owner_client.post("/guide/search/", {"q": f"{CANARY} safety plan"})
    assertContains(page, CANARY)
    assertContains(page, "safety-first")
