"""The picture of a reminder: a real PNG at a fixed size, any script drawn as
itself, public and cacheable, and only for reminders in the library."""

import io

import pytest
from django.test import Client
from PIL import Image, ImageFont

from core.pdf import REPLACEMENT, coverage, main_fonts
from inspire import card_image
from inspire.models import Reminder

pytestmark = pytest.mark.django_db

JAPANESE = "あなたは大切な人です。今日はゆっくり休んでください。"
ARABIC = "أنت تستحق الأمان والاحترام في بيتك."
HINDI = "आप महत्वपूर्ण हैं। आराम करना ठीक है।"


def png(response) -> Image.Image:
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    image.load()
    assert image.format == "PNG"
    return image


def ink(image: Image.Image) -> int:
    """How many pixels are drawn in the reminder's ink colour (near-black green)."""
    rgb = image.convert("RGB")
    return (
        sum(1 for r, g, b in rgb.get_flattened_data() if r < 80 and g < 90 and b < 90)
        if hasattr(rgb, "get_flattened_data")
        else sum(1 for r, g, b in rgb.getdata() if r < 80 and g < 90 and b < 90)
    )


@pytest.mark.parametrize(("size", "expected"), [("square", (1080, 1080)), ("wide", (1200, 630))])
def test_a_library_reminder_becomes_a_png_of_a_fixed_size(library, size, expected):
    reminder = Reminder.objects.first()
    image = png(Client().get(f"/today/card/{reminder.slug}/{size}.png"))
    assert image.size == expected
    assert ink(image) > 2000  # the words are there, not a blank card


def test_the_picture_is_public_and_cacheable_while_pages_stay_unstored(library):
    reminder = Reminder.objects.first()
    client = Client()
    response = client.get(f"/today/card/{reminder.slug}/square.png")
    assert response["Cache-Control"] == "public, max-age=86400"
    assert "Pragma" not in response
    tag = response["ETag"]
    again = client.get(f"/today/card/{reminder.slug}/square.png", HTTP_IF_NONE_MATCH=tag)
    assert again.status_code == 304
    assert again.content == b""
    # Everything else is still never stored: the page the picture sits on too.
    assert "no-store" in client.get("/today/")["Cache-Control"]


def test_a_changed_reminder_gets_a_new_picture_tag(library):
    reminder = Reminder.objects.first()
    client = Client()
    tag = client.get(f"/today/card/{reminder.slug}/wide.png")["ETag"]
    Reminder.objects.filter(pk=reminder.pk).update(text="Words changed by an operator.")
    changed = client.get(f"/today/card/{reminder.slug}/wide.png", HTTP_IF_NONE_MATCH=tag)
    assert changed.status_code == 200
    assert changed["ETag"] != tag


@pytest.mark.parametrize(
    "path",
    [
        "/today/card/no-such-reminder/square.png",
        "/today/card/{slug}/huge.png",
        "/today/card/{slug}/4000x4000.png",
        "/today/card/{slug}/square.jpg",
    ],
)
def test_only_known_reminders_at_known_sizes(library, path):
    slug = Reminder.objects.first().slug
    assert Client().get(path.format(slug=slug)).status_code == 404


def test_the_downloads_are_offered_on_the_public_page(library):
    page = Client().get("/today/").content.decode()
    assert 'download="note-square.png"' in page
    assert 'download="note-wide.png"' in page


def _noto_cjk_installed() -> bool:
    from core.pdf import fallback_candidates

    return any(path.name.startswith("NotoSansCJK") for path in fallback_candidates())


@pytest.mark.skipif(not _noto_cjk_installed(), reason="needs Debian's fonts-noto-cjk")
@pytest.mark.parametrize("text", [JAPANESE, ARABIC, HINDI], ids=["japanese", "arabic", "hindi"])
def test_other_scripts_are_drawn_with_a_font_that_has_them(text):
    plan = card_image.font_plan(text)
    assert REPLACEMENT not in "".join(run.text for run in plan)
    for run in plan:
        covered = coverage(run.font_path)
        missing = [c for c in run.text if not c.isspace() and ord(c) not in covered]
        assert not missing, f"{run.font_path.name} lacks {missing}"


@pytest.mark.skipif(not _noto_cjk_installed(), reason="needs Debian's fonts-noto-cjk")
def test_a_japanese_reminder_renders_as_letters_not_empty_boxes(library):
    reminder = Reminder.objects.first()
    Reminder.objects.filter(pk=reminder.pk).update(text=JAPANESE)
    image = png(Client().get(f"/today/card/{reminder.slug}/square.png"))
    assert ink(image) > 2000

    # Tofu is one empty box for every missing letter: drawn with DejaVu Sans
    # alone (no Japanese), three different letters come out the same. With the
    # fonts the card chooses, each letter has its own shape.
    def shapes(path):
        font = ImageFont.truetype(str(path), 60)
        return {bytes(font.getmask(c)) for c in "大切休"}

    main, _bold = main_fonts()
    assert len(shapes(main)) == 1
    (run,) = card_image.font_plan("大切休")
    assert len(shapes(run.font_path)) == 3


def test_a_picture_is_drawn_once_and_then_served_from_the_shared_cache(library, monkeypatch):
    reminder = Reminder.objects.first()
    client = Client()
    first = client.get(f"/today/card/{reminder.slug}/square.png").content

    def refuse(*args):
        raise AssertionError("drawn again")

    monkeypatch.setattr(card_image, "render", refuse)
    assert client.get(f"/today/card/{reminder.slug}/square.png").content == first
