"""Operators keep the help lines right in the admin."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from resources.models import HelpLine

pytestmark = pytest.mark.django_db

ADMIN = "/operator/admin/resources/helpline/"


@pytest.fixture
def operator_client(operator):
    call_command("load_resources", stdout=StringIO())
    client = Client()
    client.force_login(operator)
    return client


def change_form_data(line, **changes):
    data = {
        "country": line.country_id or "",
        "kind": line.kind,
        "name": line.name,
        "position": line.position,
        "phone": line.phone,
        "text_option": line.text_option,
        "sms_number": line.sms_number,
        "sms_body": line.sms_body,
        "website": line.website,
        "hours": line.hours,
        "description": line.description,
        "source": line.source,
        "checked_on": "",
        "slug": line.slug or "",
    }
    if line.well_known:
        data["well_known"] = "on"
    data.update(changes)
    return data


def test_operators_can_list_filter_and_search_help_lines(operator_client):
    listing = operator_client.get(ADMIN).content.decode()
    assert "National Domestic Violence Hotline" in listing
    gb = HelpLine.objects.filter(country__code="GB").first().country_id
    filtered = operator_client.get(f"{ADMIN}?country__id__exact={gb}&kind__exact=crisis")
    html = filtered.content.decode()
    assert "Samaritans" in html
    assert "Shout" not in html and "Lifeline" not in html
    searched = operator_client.get(f"{ADMIN}?q=1800RESPECT").content.decode()
    assert "1800 737 732" in searched


def test_an_operator_who_checked_an_entry_can_record_the_date_and_people_see_it(
    operator_client, stranger_client
):
    line = HelpLine.objects.get(slug="gb-samaritans")
    response = operator_client.post(
        f"{ADMIN}{line.pk}/change/", change_form_data(line, checked_on="2026-05-06")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    line.refresh_from_db()
    assert line.checked_on == datetime.date(2026, 5, 6)
    assert line.edited_by_operator
    stranger_client.cookies["hv_cc"] = "GB"
    html = stranger_client.get("/help/").content.decode()
    assert "Checked against its source on 6 May 2026." in html


def test_operators_see_which_entries_nobody_has_re_checked_yet(operator_client):
    unchecked = HelpLine.objects.filter(checked_on__isnull=True).first()
    checked = HelpLine.objects.exclude(pk=unchecked.pk).first()
    HelpLine.objects.filter(pk=checked.pk).update(checked_on=datetime.date(2026, 12, 1))
    listing = operator_client.get(ADMIN).content.decode()
    assert "Not yet re-checked" in listing
    filtered = operator_client.get(f"{ADMIN}?checked=no").content.decode()
    assert unchecked.name in filtered
    assert f"/{checked.pk}/change/" not in filtered
    assert f"/{unchecked.pk}/change/" in filtered
    done = operator_client.get(f"{ADMIN}?checked=yes").content.decode()
    assert f"/{checked.pk}/change/" in done
    assert f"/{unchecked.pk}/change/" not in done


def test_the_change_page_warns_about_an_entry_nobody_has_re_checked(operator_client):
    line = HelpLine.objects.get(slug="gb-samaritans")
    HelpLine.objects.filter(pk=line.pk).update(checked_on=None)
    html = operator_client.get(f"{ADMIN}{line.pk}/change/").content.decode()
    assert "Not yet re-checked: nobody has confirmed this entry against its source." in html
    HelpLine.objects.filter(pk=line.pk).update(checked_on=datetime.date(2026, 12, 1))
    html = operator_client.get(f"{ADMIN}{line.pk}/change/").content.decode()
    assert "Not yet re-checked" not in html


def test_a_reload_does_not_undo_an_operators_correction(operator_client):
    line = HelpLine.objects.get(slug="au-lifeline")
    operator_client.post(
        f"{ADMIN}{line.pk}/change/", change_form_data(line, hours="Every day, all day")
    )
    call_command("load_resources", stdout=StringIO())
    assert HelpLine.objects.get(slug="au-lifeline").hours == "Every day, all day"


def test_an_operator_can_add_a_local_service_for_everyone(operator_client, stranger_client):
    response = operator_client.post(
        f"{ADMIN}add/",
        {
            "kind": "other",
            "name": "Riverside Women's Centre",
            "position": 0,
            "phone": "01234 567890",
            "source": "https://example.org/riverside",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    added = HelpLine.objects.get(name="Riverside Women's Centre")
    assert added.slug is None and added.country is None
    assert "Riverside Women" in stranger_client.get("/help/").content.decode()


def test_the_mark_checked_action_records_today(operator_client):
    line = HelpLine.objects.get(slug="nz-1737")
    operator_client.post(
        ADMIN, {"action": "mark_checked_today", "_selected_action": [str(line.pk)]}
    )
    line.refresh_from_db()
    assert line.checked_on == datetime.date.today()


def test_members_cannot_edit_help_lines(owner_client):
    response = owner_client.get(ADMIN)
    assert response.status_code == 302
    assert "/operator/admin/login/" in response["Location"]
