"""Scripts already in the library keep their situation when a script may have
several (migration 0004), and going back keeps the main one."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("scripts", "0003_script_content_row")]
AFTER = [("scripts", "0004_script_situations_list")]


@pytest.mark.django_db(transaction=True)
def test_each_script_keeps_its_situation_as_the_first_of_its_list():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("scripts", "Script")
    old.objects.create(slug="at-work", title="T", situation="work", tone="firm", body="Words.")
    old.objects.create(
        slug="edited",
        title="E",
        situation="ending-it",
        tone="gentle",
        body="Mine.",
        edited_by_operator=True,
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps.get_model("scripts", "Script")
    found = {s.slug: (s.situations, s.edited_by_operator) for s in new.objects.all()}
    assert found == {"at-work": (["work"], False), "edited": (["ending-it"], True)}

    new.objects.filter(slug="at-work").update(situations=["got-in-touch", "work"])
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    back = executor.loader.project_state(BEFORE).apps.get_model("scripts", "Script")
    assert dict(back.objects.values_list("slug", "situation")) == {
        "at-work": "got-in-touch",
        "edited": "ending-it",
    }

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes("scripts"))
