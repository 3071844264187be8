import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from django.conf import settings

from plan import pdf
from plan.tests.helpers import FULL_SAFETY_PLAN, save_whole_plan

pytestmark = pytest.mark.django_db

PDFTOTEXT = shutil.which("pdftotext")
needs_pdftotext = pytest.mark.skipif(
    PDFTOTEXT is None, reason="reading a PDF back needs pdftotext (Debian: poppler-utils)"
)
BIDI_MARKS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u200e\u200f"))

LATIN = "Tante Zoë's café"
GREEK = "Καταφύγιο στην Αθήνα"
CYRILLIC = "Позвонить сестре"
ARABIC = "بيت أختي"
CJK = "朋友的家"


def read_back(content: bytes) -> str:
    """The PDF's text as a reader would copy it out, one line per line."""
    done = subprocess.run(
        [PDFTOTEXT, "-enc", "UTF-8", "-", "-"], input=content, capture_output=True, check=True
    )
    return done.stdout.decode().translate(BIDI_MARKS)


def cjk_font_installed() -> bool:
    return any(ord("朋") in pdf.coverage(path) for path in pdf.fallback_candidates())


def files_in(folder: Path) -> set[Path]:
    return {path for path in folder.rglob("*") if path.is_file()} if folder.exists() else set()


def test_the_print_page_shows_the_saved_plan(owner_client):
    save_whole_plan(owner_client)
    body = owner_client.get("/safety-plan/print/").content.decode()
    for text in ("Aunt Mina&#x27;s house", "0800 123 456", "pineapple", "every evening by nine"):
        assert text in body
    assert "Not for me" in body  # the passwords item, said in words, not only a mark
    assert "Car papers" in body and "glovebox" in body
    assert "print.css" in body


def test_the_print_page_says_when_changes_are_not_saved_yet(owner_client):
    save_whole_plan(owner_client)
    owner_client.post("/drafts/safety-plan-places/", {"place-0-name": "something new"})
    body = owner_client.get("/safety-plan/print/").content.decode()
    assert "changes that aren't saved yet" in body
    assert "something new" not in body


def test_the_pdf_downloads_discreetly_and_is_never_cached(owner_client):
    save_whole_plan(owner_client)
    response = owner_client.get("/safety-plan/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="notes.pdf"'
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(b"%PDF-")


@needs_pdftotext
def test_the_pdf_holds_what_was_typed(owner_client):
    save_whole_plan(owner_client)
    text = read_back(owner_client.get("/safety-plan/pdf/").content)
    for typed in ("Aunt Mina's house", "0800 123 456", "pineapple", "glovebox", "Blue scarf"):
        assert typed in text
    assert "Not for me" in text
    assert "Papers to gather or copy" in text


@needs_pdftotext
def test_the_pdf_keeps_words_in_any_script(owner_client):
    posted = dict(FULL_SAFETY_PLAN)
    posted.update(
        {
            "place-0-name": LATIN,
            "place-1-name": GREEK,
            "person-name": CYRILLIC,
            "person-codeword": ARABIC,
            "ownbag-1-name": CJK,
        }
    )
    save_whole_plan(owner_client, posted)
    text = read_back(owner_client.get("/safety-plan/pdf/").content)
    for typed in (LATIN, GREEK, CYRILLIC, ARABIC):
        assert typed in text, typed
    if not cjk_font_installed():
        pytest.skip("no CJK font installed (Debian: fonts-noto-cjk); other scripts checked")
    assert CJK in text


@needs_pdftotext
def test_characters_no_font_can_draw_show_a_mark_instead_of_vanishing(owner_client):
    posted = dict(FULL_SAFETY_PLAN, **{"place-0-name": "Park \U0001f33b bench"})
    save_whole_plan(owner_client, posted)
    text = read_back(owner_client.get("/safety-plan/pdf/").content)
    assert "Park \ufffd bench" in text


_writes: list[str] | None = None


def _watch_writes(event, args):
    if _writes is not None and event == "open":
        path, mode, flags = (list(args) + [None, None, None])[:3]
        writing = (mode and any(c in mode for c in "wax+")) or (
            isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)
        )
        if writing:
            _writes.append(str(path))


sys.addaudithook(_watch_writes)


def test_making_the_pdf_writes_no_file_and_logs_nothing_typed(
    owner_client, caplog, monkeypatch, tmp_path
):
    global _writes
    posted = dict(FULL_SAFETY_PLAN, **{"person-codeword": "LOGCANARY \U0001f33b 朋友"})
    save_whole_plan(owner_client, posted)
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private_tmp))
    media_before = files_in(Path(settings.MEDIA_ROOT))
    _writes = []
    try:
        with caplog.at_level(logging.DEBUG):
            response = owner_client.get("/safety-plan/pdf/")
    finally:
        opened_for_writing, _writes = _writes, None
    assert response.status_code == 200
    assert opened_for_writing == []
    assert files_in(private_tmp) == set()
    assert files_in(Path(settings.MEDIA_ROOT)) == media_before
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "LOGCANARY" not in logged
    assert "\U0001f33b" not in logged and "朋" not in logged


def test_a_missing_font_leads_kindly_to_the_print_page(owner_client, settings, tmp_path):
    pdf._installed_fonts.cache_clear()
    settings.HAVEN_FONT_DIRS = [str(tmp_path)]
    try:
        response = owner_client.get("/safety-plan/pdf/", follow=True)
    finally:
        pdf._installed_fonts.cache_clear()
    assert response.redirect_chain[-1][0] == "/safety-plan/print/"
    assert "The PDF can&#x27;t be made on this server just now" in response.content.decode()


def test_the_font_finder_says_which_package_is_missing(settings, tmp_path):
    settings.HAVEN_FONT_DIRS = [str(tmp_path)]
    with pytest.raises(pdf.FontsMissing, match="fonts-dejavu-core"):
        pdf.main_fonts()


@needs_pdftotext
def test_another_member_gets_only_their_own_empty_pdf(owner_client, other_client):
    save_whole_plan(owner_client)
    text = read_back(other_client.get("/safety-plan/pdf/").content)
    assert "pineapple" not in text
    assert "Aunt Mina" not in text
    assert "Quick checklist" in text


# ---- The numbers to call, on every page, and skipped parts said plainly ----------


@needs_pdftotext
def test_the_pdf_starts_with_the_countrys_numbers_and_repeats_them_at_the_foot_of_every_page(
    owner_client,
):
    owner_client.cookies["hv_cc"] = "GB"
    # Enough places to fill more than one page.
    many = {f"place-{n}-name": f"Place number {n}" for n in range(40)}
    many.update({f"place-{n}-route": "A long way round, " * 12 for n in range(40)})
    save_whole_plan(owner_client, dict(FULL_SAFETY_PLAN, **many, **{"place-rows": "40"}))
    pages = read_back(owner_client.get("/safety-plan/pdf/").content).split("\f")
    pages = [page for page in pages if page.strip()]
    assert len(pages) >= 2, "the plan should need more than one page here"
    assert "Numbers to call first" in pages[0]
    for number, page in enumerate(pages, start=1):
        foot = " ".join(page.split())
        assert "Numbers to call:" in foot, number
        assert "999" in foot and "0808 2000 247" in foot, number
        assert f"{number}/{len(pages)}" in foot, number


@needs_pdftotext
def test_without_a_country_the_pdf_foot_names_the_persons_own_first_numbers(owner_client):
    save_whole_plan(owner_client)
    text = " ".join(read_back(owner_client.get("/safety-plan/pdf/").content).split())
    assert "Numbers to call: Emergency: 112 · Help line: 0800 123 456" in text


@needs_pdftotext
def test_the_pdf_leaves_out_skipped_parts_and_names_them_plainly(owner_client):
    owner_client.post("/safety-plan/person/", {"person-name": "Jo", "person-codeword": "lemon"})
    text = " ".join(read_back(owner_client.get("/safety-plan/pdf/").content).split())
    assert "My trusted person" in text and "lemon" in text
    assert "Not filled in yet" in text
    assert "Safe places" in text.split("Not filled in yet")[1]
    assert "Phone charger" not in text  # the bag list is left out, not printed empty
    assert "In danger right now? Call your local emergency number." in text


def test_the_print_page_has_the_numbers_first_and_in_its_footer(owner_client):
    owner_client.cookies["hv_cc"] = "GB"
    save_whole_plan(owner_client)
    body = owner_client.get("/safety-plan/print/").content.decode()
    first = body[body.index('class="first-numbers"') : body.index('class="print-grid"')]
    assert "999" in first and "0808 2000 247" in first
    footer = body[body.index('class="printable-footer"') :]
    footer = footer[: footer.index("</footer>")]
    assert "Numbers to call:" in footer and "999" in footer and "0808 2000 247" in footer


def test_the_print_page_shows_parts_in_the_plans_order_and_marks_skipped_ones(owner_client):
    owner_client.post("/safety-plan/places/", {"place-0-name": "Library"})
    owner_client.post("/safety-plan/checklist/", {"check-phone": "done"})
    body = owner_client.get("/safety-plan/print/").content.decode()
    assert body.index("<h2>Quick checklist</h2>") < body.index("<h2>Safe places</h2>")
    assert "<h2>Bag to grab</h2>" not in body
    skipped = re.search(r'class="not-filled"><strong>Not filled in yet:</strong> ([^<]+)<', body)
    assert skipped and skipped.group(1).startswith("Numbers to call, My trusted person")


@needs_pdftotext
def test_the_print_page_and_the_pdf_stay_discreet(owner_client):
    save_whole_plan(owner_client)
    owner_client.cookies["hv_d"] = "notes"
    page = owner_client.get("/safety-plan/print/").content.decode()
    assert "<title>Notes</title>" in page
    pdf_response = owner_client.get("/safety-plan/pdf/")
    assert pdf_response["Content-Disposition"] == 'attachment; filename="notes.pdf"'
    info = subprocess.run(
        [shutil.which("pdfinfo") or "pdfinfo", "-"],
        input=pdf_response.content,
        capture_output=True,
        check=True,
    ).stdout.decode()
    assert re.search(r"^Title:\s+Notes$", info, re.M), info  # the document's own title too


@needs_pdftotext
def test_without_a_country_the_persons_numbers_are_not_printed_twice_at_the_top(owner_client):
    save_whole_plan(owner_client)
    body = owner_client.get("/safety-plan/print/").content.decode()
    assert 'class="first-numbers"' not in body
    text = read_back(owner_client.get("/safety-plan/pdf/").content)
    assert "Numbers to call first" not in text
