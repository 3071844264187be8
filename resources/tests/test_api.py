"""The small API other apps use: the chosen country and its help lines."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import RequestFactory

from resources import api

pytestmark = pytest.mark.django_db


def request_with(cookie=None):
    request = RequestFactory().get("/", HTTP_ACCEPT_LANGUAGE="en-NZ")
    if cookie is not None:
        request.COOKIES["hv_cc"] = cookie
    return request


@pytest.mark.parametrize("loaded", [False, True])
def test_the_api_answers_the_same_before_and_after_loading(loaded):
    if loaded:
        call_command("load_resources", stdout=StringIO())
    assert ("GB", "United Kingdom") in api.countries()
    assert {code for code, _name in api.countries()} >= {"US", "GB", "IE", "CA", "AU", "NZ"}
    assert api.chosen_country(request_with("nz")) == "NZ"
    assert api.chosen_country(request_with()) is None
    assert api.chosen_country(request_with("New Zealand")) is None
    lines = api.entries_for("IE")
    assert lines[0].kind == "emergency" and lines[0].phone == "112"
    assert {line.kind for line in api.entries_for(None)} >= {"emergency", "domestic_abuse"}
