"""The layout under two template engines: Django's own beside Jinja2 (through
Django's backend for it), rendering the same page.

bench/jinja/base.html is core/templates/base.html written for Jinja2, line for
line: `_()` for {% translate %} (Django's own gettext, so the Spanish
translation to come would work the same), `static()` for {% static %}, and
the layout's links from the same `layout_links()`. A child page (a title, a
paragraph) extends each. Before timing, the two outputs are compared (entity
spelling and whitespace aside) so the figures compare the same work. The
context is what a signed-in person's page gets from the context processors,
built once and given to both.

    .venv/bin/python -m bench.template_engines     # prints JSON
"""

from __future__ import annotations

import html
import re
import statistics
from pathlib import Path
from types import SimpleNamespace

from bench.measure import interleaved_samples

RENDERS = 200
ROUNDS = 9
HERE = Path(__file__).resolve().parent

CHILD_DJANGO = (
    '{% extends "base.html" %}{% load i18n %}'
    "{% block title %}{% translate 'Settings' %}{% endblock %}"
    "{% block content %}<h1>{% translate 'Settings' %}</h1><p>{{ lead }}</p>{% endblock %}"
)
CHILD_JINJA = (
    '{% extends "base.html" %}'
    "{% block title %}{{ _('Settings') }}{% endblock %}"
    "{% block content %}<h1>{{ _('Settings') }}</h1><p>{{ lead }}</p>{% endblock %}"
)


def environment(**options):
    """The Jinja2 environment Django's backend is given (see `_engines`)."""
    import jinja2
    from django.templatetags.static import static
    from django.utils import translation

    from core.templatetags.layout_links import layout_links

    options.pop("autoescape", None)  # Django's backend asks for it on; so do we, outright
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"], autoescape=True, **options)
    env.install_gettext_callables(  # type: ignore[attr-defined]
        translation.gettext, translation.ngettext, newstyle=True
    )
    env.globals.update(static=static, layout_links=layout_links)
    return env


def _engines():
    from django.template import engines
    from django.template.backends.jinja2 import Jinja2

    jinja = Jinja2(
        {
            "NAME": "bench-jinja2",
            "DIRS": [str(HERE / "jinja")],
            "APP_DIRS": False,
            "OPTIONS": {"environment": "bench.template_engines.environment"},
        }
    )
    return engines["django"].from_string(CHILD_DJANGO), jinja.from_string(CHILD_JINJA)


def _context() -> dict:
    from core.features import url

    user = SimpleNamespace(is_authenticated=True, auto_lock_minutes=15)
    nav = [
        {"url": url(name), "current": name == "plan:reasons", "label": label}
        for name, label in (
            ("guide:index", "Guide"),
            ("assess:index", "Checks"),
            ("resources:index", "Help"),
            ("community:index", "Community"),
        )
    ]
    return {
        "user": user,
        "vault_open": True,
        "discreet": False,
        "disguise": {"key": "", "name": "Haven", "icon": "core/img/icon.svg", "colour": "#35524a"},
        "nav": nav,
        "exit_url": "https://www.bbc.com/weather",
        "csp_nonce": "bench-nonce-0123456789",
        "csrf_token": "bench-csrf-token-0123456789abcdef0123456789abcdef",
        "messages": [],
        "request": SimpleNamespace(resolver_match=SimpleNamespace(view_name="accounts:settings")),
        "lead": "Choose how Haven looks & behaves on this device.",
    }


def _same(page: str) -> str:
    """The page with entities spelled out and runs of whitespace as one."""
    return re.sub(r"\s+", " ", html.unescape(page)).replace("> <", "><").strip()


def bench_template_engines() -> dict:
    django_page, jinja_page = _engines()
    context = _context()
    made_by_django = django_page.render(context)
    made_by_jinja = jinja_page.render(context)
    if _same(made_by_django) != _same(made_by_jinja):
        raise RuntimeError("the two layouts do not render the same page")

    def by_django():
        for _ in range(RENDERS):
            django_page.render(context)

    def by_jinja():
        for _ in range(RENDERS):
            jinja_page.render(context)

    samples = interleaved_samples({"django": by_django, "jinja2": by_jinja}, ROUNDS)
    each = {name: statistics.median(s["wall"]) / RENDERS for name, s in samples.items()}
    return {
        "renders": RENDERS,
        "rounds": ROUNDS,
        "page_bytes": len(made_by_django.encode()),
        "seconds_each": each,
        "ratio": each["jinja2"] / each["django"],
    }


def section(r: dict) -> list[str]:
    from bench.report import ratio, seconds, table

    t = r["seconds_each"]
    out = [
        f"16. The layout (base.html with a small page, {r['page_bytes']:,} B) under two template "
        f"engines, median of {r['rounds']} interleaved rounds of {r['renders']} renders",
    ]
    rows = [
        ["Django templates (baseline)", seconds(t["django"]), ratio(1)],
        ["Jinja2 through Django's backend, same page", seconds(t["jinja2"]), ratio(r["ratio"])],
    ]
    out += table(["engine", "each render", "vs Django"], rows)
    return out


if __name__ == "__main__":
    import json
    import tempfile

    from bench.inprocess import setup_django

    setup_django(Path(tempfile.mkdtemp(prefix="haven-bench-templates-")))
    print(json.dumps(bench_template_engines()))
