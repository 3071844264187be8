"""The feature registry: what each feature app gives the whole product.

Each feature app declares itself once, in its own `feature.py`:

    FEATURE = Feature(
        app="plan",
        nav=[NavEntry(_("Plans"), "plan:safety", namespace="plan")],
        cards=[Card("plan/cards/reasons.html", "plan.cards.reasons", order=10)],
        tools=[Tool([Link(_("Print your safety plan"), "plan:safety_print")])],
        models=["plan.Reason", "plan.SafetyPlan", "plan.ExitPlan"],
        canary="plan.tests.canary_use",
        demo="plan.demo",
        export="plan.exports",
        decoy="plan.demo",
        private_pages=["plan:reasons", ("plan:exit_step", {"number": 1})],
    )

Shared pages (the layout's nav, the dashboard) and cross-cutting tests (the
canary, deletion, access and form checks) read these declarations instead of
keeping lists of their own. Dotted paths name modules or functions that are
imported only when used, so the registry itself imports no feature code at
start-up and core depends on no feature.

Adding a feature app: its folder, one line in INSTALLED_APPS, one URL include
in haven/urls.py, and its `feature.py`. Every installed app of this
repository other than core, vault, accounts and dashboard must have one
(tests/test_registry.py checks it), and every model with a sealed field must
be listed in some feature's `models`.

What the shared places read:
- `nav`: the layout's main navigation (core/context_processors.py), after
  Home and before Settings/Lock, sorted by `order`. Nav entries and tool
  links carry a `discreet_label`, shown instead under discreet mode. URLs are reversed once
  per process, on first use (`url()`), never per request.
- `cards`: the dashboard (dashboard app, /home/) renders every card in
  `order`; a card may name a stylesheet (`css`, a static path) the dashboard
  links once. `tools`: lines of the dashboard's "More tools" card, in `order`.
- `models`: the deletion and access tests walk them; the export covers them.
- `private_pages`, `public_pages`: URL names, or `(name, kwargs)` pairs for
  pages that take arguments (`page_url()` turns either into a path).

The module contracts:
- `demo`: a module with `seed(user, box)` filling a demo member's space.
- `decoy`: a module with `seed_decoy(user, box)` filling a new decoy space
  with plausible, harmless content (accounts calls it inside the transaction
  that creates the decoy). Nothing in it may hint at leaving or at help.
- `export`: a module with `export(user, box) -> dict` (JSON-ready: every
  sealed value of every owned model, opened) and `restore(user, box, data)`
  (writes that dict back into a fresh account).
- `canary`: a module with `use_everything(client, canary)`, which fills every
  private field the feature owns with the canary through real requests and
  asserts that each step succeeded.
- `content`: a module with `load(*, force=False) -> str` that loads the
  feature's content files (YAML/Markdown) through the one content loader and
  returns a one-line summary; `manage.py load_content` runs them all.
- a card's `context`: a function `(request) -> dict` for the card template.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db.models import Model
from django.urls import reverse
from django.utils.functional import Promise

# A page: a URL name, or a URL name and its arguments.
Page = str | tuple[str, dict[str, Any]]


@cache
def url(url_name: str) -> str:
    """The path of a URL name that takes no arguments, reversed once per process.

    In the web server the first use is inside a request, so a deployment under
    a path prefix (SCRIPT_NAME) gets its prefix as with any reversed URL.
    """
    return reverse(url_name)


def page_url(page: Page) -> str:
    """The path of a `private_pages`/`public_pages` entry."""
    if isinstance(page, str):
        return url(page)
    name, kwargs = page
    return reverse(name, kwargs=kwargs)


def page_name(page: Page) -> str:
    return page if isinstance(page, str) else page[0]


@dataclass(frozen=True)
class NavEntry:
    """A link in the layout's main navigation."""

    label: str | Promise
    url_name: str
    # The URL namespace whose pages mark this entry as the current one.
    namespace: str = ""
    # Shown only with an open vault (a signed-in, unlocked member).
    private: bool = False
    # Position among all features' entries: lower comes first.
    order: int = 100
    # Words a glance at a discreet screen may see instead of the label.
    discreet_label: str | Promise | None = None

    @property
    def url(self) -> str:
        return url(self.url_name)

    def label_for(self, discreet: bool) -> str | Promise:
        return self.discreet_label if discreet and self.discreet_label else self.label


@dataclass(frozen=True)
class Link:
    """A plain link to one of a feature's pages (URL name without arguments)."""

    label: str | Promise
    url_name: str
    # What a discreet screen shows instead (a notes app's words, nothing about
    # harm or leaving). Needed wherever the label would give the person away.
    discreet_label: str | Promise | None = None

    @property
    def url(self) -> str:
        return url(self.url_name)

    def label_for(self, discreet: bool) -> str | Promise:
        return self.discreet_label if discreet and self.discreet_label else self.label


@dataclass(frozen=True)
class Tool:
    """A line of the dashboard's "More tools" card: a main link, then quieter ones."""

    links: tuple[Link, ...] | list[Link]
    order: int = 100


@dataclass(frozen=True)
class Card:
    """A card on the dashboard: a template and a context function `(request) -> dict`."""

    template: str
    context: str | None = None
    order: int = 100
    # A static path of a stylesheet the card needs (linked once by the dashboard).
    css: str | None = None

    def get_context(self, request) -> dict[str, Any]:
        return resolve(self.context)(request) if self.context else {}


@dataclass(frozen=True)
class Feature:
    app: str
    nav: tuple[NavEntry, ...] | list[NavEntry] = ()
    cards: tuple[Card, ...] | list[Card] = ()
    tools: tuple[Tool, ...] | list[Tool] = ()
    # "app_label.ModelName" of every model holding a member's private data.
    models: tuple[str, ...] | list[str] = ()
    canary: str | None = None
    demo: str | None = None
    export: str | None = None
    decoy: str | None = None
    content: str | None = None
    # The feature's main private pages, and the pages anyone may read: URL
    # names or (name, kwargs) pairs (checked for private forms and spellcheck,
    # where the crawlers start, timed in the bench).
    private_pages: tuple[Page, ...] | list[Page] = ()
    public_pages: tuple[Page, ...] | list[Page] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    # Model, not models.Model: inside this class `models` is the field above.
    def model_classes(self) -> list[type[Model]]:
        return [apps.get_model(label) for label in self.models]

    def module(self, kind: str):
        path = getattr(self, kind)
        return importlib.import_module(path) if path else None


def resolve(dotted: str) -> Callable[..., Any]:
    """`"package.module.function"` -> the function."""
    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name)


def project_apps() -> list:
    """Installed apps that live in this repository (not Django's or a library's)."""
    # A top-level folder of the checkout: Django's own apps live in .venv,
    # which sits inside the checkout too.
    root = Path(settings.BASE_DIR).resolve()
    return [app for app in apps.get_app_configs() if Path(app.path).resolve().parent == root]


@cache
def all_features() -> tuple[Feature, ...]:
    """Every installed app's declaration, in INSTALLED_APPS order."""
    found = []
    for app in project_apps():
        try:
            module = importlib.import_module(f"{app.name}.feature")
        except ModuleNotFoundError as error:
            if error.name != f"{app.name}.feature":
                raise
            continue
        feature = module.FEATURE
        if feature.app != app.label:
            raise ValueError(f"{app.name}/feature.py declares app {feature.app!r}")
        found.append(feature)
    return tuple(found)


def feature(app_label: str) -> Feature:
    for item in all_features():
        if item.app == app_label:
            return item
    raise LookupError(f"no feature declared for {app_label!r}")


def nav_entries(*, private: bool) -> list[NavEntry]:
    entries = [e for f in all_features() for e in f.nav if private or not e.private]
    return sorted(entries, key=lambda e: e.order)


def cards() -> list[Card]:
    return sorted((c for f in all_features() for c in f.cards), key=lambda c: c.order)


def tools() -> list[Tool]:
    return sorted((t for f in all_features() for t in f.tools), key=lambda t: t.order)


def owned_models() -> list[type[Model]]:
    return [model for f in all_features() for model in f.model_classes()]


def with_module(kind: str) -> Iterable[tuple[Feature, Any]]:
    for item in all_features():
        module = item.module(kind)
        if module is not None:
            yield item, module
