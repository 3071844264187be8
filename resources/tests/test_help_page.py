"""/help/: warm words, local numbers for the chosen country, and help anywhere."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from resources.models import HelpLine

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(db):
    call_command("load_resources", stdout=StringIO())


def page(client, country=None):
    if country:
        client.cookies["hv_cc"] = country
    response = client.get("/help/")
    assert response.status_code == 200
    return response.content.decode()


def test_anyone_can_read_it_without_an_account(stranger_client, loaded):
    html = page(stranger_client)
    assert "Find help" in html
    assert "You don't have to carry this on your own" in html


def test_without_a_country_it_asks_for_one_and_shows_help_that_works_anywhere(
    stranger_client, loaded
):
    html = page(stranger_client)
    assert "You haven't chosen a country on this device yet" in html
    assert "call your local emergency number" in html
    assert "findahelpline.com" in html
    assert "Help in" not in html


def test_with_a_country_it_opens_with_the_emergency_number_and_the_main_line(
    stranger_client, loaded
):
    html = page(stranger_client, "US")
    call_now = html[html.index('id="call-now"') : html.index("</section>")]
    assert call_now.index('href="tel:911"') < call_now.index('href="tel:18007997233"')
    assert 'href="sms:88788?&amp;body=START"' in call_now
    # Only the two numbers a person needs first; the rest wait further down.
    assert call_now.count('href="tel:') == 2
    assert html.index('id="call-now"') < html.index("carry this on your own")


def test_with_a_country_the_rest_folds_into_sections_by_kind(stranger_client, loaded):
    html = page(stranger_client, "US")
    local = html[html.index("All help in United States") : html.index("Help wherever you are")]
    headings = ["Emergency", "Domestic abuse support", "Crisis and emotional support", "Legal help"]
    positions = [local.index(f"<summary><h3>{heading}</h3></summary>") for heading in headings]
    assert positions == sorted(positions)
    assert local.count("<details") == 5
    assert '<details class="help-group" open>\n    <summary><h3>Domestic abuse support' in local
    assert "womenslaw.org" in local


def test_people_you_can_call_come_before_directories_and_websites(stranger_client, loaded):
    html = page(stranger_client, "CA")
    local = html[html.index("Domestic abuse support</h3>") : html.index("Crisis and emotional")]
    # ShelterSafe (a map, no number) is first in the file, but comes after the lines.
    assert local.index("tel:18668630511") < local.index("ShelterSafe")
    assert local.index("tel:18003639010") < local.index("ShelterSafe")


def test_help_that_works_anywhere_is_always_at_the_bottom(stranger_client, loaded):
    html = page(stranger_client, "NZ")
    assert html.index("All help in New Zealand") < html.index("Help wherever you are")
    assert html.index("tel:0800733843") < html.index("Help wherever you are")
    assert html.index("Help wherever you are") < html.index("hotpeachpages")


def test_numbers_can_be_tapped_to_call_or_text(stranger_client, loaded):
    html = page(stranger_client, "US")
    assert '<a href="tel:18007997233">1-800-799-7233</a>' in html
    assert 'href="sms:88788?&amp;body=START">Text START to 88788</a>' in html
    assert 'href="tel:988"' in html


def test_every_entry_shows_its_source_and_no_doubt_about_its_number(stranger_client, loaded):
    html = page(stranger_client, "GB")
    refuge = html[html.index("<strong>National Domestic Abuse Helpline") :]
    refuge = refuge[: refuge.index("</li>")]
    assert 'Source: <a href="https://' in refuge
    assert "may be wrong" not in refuge and "re-checked" not in refuge
    shown = HelpLine.objects.filter(country__code="GB").count()
    shown += HelpLine.objects.filter(country__isnull=True).count()
    assert html.count("Source:") == shown


def test_well_known_emergency_numbers_say_so(stranger_client, loaded):
    HelpLine.objects.filter(slug="au-emergency").update(checked_on=None)
    html = page(stranger_client, "AU")
    triple_zero = html[html.index("<strong>Emergency services (Triple Zero)") :]
    triple_zero = triple_zero[: triple_zero.index("</li>")]
    assert "A widely known emergency number." in triple_zero


def test_the_shipped_file_says_which_entries_were_checked_and_when(stranger_client, loaded):
    html = page(stranger_client, "NZ")
    refuge = html[html.index("<strong>Women&#x27;s Refuge crisis line") :]
    refuge = refuge[: refuge.index("</li>")]
    assert "Checked against its source on 1 December 2026." in refuge
    assert 'Source: <a href="https://womensrefuge.org.nz/get-help/"' in refuge
    checked = HelpLine.objects.filter(checked_on=datetime.date(2026, 12, 1))
    assert checked.filter(slug="gb-national-da-helpline").exists()
    assert not checked.filter(slug="us-crisis-text-line").exists()


def test_an_entry_checked_at_its_source_shows_the_date(stranger_client, loaded):
    HelpLine.objects.filter(slug="ie-mens-aid").update(checked_on=datetime.date(2026, 3, 4))
    html = page(stranger_client, "IE")
    mens_aid = html[html.index("<strong>Men&#x27;s Aid") :]
    mens_aid = mens_aid[: mens_aid.index("</li>")]
    assert "Checked against its source on 4 March 2026." in mens_aid


def test_it_talks_about_other_kinds_of_help_and_free_routes(stranger_client, loaded):
    html = page(stranger_client)
    for words in (
        "Counsellors and therapists",
        "Advocates",
        "Legal help",
        "Money and debt advisers",
        "Support groups",
        "When it may be time to reach out",
        "Help that costs nothing",
    ):
        assert words in html


def test_a_fresh_install_shows_the_file_before_anyone_loads_it(stranger_client):
    assert HelpLine.objects.count() == 0
    html = page(stranger_client, "CA")
    assert "Call for help in Canada" in html
    assert 'href="tel:911"' in html
    assert "sheltersafe.ca" in html


def test_a_country_with_no_local_entries_falls_back_kindly(stranger_client, loaded):
    HelpLine.objects.filter(country__code="NZ").delete()
    html = page(stranger_client, "NZ")
    assert "We don't have local numbers for this country yet" in html
    assert "findahelpline.com" in html


def test_signed_in_members_see_the_same_page(owner_client, loaded):
    html = page(owner_client, "GB")
    assert "Call for help in United Kingdom" in html
