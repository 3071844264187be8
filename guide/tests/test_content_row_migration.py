"""Sections an operator had already edited or added in the admin stay marked as
theirs when the guide moves to the one content rule (migration 0003), so the
next load neither overwrites nor removes them."""

import hashlib
import json

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("guide", "0002_search_index")]
AFTER = [("guide", "0003_section_content_row")]


def fingerprint(title, summary, body, tools, number, show_help_lines):
    blob = json.dumps(
        (title, summary, body, tools, number, show_help_lines),
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(blob.encode()).hexdigest()


@pytest.mark.django_db(transaction=True)
def test_an_edit_made_before_the_change_is_still_kept_after_it():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("guide", "Section")
    as_loaded = fingerprint("Loaded", "S", "Words.\n", [], 1, False)
    old.objects.create(
        number=1,
        slug="as-loaded",
        title="Loaded",
        summary="S",
        body_markdown="Words.\n",
        version=3,
        source_hash=as_loaded,
    )
    old.objects.create(
        number=2,
        slug="edited",
        title="Edited here",
        summary="S",
        body_markdown="Words.\n",
        version=2,
        source_hash=fingerprint("Loaded", "S", "Words.\n", [], 2, False),
    )
    old.objects.create(number=3, slug="added-here", title="Added", body_markdown="Words.\n")

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps.get_model("guide", "Section")
    found = {s.slug: (s.edited_by_operator, s.source_version) for s in new.objects.all()}
    assert found == {"as-loaded": (False, 3), "edited": (True, 2), "added-here": (True, 1)}

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes("guide"))
