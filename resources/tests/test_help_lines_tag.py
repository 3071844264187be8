"""The {% help_lines %} tag other pages embed."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory

pytestmark = pytest.mark.django_db

TEMPLATE = Template("{% load help_lines %}{% help_lines %}")


def render(cookie=None, path="/check/danger/"):
    request = RequestFactory().get(path)
    if cookie:
        request.COOKIES["hv_cc"] = cookie
    return TEMPLATE.render(Context({"request": request}))


def test_it_shows_the_chosen_countrys_emergency_number_before_anything_else():
    html = render("GB")
    assert "Help in United Kingdom" in html
    assert 'href="tel:999"' in html
    assert html.index('href="tel:999"') < html.index("0808 2000 247")
    assert html.index('href="tel:999"') < html.index("116 123")


def test_it_links_to_change_country_and_comes_back_to_the_same_page():
    html = render("AU", path="/check/danger/")
    assert "Change country" in html
    assert "/help/?next=%2Fcheck%2Fdanger%2F#choose-country" in html


def test_with_no_country_chosen_it_shows_contacts_that_work_anywhere_and_asks_to_choose():
    html = render()
    assert "Choose your country" in html
    assert "findahelpline.com" in html
    assert "hotpeachpages.net" in html
    assert 'href="tel:112"' in html
    assert "tel:999" not in html and "tel:911" not in html


def test_an_unknown_or_tampered_cookie_counts_as_no_choice():
    html = render("ZZ")
    assert "Choose your country" in html
    assert "Help in" not in html


def test_it_renders_without_a_request_in_the_context():
    html = Template("{% load help_lines %}{% help_lines %}").render(Context({}))
    assert "Choose your country" in html


def test_a_country_whose_entries_were_removed_still_shows_its_emergency_number_and_help_anywhere():
    from io import StringIO

    from django.core.management import call_command

    from resources.models import HelpLine

    call_command("load_resources", stdout=StringIO())
    HelpLine.objects.filter(country__code="AU").delete()
    html = render("AU")
    assert "In danger right now? Call 000." in html
    assert "hotpeachpages.net" in html
