import pytest

from assess.models import SavedCheck
from assess.tests.helpers import SAFE, patterns, step_two

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("question", ["hurt", "threatened", "afraid"])
def test_a_single_yes_stops_the_check_and_opens_the_safety_first_page(client, question):
    response = client.post(
        "/check/relationship/",
        {"step": "safety", "relationship": "partner", **SAFE, question: "yes"},
        follow=True,
    )
    assert response.redirect_chain == [("/check/safety-first/", 302)]
    page = response.content.decode()
    assert "Your safety comes first" in page
    assert "If you are in danger now, call your emergency number." in page
    assert "help-lines" in page  # the help lines box for the person's country
    assert "How often" not in page  # no more questions


def test_a_yes_wins_even_when_other_questions_are_blank(client):
    response = client.post("/check/relationship/", {"step": "safety", "afraid": "yes"})
    assert response.status_code == 302
    assert response["Location"] == "/check/safety-first/"


def test_a_yes_arriving_with_the_later_questions_still_stops_the_check(client):
    data = step_two("partner", safety={**SAFE, "hurt": "yes"}, **patterns("often"))
    response = client.post("/check/relationship/", data)
    assert response["Location"] == "/check/safety-first/"


def test_a_yes_is_never_saved_as_an_ordinary_check(owner_client):
    response = owner_client.post(
        "/check/relationship/save/",
        {"relationship": "partner", **SAFE, "threatened": "yes", **patterns("often")},
    )
    assert response["Location"] == "/check/safety-first/"
    assert SavedCheck.objects.count() == 0


def test_the_safety_first_page_links_to_every_next_safe_place(client):
    page = client.get("/check/safety-first/").content.decode()
    for link in ("/check/danger/", "/safety-plan/", "/guide/", "/staying-safe/"):
        assert f'href="{link}"' in page
    assert "never your fault" in page
    assert "Trust your instinct" in page
