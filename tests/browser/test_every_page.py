"""Crawl every page a person can reach by following links, signed out and then
signed in with every feature in use, on a 320 px screen: axe-core finds no
serious or critical barrier, and nothing makes the page scroll sideways.

New pages are covered as soon as something links to them.
"""

import importlib
from urllib.parse import urldefrag, urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.apps import apps
from django.core.management import call_command

from conftest import OWNER_NAME, OWNER_PASSPHRASE, make_member, signed_in_client

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}
# Links that end the visit or download rather than show a page.
SKIP = ("/x/", "/lock/", "/sign-out/", "/operator/", "/static/", "/safety-plan/pdf/")
MAX_PAGES = 120
axe = Axe()
# The innermost elements that stick out past the right edge, to say what to fix.
WIDE_ELEMENTS = """() => {
  const limit = document.documentElement.clientWidth + 1;
  const wide = [...document.querySelectorAll("body *")].filter(
    (e) => e.getBoundingClientRect().right > limit);
  return wide.filter((e) => !wide.some((o) => o !== e && e.contains(o))).slice(0, 5)
    .map((e) => `${e.tagName.toLowerCase()}.${e.className} (${Math.round(
      e.getBoundingClientRect().right)}px)`);
}"""


def crawl(page, starts):
    seen, queue, problems = set(), list(starts), []
    origin = urlparse(page.context.pages[0].url or "http://x").netloc
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = page.goto(path)
        if (
            response is None
            or response.status != 200
            or "text/html" not in (response.headers.get("content-type", ""))
        ):
            continue
        here = urlparse(page.url)
        if here.path != urlparse(path).path:
            continue  # redirected (e.g. locked): that page is crawled under its own name
        for violation in axe.run(page).response["violations"]:
            if violation["impact"] in BLOCKING:
                nodes = "; ".join(", ".join(node["target"]) for node in violation["nodes"][:3])
                problems.append(f"{path}: {violation['id']} [{violation['impact']}] {nodes}")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 1:
            culprits = page.evaluate(WIDE_ELEMENTS)
            problems.append(f"{path}: scrolls sideways by {overflow}px at 320px: {culprits}")
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            url = urlparse(urldefrag(href)[0])
            if url.scheme not in ("http", "https") or (origin and url.netloc != here.netloc):
                continue
            target = url.path + (f"?{url.query}" if url.query else "")
            if not url.path.startswith(SKIP) and target not in seen:
                queue.append(target)
    return seen, problems


def test_every_reachable_page_is_accessible_at_320px(small_page, sign_in):
    for command in ("load_guide", "load_scripts", "load_resources"):
        call_command(command, verbosity=0)
    make_member(OWNER_NAME, OWNER_PASSPHRASE)
    client = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)
    for app in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{app.name}.tests.canary_use")
        except ModuleNotFoundError:
            continue
        module.use_everything(client, "Sample words")

    small_page.goto("/")
    public, problems = crawl(small_page, ["/"])
    sign_in(small_page, OWNER_NAME, OWNER_PASSPHRASE)
    private, more = crawl(small_page, ["/home/"])
    problems += more

    assert len(public) >= 25, sorted(public)
    assert len(private) >= 40, sorted(private)
    assert not problems, "Pages with barriers:\n" + "\n".join(problems)
