"""A member's world built from the feature registry, and a crawl through it.

Cross-cutting tests (access, deletion, forms) need one of everything a member
can make. Instead of knowing each feature, they run every feature's canary use
(core.features, `canary`), so a new feature is covered the day it declares
itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape

from django.conf import settings
from django.test import Client
from django.urls import Resolver404, resolve

from core import features

LINK = re.compile(r'href="(/[^"#?]*)')
FORM_ACTION = re.compile(r'<form\b[^>]*\baction="(/[^"#?]*)')


def fill_every_feature(client: Client, canary: str) -> list[str]:
    """Every feature's canary use, through `client` (a signed-in member)."""
    used = []
    for feature, module in features.with_module("canary"):
        module.use_everything(client, canary)
        used.append(feature.app)
    return used


def load_content() -> None:
    """Every feature's public content (guide, help lines, scripts), as `bin/run` loads it."""
    for _feature, content in features.with_module("content"):
        content.load()


def owned_rows(user) -> dict[str, int]:
    """How many rows of each registry model belong to `user`."""
    counts = {}
    for model in features.owned_models():
        owner_fields = [f.name for f in model._meta.concrete_fields if f.name == "owner"]
        assert owner_fields, f"{model._meta.label} has no owner field"
        counts[model._meta.label] = model.objects.filter(owner=user).count()
    return counts


def member_namespaces() -> set[str]:
    """URL namespaces whose pages a crawl may follow: the features' and the dashboard's."""
    return {f.app for f in features.all_features()} | {"dashboard"}


def start_pages(*, private: bool) -> list[str]:
    """The dashboard and every feature's declared pages (public ones always)."""
    pages = ["/home/"] if private else []
    for feature in features.all_features():
        declared = list(feature.public_pages)
        if private:
            declared = list(feature.private_pages) + declared
        pages += [features.page_url(page) for page in declared]
    return pages


@dataclass
class Crawl:
    """Pages reached by following links, one page per view (pages of one view share a template)."""

    pages: dict[str, str] = field(default_factory=dict)  # path -> HTML ("" for non-HTML)
    # view name -> the first path seen for it, as a link or a form's target
    views: dict[str, str] = field(default_factory=dict)


def crawl(client: Client, starts: list[str], *, member: bool = True, limit: int = 150) -> Crawl:
    """Visit `starts`, then every feature or dashboard page linked from them.

    Every internal link must resolve to a URL pattern, and every page visited
    must answer 200 (or redirect to a page that does): a broken link fails the
    crawl instead of being skipped. Links elsewhere (settings, sign-out, quick
    exit) are checked but not followed. For a member, no page may send them to
    sign in or unlock; for someone not signed in (`member=False`), private
    pages do, and the crawl goes no further there.
    """
    found = Crawl()
    namespaces = member_namespaces()
    queue = [(path, "the start pages") for path in starts]
    while queue and len(found.pages) < limit:
        path, source = queue.pop(0)
        if path in found.pages:
            continue
        try:
            match = resolve(path)
        except Resolver404:
            raise AssertionError(f"{source} links to {path}, which is no page") from None
        if match.namespace not in namespaces:
            continue
        if match.view_name in found.views and path not in starts:
            continue
        found.views.setdefault(match.view_name, path)
        response = client.get(path)
        if response.status_code == 302 and response["Location"].startswith("/"):
            target = response["Location"].split("?")[0]
            found.pages[path] = ""
            if target.startswith(("/sign-in/", "/unlock/")):
                assert not member, f"{path} (linked from {source}) sent the member to {target}"
                continue
            queue.append((target, path))
            continue
        assert response.status_code == 200, f"{path} (linked from {source}): {response}"
        if "text/html" not in response["Content-Type"]:
            found.pages[path] = ""
            continue
        body = response.content.decode()
        found.pages[path] = body
        for link in LINK.findall(body):
            link = unescape(link)
            if link.startswith(settings.STATIC_URL):
                continue
            queue.append((link, path))
        # A form's target is checked and noted (so its view counts as found), never posted.
        for action in FORM_ACTION.findall(body):
            action = unescape(action)
            try:
                target = resolve(action)
            except Resolver404:
                raise AssertionError(f"a form on {path} posts to {action}, no page") from None
            found.views.setdefault(target.view_name, action)
    return found
