"""{% call_now %}: call buttons first, a one-tap country row, and coming back to
the same place after choosing."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.template import Context, Template

from assess.tests.helpers import danger_answers
from core.features import all_features, page_url
from resources import api
from resources.models import Country, HelpLine

pytestmark = pytest.mark.django_db

# Words that would tell a person in crisis that a number might not work.
DOUBTS = ("may be wrong", "re-checked", "not yet checked", "confirm before relying")


@pytest.fixture
def loaded(db):
    call_command("load_resources", stdout=StringIO())


def call_now(html: str) -> str:
    start = html.index('id="call-now"')
    return html[start : html.index("</section>", start)]


def numbers(piece: str) -> list[tuple[str, str]]:
    """(number, who it is for) of each emergency button, in order."""
    found = re.findall(
        r'href="tel:(\d+)"><span class="call-button-number">[^<]*</span> '
        r'<span class="call-button-label">([^<]*)</span>',
        piece,
    )
    return [(number, label.replace("&#x27;", "'")) for number, label in found]


def test_with_no_country_the_common_emergency_numbers_come_together(client, loaded):
    piece = call_now(client.get("/check/safety-first/").content.decode())
    assert numbers(piece) == [
        ("911", "United States, Canada"),
        ("999", "United Kingdom"),
        ("000", "Australia"),
        ("111", "New Zealand"),
        ("112", "Ireland, the EU and many other countries"),
    ]


def test_with_no_country_a_row_of_countries_comes_first_one_tap_each(client, loaded):
    piece = call_now(client.get("/check/safety-first/").content.decode())
    assert piece.index('class="country-buttons"') < piece.index('href="tel:')
    for code, name in api.countries():
        button = f'<button type="submit" class="country-button" name="country" value="{code}">'
        assert f"{button}{name}</button>" in piece
    # A plain form: it works with JavaScript off, and comes back to these buttons.
    assert '<form class="call-now-countries" method="post" action="/help/" autocomplete="off">' in (
        piece
    )
    assert 'name="csrfmiddlewaretoken"' in piece
    assert '<input type="hidden" name="next" value="/check/safety-first/#call-now">' in piece


def test_the_numbers_come_from_the_file_before_anyone_loads_it(client):
    assert not HelpLine.objects.exists()
    piece = call_now(client.get("/help/").content.decode())
    assert ("999", "United Kingdom") in numbers(piece)


def test_with_a_country_it_shows_the_emergency_number_then_the_main_line(client, loaded):
    client.cookies[api.COOKIE] = "GB"
    piece = call_now(client.get("/check/safety-first/").content.decode())
    assert "Call for help in United Kingdom" in piece
    calls = re.findall(r'href="tel:(\d+)"', piece)
    assert calls == ["999", "08082000247"]
    assert "country-button" not in piece
    assert 'href="/help/?next=%2Fcheck%2Fsafety-first%2F#choose-country">Change country' in piece


def test_the_main_line_is_the_first_one_a_person_can_call_or_text(client, loaded):
    client.cookies[api.COOKIE] = "CA"
    piece = call_now(client.get("/help/").content.decode())
    # Canada's first entry is a map of shelters: the first line with a number leads.
    assert re.findall(r'href="tel:(\d+)"', piece) == ["911", "18668630511"]
    client.cookies[api.COOKIE] = "US"
    piece = call_now(client.get("/help/").content.decode())
    assert 'href="sms:88788?&amp;body=START"' in piece


def test_a_country_without_its_emergency_entry_still_gets_a_button(client, loaded):
    HelpLine.objects.filter(slug="ie-emergency").delete()
    client.cookies[api.COOKIE] = "IE"
    piece = call_now(client.get("/check/safety-first/").content.decode())
    assert '<a class="call-button call-button-emergency" href="tel:112">' in piece
    assert "Call 112 or 999" in piece
    Country.objects.filter(code="IE").update(emergency_number="112")
    client.cookies[api.COOKIE] = ""
    piece = call_now(client.get("/check/safety-first/").content.decode())
    assert ("112", "Ireland, the EU and many other countries") in numbers(piece)


def test_choosing_from_the_row_comes_back_to_the_same_page_at_the_buttons(client, loaded):
    response = client.post("/help/", {"country": "NZ", "next": "/check/safety-first/#call-now"})
    assert response.status_code == 302
    assert response["Location"] == "/check/safety-first/#call-now"
    assert response.cookies[api.COOKIE].value == "NZ"
    piece = call_now(client.get("/check/safety-first/").content.decode())
    assert re.findall(r'href="tel:(\d+)"', piece) == ["111", "0800733843"]


def test_choosing_on_the_danger_result_brings_the_same_result_back(client, loaded):
    answers = danger_answers(neck="yes", weapon="yes")
    result = client.post("/check/danger/", answers).content.decode()
    piece = call_now(result)
    # The answers ride along in the form (never in the URL) so the result can be made again.
    assert '<input type="hidden" name="resubmit" value="1">' in piece
    for name, value in answers.items():
        assert f'<input type="hidden" name="{name}" value="{value}">' in piece
    form = {**answers, "resubmit": "1", "next": "/check/danger/#call-now", "country": "AU"}
    chosen = client.post("/help/", form)
    # 307: the browser sends the same form again to the result page.
    assert chosen.status_code == 307
    assert chosen["Location"] == "/check/danger/#call-now"
    again = client.post("/check/danger/", form).content.decode()
    assert "The signs you said yes to" in again
    assert re.findall(r'href="tel:(\d+)"', call_now(again)) == ["000", "1800737732"]


def test_only_a_page_that_asks_carries_what_was_posted_to_it(rf, loaded):
    request = rf.post("/somewhere/", {"note": "what I typed", "next": "/x/"})
    plain = Template("{% load help_lines %}{% call_now %}").render(Context({"request": request}))
    assert "what I typed" not in plain
    assert 'name="resubmit"' not in plain
    asking = Template("{% load help_lines %}{% call_now keep_answers=True %}")
    kept = asking.render(Context({"request": request}))
    assert '<input type="hidden" name="note" value="what I typed">' in kept
    assert 'name="next" value="/x/"' not in kept


def test_the_resubmit_flag_never_sends_anyone_elsewhere(client, loaded):
    chosen = client.post(
        "/help/", {"country": "AU", "resubmit": "1", "next": "https://elsewhere.example/"}
    )
    assert chosen.status_code == 302
    assert chosen["Location"] == "/help/"


def public_pages_with_help_lines(client) -> list[tuple[str, str]]:
    pages = []
    for feature in all_features():
        for entry in feature.public_pages:
            path = page_url(entry)
            pages.append((path, client.get(path).content.decode()))
    pages.append(("/check/safety-first/", client.get("/check/safety-first/").content.decode()))
    result = client.post("/check/danger/", danger_answers(neck="yes"))
    pages.append(("the danger result", result.content.decode()))
    return pages


@pytest.mark.parametrize("country", [None, "US", "GB", "IE", "CA", "AU", "NZ"])
def test_no_public_page_tells_anyone_a_number_may_be_wrong(client, loaded, country):
    HelpLine.objects.filter(slug__in=["gb-samaritans", "nz-shine"]).update(checked_on=None)
    assert HelpLine.objects.filter(checked_on__isnull=True).exists()
    if country:
        client.cookies[api.COOKIE] = country
    pages = public_pages_with_help_lines(client)
    assert any("/help/" == path for path, _html in pages)
    for path, html in pages:
        lowered = html.lower()
        for doubt in DOUBTS:
            assert doubt not in lowered, f"{path} says {doubt!r}"
