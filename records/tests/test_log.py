"""The incident log through real requests: write, complete, edit, delete, check."""

import datetime
import re

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from records import chain, demo
from records.models import Incident, IncidentVersion
from vault.box import Box

pytestmark = pytest.mark.django_db

FULL = {
    "date": "2026-03-14",
    "time": "21:30",
    "about": "on",
    "when_text": "after the dinner at his mum",
    "where": "the car park",
    "who": "Alex",
    "happened": "He grabbed my wrist and took my keys.",
    "felt": "frozen",
    "meant": "he wanted me to stay",
    "witnesses": "a man with a dog",
    "injuries": "a bruise on my left wrist",
    "references": "police ref 2026/4471",
    "tags": ["physical", "family"],
}


def incident_id(response) -> str:
    found = re.search(r"/records/([0-9a-f-]{36})/", response["Location"])
    assert found, response["Location"]
    return found.group(1)


def test_a_quick_entry_is_one_box_and_a_date_and_can_be_completed_later(owner, owner_client):
    page = owner_client.get("/records/quick/")
    assertContains(page, 'name="happened"')
    assertNotContains(page, 'name="witnesses"')
    saved = owner_client.post(
        "/records/quick/", {"date": "2026-03-14", "happened": "He shouted in the hall."}
    )
    assert saved.status_code == 302
    pk = incident_id(saved)
    shown = owner_client.get(f"/records/{pk}/")
    assertContains(shown, "He shouted in the hall.")
    assertContains(shown, "Add the details")
    completed = owner_client.post(
        f"/records/{pk}/edit/",
        {"date": "2026-03-14", "happened": "He shouted in the hall.", "witnesses": "Mina"},
    )
    assert completed.status_code == 302
    shown = owner_client.get(f"/records/{pk}/")
    assertContains(shown, "Mina")
    assertNotContains(shown, "Add the details")
    assertContains(shown, "Edited 1 time")


def test_a_full_entry_keeps_every_box_and_tag(owner_client):
    saved = owner_client.post("/records/new/", FULL)
    shown = owner_client.get(f"/records/{incident_id(saved)}/")
    for value in FULL.values():
        if isinstance(value, str) and value not in ("on", "2026-03-14"):
            assertContains(shown, value)
    assertContains(shown, "Physical, Family")
    assertContains(shown, "Sat 14 March 2026, about 21:30")


@pytest.mark.parametrize(
    ("template", "boxes", "tag"),
    [
        ("work", ("manager", "hr_route", "policy"), "work"),
        ("family", ("present", "said"), "family"),
    ],
)
def test_each_template_adds_its_boxes_and_ticks_its_tag(owner_client, template, boxes, tag):
    page = owner_client.get(f"/records/new/{template}/")
    for name in boxes:
        assertContains(page, f'name="{name}"')
    assert re.search(rf'value="{tag}"[^>]*checked', page.content.decode())
    plain = owner_client.get("/records/new/")
    for name in boxes:
        assertNotContains(plain, f'name="{name}"')
    posted = {"date": "2026-03-01", "happened": "x", "tags": [tag]}
    posted.update({name: f"{name} words" for name in boxes})
    shown = owner_client.get(
        f"/records/{incident_id(owner_client.post(page.request['PATH_INFO'], posted))}/"
    )
    for name in boxes:
        assertContains(shown, f"{name} words")
    assert owner_client.get("/records/new/holiday/").status_code == 404


def test_mistakes_are_named_kindly_and_keep_every_word(owner_client):
    response = owner_client.post(
        "/records/new/", {**FULL, "happened": "", "date": "31/02/2026", "time": "25:99"}
    )
    assert response.status_code == 200
    assertContains(response, "Write a few words about what happened")
    assertContains(response, "Please check this date")
    assertContains(response, "Please check this time")
    for name in ("where", "felt", "meant", "witnesses", "injuries", "references", "when_text"):
        assertContains(response, FULL[name])
    assertContains(response, "31/02/2026")
    assert Incident.objects.count() == 0


def test_an_edit_is_a_new_version_and_the_old_words_stay(owner, owner_client):
    pk = incident_id(owner_client.post("/records/new/", FULL))
    owner_client.post(f"/records/{pk}/edit/", {**FULL, "where": "the bus stop"})
    assert IncidentVersion.objects.filter(incident_id=pk).count() == 2
    versions = owner_client.get(f"/records/{pk}/versions/")
    assertContains(versions, "Version 1: as first written")
    assertContains(versions, "the car park")
    assertContains(versions, "<del>car park</del>")
    assertContains(versions, "<ins>bus stop</ins>")
    # Saving again without a change makes no version.
    same = owner_client.post(f"/records/{pk}/edit/", {**FULL, "where": "the bus stop"}, follow=True)
    assertContains(same, "Nothing was changed")
    assert IncidentVersion.objects.filter(incident_id=pk).count() == 2


def test_deleting_asks_then_removes_the_entry_and_all_its_versions(owner_client):
    pk = incident_id(owner_client.post("/records/new/", FULL))
    owner_client.post(f"/records/{pk}/edit/", {**FULL, "who": "A."})
    confirm = owner_client.get(f"/records/{pk}/delete/")
    assertContains(confirm, "all 2 of its versions")
    assertContains(confirm, "can't be brought back")
    assert Incident.objects.count() == 1
    owner_client.post(f"/records/{pk}/delete/")
    assert Incident.objects.count() == 0
    assert IncidentVersion.objects.count() == 0


def test_another_member_gets_not_found_on_every_page_of_an_entry(owner_client, other_client):
    pk = incident_id(owner_client.post("/records/new/", FULL))
    for path in ("", "edit/", "versions/", "delete/"):
        assert other_client.get(f"/records/{pk}/{path}").status_code == 404
        assert other_client.post(f"/records/{pk}/{path}", FULL).status_code == 404
    assert Incident.objects.count() == 1
    assertNotContains(other_client.get("/records/"), "car park")


def test_the_list_is_by_the_incidents_own_date_with_tags_and_pages(owner_client):
    for day, tag in (("2026-01-05", "verbal"), ("2025-12-24", "family"), ("2026-02-10", "verbal")):
        owner_client.post("/records/new/", {"date": day, "happened": f"on {day}", "tags": [tag]})
    body = owner_client.get("/records/").content.decode()
    assert body.index("on 2026-02-10") < body.index("on 2026-01-05") < body.index("on 2025-12-24")
    tagged = owner_client.get("/records/?tag=family")
    assertContains(tagged, "on 2025-12-24")
    assertNotContains(tagged, "on 2026-01-05")
    for n in range(20):
        owner_client.post("/records/quick/", {"date": "2024-01-01", "happened": f"old {n}"})
    first = owner_client.get("/records/")
    assertContains(first, "Page 1 of 2")
    second = owner_client.get("/records/?page=2")
    assertContains(second, "old ")
    assertNotContains(second, "on 2026-02-10")


def test_the_check_page_says_all_is_well_then_names_a_flipped_byte(owner_client):
    pk = incident_id(owner_client.post("/records/new/", FULL))
    owner_client.post(f"/records/{pk}/edit/", {**FULL, "who": "A."})
    owner_client.post("/records/quick/", {"happened": "another"})
    assertContains(owner_client.get("/records/check/"), "All 2 entries are as you wrote them.")
    version = IncidentVersion.objects.get(incident_id=pk, number=1)
    sealed = bytearray(bytes(version.body))
    sealed[20] ^= 0x01
    IncidentVersion.objects.filter(pk=version.pk).update(body=bytes(sealed))
    page = owner_client.get("/records/check/")
    assertContains(page, "1 of 2 entries was changed")
    assertContains(page, f"entry {chain.short(pk)}, version 1: its sealed words were changed")
    assertNotContains(page, "are as you wrote them")
    # The entry's pages still open and say which version can't be read.
    assertContains(owner_client.get(f"/records/{pk}/versions/"), "won't open")


def test_an_older_copy_put_back_as_the_shown_entry_is_caught(owner, owner_client):
    pk = incident_id(owner_client.post("/records/new/", FULL))
    old = bytes(Incident.objects.get(pk=pk).body)
    owner_client.post(f"/records/{pk}/edit/", {**FULL, "who": "Someone else"})
    Incident.objects.filter(pk=pk).update(body=old)
    assertContains(owner_client.get("/records/check/"), "the copy shown is not its newest version")


def test_the_card_shows_only_the_count_and_the_last_day_written(owner_client):
    home = owner_client.get("/home/")
    assertContains(home, "Incident log")
    assertNotContains(home, "entries ·")
    owner_client.post("/records/new/", FULL)
    owner_client.post("/records/quick/", {"happened": "second secret words"})
    card = re.search(
        r'<section class="card" aria-labelledby="records-card-heading">(.*?)</section>',
        owner_client.get("/home/").content.decode(),
        re.S,
    )
    assert card
    text = " ".join(re.sub(r"<[^>]+>", " ", card.group(1)).split())
    today = datetime.date.today()
    assert f"2 entries · last written {today.day} {today:%B %Y}" in text
    for words in ("second secret", "car park", "Alex", "Physical", "14 March"):
        assert words not in card.group(1)


def test_demo_and_decoy_entries_are_whole_chains_and_the_decoy_says_nothing_of_harm(owner_dek):
    user, dek = owner_dek
    box = Box(dek)
    demo.seed(user, box)
    assert Incident.objects.filter(owner=user).count() == 3
    for incident in Incident.objects.filter(owner=user):
        assert chain.verify_opened(box, incident) == []
    Incident.objects.filter(owner=user).delete()
    demo.seed_decoy(user, box)
    words = " ".join(str(e) for e in demo.decoy_entries()).lower()
    for giveaway in ("hit", "shout", "police", "abus", "harm", "afraid", "scared", "leave"):
        assert giveaway not in words
    assert all(chain.verify_opened(box, i) == [] for i in Incident.objects.filter(owner=user))
    assert Incident.objects.filter(owner=user).count() == 3


def test_checking_asks_the_database_the_same_for_two_entries_as_for_twelve(owner_client):
    """Every entry is checked, but not with a query (or two) per entry."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_to_check() -> int:
        with CaptureQueriesContext(connection) as queries:
            assertContains(owner_client.get("/records/check/"), "are as you wrote them")
        return len(queries)

    for n in range(2):
        owner_client.post("/records/quick/", {"happened": f"entry {n}"})
    with_two = queries_to_check()
    for n in range(10):
        pk = incident_id(owner_client.post("/records/quick/", {"happened": f"more {n}"}))
        owner_client.post(f"/records/{pk}/edit/", {**FULL, "who": f"edit {n}"})
    assertContains(owner_client.get("/records/check/"), "All 12 entries are as you wrote them.")
    assert queries_to_check() == with_two
