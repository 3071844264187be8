"""The person chooses their country on /help/; it is remembered on the device only."""

import pytest

pytestmark = pytest.mark.django_db


def test_choosing_a_country_remembers_it_on_this_device_for_a_year(stranger_client):
    response = stranger_client.post("/help/", {"country": "IE"})
    assert response.status_code == 302
    cookie = response.cookies["hv_cc"]
    assert cookie.value == "IE"
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) == 365 * 24 * 60 * 60
    assert "Call for help in Ireland" in stranger_client.get("/help/").content.decode()


def test_after_choosing_the_person_goes_back_to_the_page_they_came_from(stranger_client):
    response = stranger_client.post("/help/", {"country": "CA", "next": "/check/danger/"})
    assert response["Location"] == "/check/danger/"


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)"]
)
def test_the_return_address_cannot_send_anyone_to_another_site(stranger_client, target):
    response = stranger_client.post("/help/", {"country": "CA", "next": target})
    assert response["Location"] == "/help/"


def test_the_chooser_carries_the_return_address_through(stranger_client):
    html = stranger_client.get("/help/?next=/check/safety-first/").content.decode()
    assert 'name="next" value="/check/safety-first/"' in html
    assert 'href="/check/safety-first/"' in html  # "Go back to where you were"


def test_choosing_somewhere_else_forgets_the_country(stranger_client):
    stranger_client.post("/help/", {"country": "AU"})
    response = stranger_client.post("/help/", {"country": ""})
    assert response.cookies["hv_cc"].value == ""
    html = stranger_client.get("/help/").content.decode()
    assert "You haven't chosen a country on this device yet" in html


def test_an_unknown_country_gets_a_kind_message_and_no_cookie(stranger_client):
    response = stranger_client.post("/help/", {"country": "XX", "next": "/check/danger/"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Please pick a country from the list" in html
    assert "hv_cc" not in response.cookies
    assert 'name="next" value="/check/danger/"' in html


def test_the_country_is_never_guessed_from_the_browser_or_the_connection(stranger_client):
    html = stranger_client.get(
        "/help/",
        HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9",
        HTTP_CF_IPCOUNTRY="GB",
        REMOTE_ADDR="81.2.69.160",
    ).content.decode()
    assert "Call for help in United Kingdom" not in html
    assert "National Domestic Abuse Helpline" not in html
    assert "You haven't chosen a country on this device yet" in html
    # Every country is offered as a choice; the UK's 999 sits among the others.
    assert '<button type="submit" class="country-button" name="country" value="GB">' in html


def test_the_choice_works_with_javascript_off_as_a_plain_form(stranger_client):
    html = stranger_client.get("/help/").content.decode()
    assert '<form autocomplete="off" method="post" action="/help/"' in html
    assert '<select name="country"' in html
    assert 'type="submit"' in html
    assert '<label for="id_country"' in html
