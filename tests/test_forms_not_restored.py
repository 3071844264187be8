"""After quick exit and Back, the browser must not put typed answers back into the forms.

Chromium restores what was typed into a form when someone comes back to a page
through history, unless the form says autocomplete="off". On a shared device
that would show the person who harms them what was written.

The member's world is every feature's canary use (tests/world.py); the pages
are every page reachable by links from the dashboard and each feature's
declared pages, then every page a form shows after it is sent: the canary
uses' own posts (kind errors, previews, "add more rows") and each form on
those pages sent as it stands, step after step (a check's next questions,
its result). A new feature is covered by declaring itself.
"""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from conftest import OWNER_NAME, OWNER_PASSPHRASE
from core import features
from tests.world import (
    crawl,
    fill_every_feature,
    load_content,
    member_namespaces,
    owned_rows,
    start_pages,
)

pytestmark = pytest.mark.django_db

FORM_TAG = re.compile(r"<form\b[^>]*>", re.IGNORECASE)
REMOVAL = re.compile(r"/(delete|remove|clear)/$")
STEPS = 3  # how many times a form is sent again when its page shows it anew


def forms_without_autocomplete_off(body: str) -> list[str]:
    # The layout's "Lock" button (core/templates/base.html) belongs to another
    # app and holds no field, so nothing typed can come back through it.
    lock = reverse("accounts:lock")
    return [
        tag
        for tag in FORM_TAG.findall(body)
        if 'autocomplete="off"' not in tag and f'action="{lock}"' not in tag
    ]


class RecordingClient(Client):
    """A test client that keeps every response, to check the pages a POST showed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.responses = []

    def request(self, **request):
        response = super().request(**request)
        self.responses.append((request["REQUEST_METHOD"], request["PATH_INFO"], response))
        return response


class Forms(HTMLParser):
    """Each form of a page, with the values it would send as it stands: hidden
    values, ticked boxes, the checked (or else the last) choice of each group,
    the first option of a list, empty text, and its first named button."""

    def __init__(self, page_path: str):
        super().__init__(convert_charrefs=True)
        self.page_path = page_path
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {key: value or "" for key, value in attrs}
        if tag == "form":
            action = a.get("action") or self.page_path
            method = a.get("method", "get").lower()
            self._form = {"action": action, "method": method, "data": {}, "checked": set()}
            self.forms.append(self._form)
            return
        if self._form is None or "name" not in a:
            return
        data, name, kind = self._form["data"], a["name"], a.get("type", "text")
        if tag == "textarea":
            data.setdefault(name, "")
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select:
            data.setdefault(self._select, a.get("value", ""))
        elif kind == "radio":
            # The checked choice, else the last one (a "not sure" or "skip"
            # more often than not, which lets a check go on to its next step).
            if "checked" in a or name not in self._form["checked"]:
                data[name] = a.get("value", "on")
            if "checked" in a:
                self._form["checked"].add(name)
        elif kind == "checkbox":
            if "checked" in a:
                data[name] = a.get("value", "on")
        elif kind in ("submit", "button") or tag == "button":
            if not self._form.get("button"):
                self._form["button"] = True
                data[name] = a.get("value", "")
        elif tag == "input":
            data.setdefault(name, a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def forms_on(path: str, body: str) -> list[dict]:
    reader = Forms(path)
    reader.feed(body)
    return reader.forms


def sendable(form: dict) -> str | None:
    """The view a form goes to, if sending it as it stands only asks, shows or saves."""
    try:
        match = resolve(form["action"])
    except Resolver404:
        raise AssertionError(f"a form goes to {form['action']}, which is no page") from None
    if match.namespace not in member_namespaces() or REMOVAL.search(form["action"]):
        return None  # removals, the lock, settings: other tests confirm those
    return match.view_name


def send_every_form(client: Client, pages: dict[str, str]) -> dict[str, str]:
    """Send one form per target view as it stands; when the page it shows holds
    a different form to the same place (a next step), send that one too."""
    shown: dict[str, str] = {}
    sent: set[str] = set()
    for path, body in list(pages.items()):
        for form in forms_on(path, body):
            view = sendable(form)
            if view is None or view in sent:
                continue
            sent.add(view)
            for step in range(1, STEPS + 1):
                send = client.post if form["method"] == "post" else client.get
                response = send(form["action"], form["data"])
                label = f"{form['action']} (sent from {path}, step {step})"
                assert response.status_code < 500, label
                if response.status_code not in (200, 400):
                    break  # saved, or sent elsewhere: nothing shown to check
                assert "text/html" in response["Content-Type"], label
                shown[label] = response.content.decode()
                following = [
                    f
                    for f in forms_on(form["action"], shown[label])
                    if f["action"] == form["action"] and f["data"].keys() != form["data"].keys()
                ]
                if not following:
                    break
                form = following[0]
    return shown


@pytest.fixture
def member(owner):
    client = RecordingClient()
    response = client.post("/sign-in/", {"username": OWNER_NAME, "passphrase": OWNER_PASSPHRASE})
    assert response.status_code == 302
    fill_every_feature(client, "TYPED-WORDS")
    return client


def test_every_form_a_member_can_reach_asks_the_browser_not_to_restore_it(member, owner):
    before = owned_rows(owner)
    found = crawl(member, start_pages(private=True))
    # Opening a "Remove" or "Clear" page only asks; nothing goes until it is confirmed.
    assert owned_rows(owner) == before
    assert all(before.values()), before
    with_forms = [path for path, body in found.pages.items() if FORM_TAG.search(body)]
    for feature in features.all_features():
        if feature.models or feature.private_pages or feature.public_pages:
            mine = [path for path in with_forms if resolve(path).namespace == feature.app]
            assert mine, f"no page of {feature.app} with a form was reached"
    removal_views = {
        resolve(path).view_name for path in found.views.values() if REMOVAL.search(path)
    }
    assert len(removal_views) >= 10, removal_views
    for path, body in found.pages.items():
        assert forms_without_autocomplete_off(body) == [], path


def test_forms_shown_after_a_post_ask_the_same(member):
    shown = {
        f"{method} {path}": response.content.decode()
        for method, path, response in member.responses
        if method == "POST"
        and response.status_code in (200, 400)
        and "text/html" in response.get("Content-Type", "")
    }
    found = crawl(member, start_pages(private=True))
    shown.update(send_every_form(member, found.pages))
    with_forms = {name: body for name, body in shown.items() if FORM_TAG.search(body)}
    assert len(with_forms) >= 10, sorted(shown)
    for name, body in with_forms.items():
        assert forms_without_autocomplete_off(body) == [], name


def test_public_pages_ask_the_same_of_someone_not_signed_in(stranger_client):
    load_content()
    found = crawl(stranger_client, start_pages(private=False), member=False)
    assert found.pages
    shown = dict(found.pages)
    shown.update(send_every_form(stranger_client, found.pages))
    assert any('name="country"' in body for body in shown.values())  # the help page's choice
    for name, body in shown.items():
        assert forms_without_autocomplete_off(body) == [], name
