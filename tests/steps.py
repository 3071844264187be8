"""Small helpers for tests that drive Haven through real requests, step by step.

Every step asserts that it did what was meant, and says which step failed:

    page = get_ok(client, "/safety-plan/", says="Your safety plan")
    form = page_form(page, with_field="place-0-name").filled(canary)
    keep_draft(client, form.draft_key, form.data)
    post_ok(client, "/safety-plan/", form.data, then="/safety-plan/",
            says=["Your safety plan is saved.", *form.typed.values()])

A step that lands on the sign-in, unlock or recovery-code page, or answers
400 or 403, fails with a message naming it: a helper that quietly carried on
would let a canary test pass without having typed anything.

`page_form(...).filled(canary)` fills a form the way a person would, from the
page itself: every text box gets the canary followed by the box's name, so a
box added to a form later is filled without anyone remembering to. Boxes that
need a number or a date get one (`text={"*-amount": "12"}` chooses another),
radio buttons and lists take their first choice unless `choose` says
otherwise, and every tick box is ticked. Any app's tests may import this
module: it knows nothing about any feature.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.http import HttpResponse
from django.test import Client
from django.urls import Resolver404, resolve
from django.utils import timezone
from pytest_django.asserts import assertContains, assertRedirects

# Where a request is sent when it could not do what it was for.
TURNED_AWAY = {
    "/sign-in/": "it was sent to sign in (the client is not signed in)",
    "/sign-in/code/": "it was sent to the two-step code (the sign-in is not finished)",
    "/unlock/": "it was sent to unlock (the vault is locked)",
    "/recovery-code/": "it was sent to the recovery code (the code is not confirmed yet)",
}


# ---- Responses ------------------------------------------------------------


def _where(response: HttpResponse) -> str:
    return response.headers.get("Location", "")


def _path(url: str) -> str:
    return urlsplit(url).path


def _said(response: HttpResponse, limit: int = 400) -> str:
    """The part of a page that says what went wrong: its errors, else its main text."""
    if not response.headers.get("Content-Type", "").startswith("text/html"):
        return response.headers.get("Content-Type", "")
    text = response.content.decode(errors="replace")
    errors = re.findall(r'class="(?:error|message)[^"]*"[^>]*>([^<]+)', text)
    if errors:
        return " | ".join(e.strip() for e in errors)[:limit]
    main = re.search(r"<main\b.*?>(.*?)</main>", text, re.S)
    words = re.sub(r"<[^>]+>", " ", main.group(1) if main else text)
    return " ".join(words.split())[:limit]


def _refuse_turning_away(response: HttpResponse, step: str) -> None:
    if response.status_code in (301, 302, 303, 307, 308):
        reason = TURNED_AWAY.get(_path(_where(response)))
        assert reason is None, f"{step}: {reason}"
    assert response.status_code not in (400, 403), (
        f"{step}: answered {response.status_code}: {_said(response)}"
    )


def _as_list(words: str | Iterable[str]) -> list[str]:
    return [words] if isinstance(words, str) else list(words)


def assert_page(
    response: HttpResponse, *, says: str | Iterable[str] = (), step: str = "the page"
) -> HttpResponse:
    """The response is a page (200) that shows every one of `says`."""
    _refuse_turning_away(response, step)
    assert response.status_code == 200, (
        f"{step}: answered {response.status_code} {_where(response)}, not a page"
    )
    for words in _as_list(says):
        assertContains(response, words, msg_prefix=step)
    return response


def get_ok(
    client: Client, path: str, *, says: str | Iterable[str] = (), step: str | None = None
) -> HttpResponse:
    return assert_page(client.get(path), says=says, step=step or f"GET {path}")


def post_ok(
    client: Client,
    path: str,
    data: Mapping | None = None,
    *,
    then: str | None = None,
    says: str | Iterable[str] = (),
    step: str | None = None,
) -> HttpResponse:
    """POST, and check it did what was meant.

    With `then` (a path, or a view name such as "scripts:edit"), the answer must
    be a redirect there; it is followed, as a browser would, and the page it
    leads to must show `says`. Without `then`, the answer itself must be a page
    showing `says` (a preview, more rows, or a kind error keeping what was typed).
    Returns the redirect (its Location names what was made) or the page.
    """
    step = step or f"POST {path}"
    response = client.post(path, data or {})
    _refuse_turning_away(response, step)
    if then is None:
        return assert_page(response, says=says, step=step)
    assert response.status_code == 302, (
        f"{step}: answered {response.status_code}, not a redirect to {then}: {_said(response)}"
    )
    if then.startswith("/"):
        assertRedirects(response, then, fetch_redirect_response=False, msg_prefix=step)
    else:
        try:
            landed = resolve(_path(_where(response))).view_name
        except Resolver404:
            landed = "nowhere Haven knows"
        assert landed == then, f"{step}: went to {_where(response)} ({landed}), not {then}"
    get_ok(client, _where(response), says=says, step=f"{step}, then GET {_where(response)}")
    return response


def keep_draft(client: Client, key: str | None, data: Mapping) -> None:
    """What drafts.js does while the person types: the server keeps it (204)."""
    assert key, "this form has no data-draft key, so nothing would keep a draft of it"
    response = client.post(f"/drafts/{key}/", data)
    assert response.status_code == 204, (
        f"keeping the draft {key!r}: answered {response.status_code}, not 204 (kept)"
    )


def created_id(response: HttpResponse) -> str:
    """The UUID in the address a save redirected to (the new row's page)."""
    found = re.search(
        r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", _where(response)
    )
    assert found, f"no id in the address {_where(response)!r}"
    return found.group(0)


def ids_in(response: HttpResponse, pattern: str) -> list[str]:
    """The ids a page links to: `pattern` has one group, e.g. r"/notes/([0-9a-f-]{36})/edit/"."""
    return list(dict.fromkeys(re.findall(pattern, response.content.decode())))


# ---- Forms ----------------------------------------------------------------

TYPED = {"text", "search", "tel", "email", "url", ""}


@dataclass
class Box:
    """One control of a form, as the page sent it."""

    tag: str
    type: str
    name: str
    value: str = ""
    checked: bool = False
    maxlength: int | None = None
    inputmode: str = ""
    options: list[tuple[str, bool]] = field(default_factory=list)  # (value, selected)


@dataclass
class Filled:
    data: dict[str, str | list[str]]
    # Every text box filled with words, by name: what the page must show back.
    typed: dict[str, str]
    draft_key: str | None


@dataclass
class Form:
    action: str
    method: str
    draft_key: str | None
    boxes: list[Box] = field(default_factory=list)

    def names(self) -> set[str]:
        return {box.name for box in self.boxes}

    def written(self) -> dict[str, str]:
        """What each text box shows now (saved words, or a restored draft)."""
        return {
            box.name: box.value.strip()
            for box in self.boxes
            if box.tag == "textarea" or (box.type in TYPED and not box.inputmode)
        }

    def filled(
        self,
        canary: str,
        *,
        text: Mapping[str, str] | None = None,
        choose: Mapping[str, str] | None = None,
        untick: Iterable[str] = (),
        today: datetime.date | None = None,
    ) -> Filled:
        """Everything a person could type or choose in this form, filled.

        `text` and `choose` map name patterns ("*-amount", "check-*") to values;
        the first pattern that matches a box wins. `untick` names tick boxes
        left empty.
        """
        text, choose, untick = dict(text or {}), dict(choose or {}), list(untick)
        today = today or timezone.localdate()
        data: dict[str, list[str]] = {}
        typed: dict[str, str] = {}

        def pick(patterns: Mapping[str, str], name: str) -> str | None:
            return next((v for p, v in patterns.items() if fnmatchcase(name, p)), None)

        radios_done: set[str] = set()
        for box in self.boxes:
            name = box.name
            if box.type in ("submit", "button", "reset", "image"):
                continue  # a button's name and value are sent only when it is pressed
            if box.type == "hidden":
                data.setdefault(name, []).append(box.value)
            elif box.type == "checkbox":
                if not any(fnmatchcase(name, p) for p in untick):
                    data.setdefault(name, []).append(box.value or "on")
            elif box.type == "radio":
                if name in radios_done:
                    continue
                radios_done.add(name)
                group = [b for b in self.boxes if b.name == name and b.type == "radio"]
                values = [b.value for b in group]
                wanted = pick(choose, name)
                if wanted is None:
                    wanted = next((b.value for b in group if b.checked), values[0])
                assert wanted in values, f"{name} offers {values}, not {wanted!r}"
                data[name] = [wanted]
            elif box.tag == "select":
                values = [value for value, _selected in box.options]
                wanted = pick(choose, name)
                if wanted is None:
                    chosen = [value for value, selected in box.options if selected and value]
                    wanted = chosen[0] if chosen else next(v for v in values if v)
                assert wanted in values, f"{name} offers {values}, not {wanted!r}"
                data[name] = [wanted]
            elif box.type == "date":
                data[name] = [pick(text, name) or today.isoformat()]
            elif box.type == "time":
                data[name] = [pick(text, name) or "21:30"]
            elif box.type == "number" or box.inputmode in ("decimal", "numeric"):
                data[name] = [pick(text, name) or "25"]
            elif box.tag == "textarea" or box.type in TYPED:
                value = pick(text, name)
                if value is None:
                    value = f"{canary} {name}"
                    if box.maxlength is not None:
                        value = value[: box.maxlength]
                    assert canary in value, f"{name} takes {box.maxlength} characters: too few"
                data[name] = [value]
                if canary in value:
                    typed[name] = value
            else:
                raise AssertionError(f"{name}: no way to fill a {box.tag} of type {box.type!r}")
        flat = {name: values[0] if len(values) == 1 else values for name, values in data.items()}
        return Filled(data=flat, typed=typed, draft_key=self.draft_key)


class _FormReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: Box | None = None
        self._option: list[str] | None = None
        self._option_selected = False
        self._textarea: Box | None = None

    def handle_starttag(self, tag, attrs):
        a = {key: value or "" for key, value in attrs}
        if tag == "form":
            self._form = Form(
                action=a.get("action", ""),
                method=a.get("method", "get").lower(),
                draft_key=a.get("data-draft") or None,
            )
            self.forms.append(self._form)
            return
        if self._form is None or (tag not in ("option",) and "name" not in a):
            return
        if tag in ("input", "button"):
            kind = a.get("type", "text" if tag == "input" else "submit").lower()
            length = a.get("maxlength")
            self._form.boxes.append(
                Box(
                    tag=tag,
                    type=kind,
                    name=a["name"],
                    value=a.get("value", ""),
                    checked="checked" in a,
                    maxlength=int(length) if length else None,
                    inputmode=a.get("inputmode", ""),
                )
            )
        elif tag == "select":
            self._select = Box(tag="select", type="select", name=a["name"])
            self._form.boxes.append(self._select)
        elif tag == "option" and self._select is not None:
            self._option = [a["value"]] if "value" in a else []
            self._option_selected = "selected" in a
        elif tag == "textarea":
            length = a.get("maxlength")
            self._textarea = Box(
                tag="textarea",
                type="textarea",
                name=a["name"],
                maxlength=int(length) if length else None,
            )
            self._form.boxes.append(self._textarea)

    def handle_data(self, data):
        if self._option is not None and not self._option[1:]:
            self._option.append(data)
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "option" and self._select is not None and self._option is not None:
            value = self._option[0].strip() if self._option else ""
            self._select.options.append((value, self._option_selected))
            self._option = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def page_forms(response: HttpResponse) -> list[Form]:
    reader = _FormReader()
    reader.feed(response.content.decode())
    return reader.forms


def page_form(
    response: HttpResponse,
    *,
    with_field: str | None = None,
    action: str | None = None,
    draft: str | None = None,
) -> Form:
    """The one POST form on the page that has a control named `with_field`,
    is sent to `action`, or keeps its drafts under the key `draft`."""
    assert with_field or action or draft, "say which form: with_field=, action= or draft="
    found = [
        f
        for f in page_forms(response)
        if f.method == "post"
        and (with_field is None or with_field in f.names())
        and (action is None or f.action == action)
        and (draft is None or f.draft_key == draft)
    ]
    assert len(found) == 1, (
        f"{len(found)} forms on {response.request['PATH_INFO']} match "
        f"with_field={with_field!r} action={action!r} draft={draft!r}"
    )
    return found[0]


# ---- What was stored ------------------------------------------------------


def sealed_columns(app_label: str) -> dict[str, list[bytes]]:
    """Every sealed (binary) column of an app's models: "Model.field" -> the stored values."""
    from django.apps import apps
    from django.db import models

    found: dict[str, list[bytes]] = {}
    for model in apps.get_app_config(app_label).get_models():
        for column in model._meta.concrete_fields:
            if isinstance(column, models.BinaryField):
                stored = model._default_manager.values_list(column.attname, flat=True)
                found[f"{model.__name__}.{column.name}"] = [bytes(v or b"") for v in stored]
    return found


def assert_sealed_and_filled(app_label: str, canary: str, owner) -> None:
    """Every sealed column of the app holds something for `owner`, and none of it
    reads as the canary: the walk filled every field, and the vault sealed it."""
    from django.apps import apps

    for model in apps.get_app_config(app_label).get_models():
        if any(f.name == "owner" for f in model._meta.concrete_fields):
            strays = model._default_manager.exclude(owner=owner).count()
            assert strays == 0, f"{strays} {model.__name__} rows belong to someone else"
    columns = sealed_columns(app_label)
    assert columns, f"{app_label} has no sealed columns"
    never = [name for name, values in columns.items() if not any(values)]
    assert not never, f"the walk never filled {never}"
    for name, values in columns.items():
        for value in values:
            assert canary.encode() not in value, f"{name} holds the canary unsealed"


# The recovery code page shows the code group by group inside one <code>.
_RECOVERY_CODE = re.compile(r'<p class="recovery-code"[^>]*><code>(.*?)</code>', re.DOTALL)


def shown_recovery_code(html: str) -> str | None:
    """The recovery code a page shows ("ABCDE-FGHIJ-..."), or None if it shows none."""
    found = _RECOVERY_CODE.search(html)
    return re.sub(r"<[^>]+>", "", found.group(1)) if found else None
