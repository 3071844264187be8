from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from core import paging
from scripts.models import MyScript, Script, Situation
from vault.box import Box

BUILDER_PARTS = ("feel", "when", "need", "then")


@dataclass
class OpenScript:
    """A MyScript with its sealed content opened, for one request."""

    script: MyScript
    title: str = ""
    situation: str = ""
    text: str = ""
    parts: dict[str, str] = field(default_factory=dict)

    @property
    def pk(self):
        return self.script.pk

    @property
    def is_builder(self) -> bool:
        return bool(self.parts)

    @property
    def situation_label(self) -> str:
        return Situation(self.situation).label if self.situation in Situation.values else ""

    def initial(self) -> dict[str, str]:
        return {"title": self.title, "situation": self.situation, "text": self.text, **self.parts}


def _content(cleaned: dict) -> dict:
    content = {"title": cleaned.get("title", ""), "situation": cleaned.get("situation", "")}
    if "feel" in cleaned:
        content["parts"] = {name: cleaned.get(name, "") for name in BUILDER_PARTS}
    else:
        content["text"] = cleaned.get("text", "")
    return content


def create_script(owner, box: Box, cleaned: dict) -> MyScript:
    script = MyScript(owner=owner)
    script.content = box.seal_json(script, "content", _content(cleaned))
    script.save()
    return script


def edit_script(script: MyScript, box: Box, cleaned: dict) -> None:
    script.content = box.seal_json(script, "content", _content(cleaned))
    script.save(update_fields=["content", "updated_at"])


def copy_from_library(owner, box: Box, library_script: Script) -> MyScript:
    with transaction.atomic():
        return create_script(
            owner,
            box,
            {
                "title": library_script.title,
                "situation": library_script.situation,
                "text": library_script.body,
            },
        )


def delete_script(script: MyScript) -> None:
    script.delete()


def open_script(script: MyScript, box: Box) -> OpenScript:
    content = box.open_json(script, "content", {})
    return OpenScript(
        script=script,
        title=content.get("title", ""),
        situation=content.get("situation", ""),
        text=content.get("text", ""),
        parts=content.get("parts") or {},
    )


def open_scripts(owner, box: Box) -> list[OpenScript]:
    return [open_script(s, box) for s in MyScript.objects.filter(owner=owner)]


# Last changed first, the id breaking ties; the (owner, updated_at, id) index serves it.
SCRIPT_ORDER = ("-updated_at", "-id")
SCRIPTS_PER_PAGE = 10


def scripts_page(request, size: int = SCRIPTS_PER_PAGE) -> paging.Page:
    """One page of the person's own scripts, opened (only the ones shown)."""
    rows = MyScript.objects.filter(owner=request.user)
    page = paging.page_from_request(request, rows, SCRIPT_ORDER, size)
    page.items = [open_script(s, request.vault) for s in page.items]
    return page
