import re

import pytest
import time_machine

from assess.models import SavedCheck
from assess.tests.helpers import save_check

pytestmark = pytest.mark.django_db


def test_saving_keeps_the_check_and_shows_it_again(owner_client):
    response = save_check(owner_client, relationship="family", doubt="most")
    check = SavedCheck.objects.get()
    assert response["Location"] == f"/check/relationship/{check.pk}/"
    page = owner_client.get(response["Location"]).content.decode()
    assert "Being made to doubt yourself" in page
    assert "Most of the time" in page
    assert "When it is family" in page
    assert "Your check is saved" in page


def test_a_saved_check_is_sealed(owner_client):
    save_check(owner_client, relationship="partner", default="sometimes", isolation="most")
    stored = bytes(SavedCheck.objects.get().data)
    for word in (b"partner", b"isolation", b"sometimes", b"most", b"answers"):
        assert word not in stored


def test_a_tampered_save_is_refused_kindly(owner_client):
    response = owner_client.post(
        "/check/relationship/save/", {"relationship": "partner", "hurt": "no"}, follow=True
    )
    assert "couldn&#x27;t be saved" in response.content.decode()
    assert SavedCheck.objects.count() == 0


def test_the_history_chart_has_one_point_per_saved_check(owner_client):
    for day, level in (("2025-01-06", "most"), ("2025-02-03", "often"), ("2025-03-03", "never")):
        with time_machine.travel(f"{day} 09:00", tick=False):
            save_check(owner_client, default=level)
    with time_machine.travel("2025-03-03 09:05", tick=False):
        page = owner_client.get("/check/relationship/history/").content.decode()
    svg = re.search(r"<svg.*?</svg>", page, re.S).group(0)
    assert svg.count('class="point"') == 3
    assert "<title" in svg and "<desc" in svg
    assert "3 saved checks from 6 January 2025 to 3 March 2025" in svg
    assert "The first came to 27 out of 27, the latest to 0 out of 27." in svg
    # The same information as a table, one row per check.
    table = re.search(r"<table.*?</table>", page, re.S).group(0)
    assert table.count('<th scope="row">') == 3
    assert "6 January 2025" in table


def test_the_chart_moves_down_when_the_patterns_ease(owner_client):
    save_check(owner_client, default="most")
    save_check(owner_client, default="sometimes")
    page = owner_client.get("/check/relationship/history/").content.decode()
    ys = [float(y) for y in re.findall(r'class="point" cx="[\d.]+" cy="([\d.]+)"', page)]
    assert len(ys) == 2
    assert ys[0] < ys[1]  # SVG y grows downwards: less often sits lower


def test_checks_about_different_people_get_their_own_chart(owner_client):
    save_check(owner_client, relationship="partner", default="often")
    save_check(owner_client, relationship="work", default="sometimes")
    save_check(owner_client, relationship="work", default="never")
    page = owner_client.get("/check/relationship/history/").content.decode()
    assert page.count("<svg") == 2
    assert "Checks about a partner" in page
    assert "Checks about someone at work" in page
    assert page.count('class="point"') == 3


def test_an_empty_history_says_so_gently(owner_client):
    page = owner_client.get("/check/relationship/history/").content.decode()
    assert "You haven't saved a relationship check yet" in page
    assert "<svg" not in page


def test_deleting_a_saved_check_asks_first(owner_client):
    save_check(owner_client)
    check = SavedCheck.objects.get()
    confirm = owner_client.get(f"/check/relationship/{check.pk}/delete/")
    assert "Delete your relationship check from" in confirm.content.decode()
    assert SavedCheck.objects.count() == 1
    response = owner_client.post(f"/check/relationship/{check.pk}/delete/")
    assert response["Location"] == "/check/relationship/history/"
    assert SavedCheck.objects.count() == 0


def test_another_member_cannot_reach_my_saved_checks(owner_client, other_client):
    save_check(owner_client)
    owner_client.post("/check/danger/save/", {k: "yes" for k in _danger_keys()})
    relationship = SavedCheck.objects.get(kind="relationship")
    danger = SavedCheck.objects.get(kind="danger")
    for url in (
        f"/check/relationship/{relationship.pk}/",
        f"/check/relationship/{relationship.pk}/delete/",
        f"/check/danger/{danger.pk}/",
        f"/check/danger/{danger.pk}/delete/",
    ):
        assert other_client.get(url).status_code == 404
        assert other_client.post(url).status_code == 404
    history = other_client.get("/check/relationship/history/").content.decode()
    assert str(relationship.pk) not in history
    saved = other_client.get("/check/danger/saved/").content.decode()
    assert str(danger.pk) not in saved
    assert SavedCheck.objects.count() == 2


def test_a_danger_screen_id_does_not_open_as_a_relationship_check(owner_client):
    owner_client.post("/check/danger/save/", {k: "no" for k in _danger_keys()})
    danger = SavedCheck.objects.get()
    assert owner_client.get(f"/check/relationship/{danger.pk}/").status_code == 404


def test_saved_pages_need_an_open_space(client, owner_client):
    save_check(owner_client)
    check = SavedCheck.objects.get()
    for url in ("/check/relationship/history/", f"/check/relationship/{check.pk}/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/sign-in/")


def _danger_keys():
    from assess import content

    return content.DANGER_KEYS
