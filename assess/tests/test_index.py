import pytest

pytestmark = pytest.mark.django_db


def test_the_checks_page_is_open_to_anyone_and_gentle(client):
    page = client.get("/check/").content.decode()
    assert "There are no wrong answers" in page
    for link in ("/check/relationship/", "/check/danger/", "/check/reconciliation/"):
        assert f'href="{link}"' in page
    assert "We don't keep your answers" in page
    assert "/check/relationship/history/" not in page


def test_signed_in_people_find_their_saved_checks_from_the_checks_page(owner_client):
    page = owner_client.get("/check/").content.decode()
    assert 'href="/check/relationship/history/"' in page
    assert 'href="/check/danger/saved/"' in page
    assert "only you can open them" in page
