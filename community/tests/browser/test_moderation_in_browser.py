"""Moderation end to end on a 360 px phone: review queue, flags, watched words, crisis prompt."""

from pathlib import Path

import pytest
from django.core.cache import caches

from community.models import Member, ModAction, Post, State
from community.tests.conftest import PASS, join, thread_by
from tests.browser.plugin import serious_barriers, sideways, sign_in_with, visit
from tests.world import load_content

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[3] / "var" / "screenshots" / "community"


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def phone(open_page, name):
    page = open_page(width=360)
    sign_in_with(page, name, PASS)
    return page


def fits(page) -> None:
    assert sideways(page) is None, sideways(page)
    assert serious_barriers(page) == []


def test_a_first_post_waits_then_a_moderator_publishes_it(transactional_db, open_page):
    join("newbie-sign-in", "Sparrow", new=True)
    join("mod-sign-in", "Lantern", Member.Role.MODERATOR)
    writer = phone(open_page, "newbie-sign-in")
    visit(writer, "/community/b/wins/new/")
    writer.fill("#id_title", "I said no")
    writer.fill("#id_body", "Today I said **no** and meant it.")
    writer.get_by_role("button", name="Post", exact=True).click()
    writer.wait_for_url("**/community/b/wins/")
    assert "A moderator will look at your post soon" in writer.locator("main").inner_text()
    fits(writer)

    moderator = phone(open_page, "mod-sign-in")
    visit(moderator, "/community/mod/")
    fits(moderator)
    moderator.get_by_role("link", name="I said no").click()
    moderator.get_by_label("Publish it").check()
    moderator.fill("#id_reason", "Warm and safe")
    shot(moderator, "review-360")
    moderator.get_by_role("button", name="Save the decision").click()
    moderator.wait_for_url("**/community/mod/")
    assert "Nothing waiting" in moderator.locator("main").inner_text()
    visit(writer, "/community/b/wins/")
    assert "I said no" in writer.locator("main").inner_text()
    assert ModAction.objects.get(kind=ModAction.Kind.APPROVE).reason == "Warm and safe"


def test_flags_hide_a_post_and_the_moderator_removes_it(transactional_db, open_page):
    _w, writer_client = join("writer-sign-in", "Quill")
    thread = thread_by(writer_client, "Harsh words", "You should have known better.")
    post = thread.posts.get(position=1)
    for name, community_name in (("f1-sign-in", "Finch"), ("f2-sign-in", "Robin")):
        _m, client = join(name, community_name)
        client.post(f"/community/p/{post.pk}/flag/", {"reason": "unkind"})
    join("f3-sign-in", "Wren")
    join("mod-sign-in", "Lantern", Member.Role.MODERATOR)
    flagger = phone(open_page, "f3-sign-in")
    visit(flagger, f"/community/t/{thread.pk}/")
    flagger.get_by_role("link", name="Flag").click()
    flagger.get_by_label("It's unkind or blaming").check()
    flagger.fill("#id_note", "Blaming someone who was hurt")
    fits(flagger)
    flagger.get_by_role("button", name="Send the flag").click()
    assert "A moderator will look at it" in flagger.locator("main").inner_text()
    assert Post.objects.get(pk=post.pk).state == State.HIDDEN
    visit(flagger, "/community/b/planning/")
    assert "Harsh words" in flagger.locator("main").inner_text()  # the thread row stays
    assert flagger.goto(f"/community/t/{thread.pk}/").status == 200
    assert "You should have known better" not in flagger.locator("main").inner_text()

    moderator = phone(open_page, "mod-sign-in")
    visit(moderator, "/community/mod/")
    assert "3 flags" in moderator.locator("main").inner_text()
    moderator.get_by_role("link", name="Harsh words").click()
    assert "Blaming someone who was hurt" in moderator.locator("main").inner_text()
    moderator.get_by_label("Remove it").check()
    moderator.fill("#id_reason", "Blaming")
    moderator.get_by_role("button", name="Save the decision").click()
    moderator.wait_for_url("**/community/mod/")
    visit(moderator, "/community/mod/log/")
    log = moderator.locator("main").inner_text()
    assert "hid a post after flags" in log and "removed a post" in log and "Blaming" in log


def test_an_admin_watches_a_word_and_a_post_with_it_is_stopped_kindly(transactional_db, open_page):
    join("admin-sign-in", "Warden", Member.Role.ADMIN)
    join("writer-sign-in", "Quill")
    admin = phone(open_page, "admin-sign-in")
    visit(admin, "/community/mod/words/")
    admin.fill("#id_word", "cheap loans")
    admin.select_option("#id_action", "block")
    admin.get_by_role("button", name="Watch it").click()
    assert "cheap loans" in admin.locator("main").inner_text()
    fits(admin)

    writer = phone(open_page, "writer-sign-in")
    visit(writer, "/community/b/work/new/")
    writer.fill("#id_title", "Offer")
    writer.fill("#id_body", "Get Cheap Loans here")
    writer.get_by_role("button", name="Post", exact=True).click()
    text = writer.locator("main").inner_text()
    assert "doesn't allow the word" in text
    assert writer.input_value("#id_body") == "Get Cheap Loans here"
    assert writer.input_value("#id_title") == "Offer"
    shot(writer, "watched-word-360")
    fits(writer)


def test_crisis_words_bring_the_help_lines_then_the_post_leads_the_queue(
    transactional_db, open_page
):
    load_content()
    _w, other = join("other-sign-in", "Moss", new=True)
    other.post("/community/b/after/new/", {"title": "Older", "body": "an older held post"})
    caches["limits"].clear()
    join("writer-sign-in", "Quill")
    join("mod-sign-in", "Lantern", Member.Role.MODERATOR)
    writer = phone(open_page, "writer-sign-in")
    writer.context.add_cookies([{"name": "hv_cc", "value": "GB", "url": writer.url}])
    visit(writer, "/community/b/after/new/")
    writer.fill("#id_title", "Tonight")
    writer.fill("#id_body", "I can't go on, I want to end my life")
    writer.get_by_role("button", name="Post", exact=True).click()
    crisis = writer.locator("#crisis")
    crisis.wait_for()
    assert "you matter" in crisis.inner_text()
    assert writer.locator("#crisis a[href='tel:999']").count() >= 1
    assert writer.input_value("#id_body") == "I can't go on, I want to end my life"
    shot(writer, "crisis-prompt-360")
    fits(writer)
    writer.get_by_role("button", name="Post it anyway").click()
    writer.wait_for_url("**/community/b/after/")
    assert "A moderator will read your post soon" in writer.locator("main").inner_text()

    moderator = phone(open_page, "mod-sign-in")
    visit(moderator, "/community/mod/")
    items = moderator.locator(".queue > li").all_inner_texts()
    assert "Tonight" in items[0] and "may be in danger" in items[0]
    assert "Older" in items[1]
    shot(moderator, "queue-360")


def test_the_community_works_by_keyboard_alone(transactional_db, open_page):
    join("writer-sign-in", "Quill")
    page = phone(open_page, "writer-sign-in")
    visit(page, "/community/b/wins/new/")
    page.focus("#id_title")
    page.keyboard.type("Keyboard only")
    page.keyboard.press("Tab")
    page.keyboard.type("Typed without a mouse.")
    page.keyboard.press("Tab")  # the content note
    page.keyboard.press("Tab")  # the Post button
    page.keyboard.press("Enter")
    page.wait_for_url("**/community/t/**")
    assert "Typed without a mouse." in page.locator("main").inner_text()


def test_the_reading_pages_fit_a_phone_and_have_no_serious_barriers(transactional_db, open_page):
    from conftest import make_member

    _w, writer = join("writer-sign-in", "Quill")
    _o, other = join("other-sign-in", "Moss")
    thread = thread_by(
        writer,
        "A long title that has to wrap nicely on a small phone screen somewhere",
        "Some **bold** words, a [link](https://example.org/a/very/long/path/that/goes/on) "
        "and averyveryverylongwordwithoutanyspacesatalltoseehowitwraps.",
    )
    first = thread.posts.get(position=1)
    other.post(
        f"/community/t/{thread.pk}/reply/",
        {"body": "Quoting you", "quote": str(first.pk), "content_warning": "hard night"},
    )
    other.post(f"/community/p/{first.pk}/react/", {"kind": "hug"})
    make_member("newcomer", PASS)
    page = phone(open_page, "writer-sign-in")
    for path, name in (
        ("/community/", "index"),
        ("/community/b/planning/", "board"),
        (f"/community/t/{thread.pk}/", "thread"),
        ("/community/notifications/", "notifications"),
    ):
        visit(page, path)
        fits(page)
        shot(page, f"{name}-360")
    newcomer = phone(open_page, "newcomer")
    visit(newcomer, "/community/join/")
    fits(newcomer)
    shot(newcomer, "join-360")


def test_posting_reacting_and_bookmarking_work_without_javascript(transactional_db, open_page):
    _w, writer = join("writer-sign-in", "Quill")
    thread = thread_by(writer, "No scripts", "Plain pages work.")
    join("reader-sign-in", "Moss")
    page = open_page(width=360, javascript=False)
    sign_in_with(page, "reader-sign-in", PASS)
    visit(page, f"/community/t/{thread.pk}/")
    page.get_by_role("button", name="Hug 0").click()
    assert page.get_by_role("button", name="Hug 1").is_visible()
    page.get_by_role("button", name="Bookmark", exact=True).click()
    assert page.get_by_role("button", name="Remove bookmark").is_visible()
    page.fill("#id_body", "Replying with scripts off.")
    page.get_by_role("button", name="Post", exact=True).click()
    assert "Replying with scripts off." in page.locator("main").inner_text()
