"""Walk Haven by its links on a 320 px screen, signed out and then signed in
with every feature in use: on one page of every view reached, axe-core finds
no serious or critical barrier and nothing makes the page scroll sideways;
and every internal link on those pages answers 200 or an intended redirect.

One page per view (the first link found to it) rather than every link: the
seventeen guide sections share one template, and so do every edit page of a
kind. New views are covered as soon as something links to them. The two
walks are separate tests, so `pytest -n 2` runs them side by side.
"""

import importlib
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command
from django.urls import Resolver404, resolve

from conftest import OWNER_NAME, OWNER_PASSPHRASE, make_member, signed_in_client
from core.features import project_apps
from tests.browser.plugin import serious_barriers, sideways

pytestmark = pytest.mark.browser

# Links that end the visit (quick exit, lock, sign out) are only checked to
# lead to a view: following them would end the walk.
NOT_FOLLOWED = {"core:exit", "accounts:lock", "accounts:sign_out"}


def intended_signed_out(view, path: str, location: str) -> bool:
    """Signed out, a private page sends the person to sign in, and back afterwards."""
    public = getattr(view.func, "haven_public", False)
    return not public and location == f"/sign-in/?next={path}"


# Signed in, the welcome page leads home.
INTENDED_SIGNED_IN = {"core:home": "/home/"}


def intended_signed_in(view, path: str, location: str) -> bool:
    return INTENDED_SIGNED_IN.get(view.view_name) == location


class Walk:
    def __init__(self, page, live_server, intended):
        self.page = page
        self.origin = live_server.url
        self.intended = intended
        self.views: dict[str, str] = {}  # view name -> the one path visited for it
        self.links: dict[str, str] = {}  # link target -> how it answered
        self.problems: list[str] = []

    def run(self, start: str) -> None:
        queue = [start]
        while queue:
            path = queue.pop(0)
            name = resolve(urlsplit(path).path).view_name
            if name in self.views:
                continue
            self.views[name] = path
            queue += self.visit(path)

    def visit(self, path: str) -> list[str]:
        """Look at one page; return the pages it links to that are worth a visit."""
        response = self.page.goto(path)
        if (
            response is None
            or response.status != 200
            or urlsplit(self.page.url).path != urlsplit(path).path
        ):
            self.problems.append(
                f"{path}: answered {response and response.status} at {self.page.url}"
            )
            return []
        self.problems += serious_barriers(self.page, path)
        if wide := sideways(self.page):
            self.problems.append(f"{path}: {wide}")
        worth = []
        hrefs = self.page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        for href in dict.fromkeys(hrefs):
            url = urlsplit(urldefrag(href)[0])
            if url.scheme not in ("http", "https") or f"{url.scheme}://{url.netloc}" != self.origin:
                continue
            target = url.path + (f"?{url.query}" if url.query else "")
            if target not in self.links:
                self.links[target] = self.check_link(path, target)
                if self.links[target] == "page":
                    worth.append(target)
        return worth

    def check_link(self, on: str, target: str) -> str:
        """How a link answers, without leaving the page: "page", "file",
        "intended redirect", or a problem (which is also recorded)."""
        try:
            view = resolve(urlsplit(target).path)
        except Resolver404:
            return self.problem(on, target, "leads to no page Haven has")
        if view.view_name in NOT_FOLLOWED:
            return "not followed"
        answer = self.page.context.request.get(self.origin + target, max_redirects=0)
        if answer.status == 200:
            html = answer.headers.get("content-type", "").startswith("text/html")
            return "page" if html else "file"
        if answer.status in (301, 302, 303, 307, 308):
            location = answer.headers.get("location", "")
            if self.intended(view, urlsplit(target).path, location):
                return "intended redirect"
            return self.problem(on, target, f"redirects to {location}, which is not intended")
        return self.problem(on, target, f"answers {answer.status}")

    def problem(self, on: str, target: str, what: str) -> str:
        self.problems.append(f"{on} links to {target}: it {what}")
        return "broken"

    def report(self) -> str:
        return (
            "Problems:\n"
            + "\n".join(self.problems)
            + "\nViews visited:\n"
            + "\n".join(f"  {name}: {path}" for name, path in sorted(self.views.items()))
        )


def canary_uses():
    """Each feature's canary walk: the registry's, or the app's tests/canary_use.py."""
    from core.features import all_features

    declared = {feature.app: feature.canary for feature in all_features() if feature.canary}
    for app in project_apps():
        name = declared.get(app.label) or f"{app.name}.tests.canary_use"
        try:
            yield importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise


@pytest.fixture
def content(transactional_db):
    for command in ("load_guide", "load_scripts", "load_resources"):
        call_command(command, verbosity=0)


@pytest.mark.long
def test_every_view_a_stranger_can_reach_is_accessible_at_320px(content, small_page, live_server):
    walk = Walk(small_page, live_server, intended_signed_out)
    walk.run("/")
    assert len(walk.views) >= 15, walk.report()
    assert not walk.problems, walk.report()


@pytest.mark.long
def test_every_view_a_member_can_reach_is_accessible_at_320px(
    content, small_page, live_server, sign_in
):
    make_member(OWNER_NAME, OWNER_PASSPHRASE)
    client = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)
    features = []
    for module in canary_uses():
        module.use_everything(client, "Sample words")
        features.append(module.__name__.partition(".")[0])
    assert len(features) >= 4, features

    sign_in(small_page, OWNER_NAME, OWNER_PASSPHRASE)
    walk = Walk(small_page, live_server, intended_signed_in)
    walk.run("/home/")
    assert len(walk.views) >= 45, walk.report()
    walked = {name.partition(":")[0] for name in walk.views}
    assert set(features) <= walked, f"no page of {set(features) - walked} was reached"
    assert not walk.problems, walk.report()


def test_a_link_to_nowhere_or_an_unintended_redirect_fails_the_walk(small_page, live_server):
    walk = Walk(small_page, live_server, intended_signed_in)  # signed out, judged as a member
    assert walk.check_link("/", "/staying-safe/") == "page"
    assert walk.check_link("/", "/manifest.webmanifest") == "file"
    assert walk.check_link("/", "/x/") == "not followed"
    assert walk.check_link("/", "/no-such-page/") == "broken"
    assert walk.check_link("/", "/guide/no-such-part/") == "broken"
    assert walk.check_link("/", "/reasons/") == "broken"
    assert walk.problems == [
        "/ links to /no-such-page/: it leads to no page Haven has",
        "/ links to /guide/no-such-part/: it answers 404",
        "/ links to /reasons/: it redirects to /sign-in/?next=/reasons/, which is not intended",
    ]
