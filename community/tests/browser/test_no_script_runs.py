"""Hostile text in every community text box never runs in Chromium.

Each payload is sent through the real forms (post, title, content note,
community name, flag note, appeal, watched word, moderation reasons), then
every page that shows it is opened in Chromium with `window.alert` and the
other dialog functions hooked. Besides "nothing ran", each page is checked
for what would run under a weaker policy than Haven's CSP: no script
without Haven's nonce, no on* attribute, no javascript:/data: link.
"""

import datetime

import pytest
from django.core.cache import caches
from django.utils import timezone

from community.models import Appeal, Member, Post, Suspension
from community.tests.conftest import PASS, join
from tests.browser.plugin import sign_in_with, visit

pytestmark = pytest.mark.browser

PAYLOADS = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=1">',
    '<svg onload="window.__xss=1"></svg>',
    "<svg><script>window.__xss=1</script></svg>",
    "[click me](javascript:window.__xss=1)",
    "[click me](JaVaScRiPt:window.__xss=1)",
    "[tab](java\tscript:window.__xss=1)",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<a href="javascript:window.__xss=1">plain link</a>',
    '"><script>window.__xss=1</script>',
    "'><img src=x onerror=window.__xss=1>",
    '<iframe src="javascript:window.__xss=1"></iframe>',
    '<details open ontoggle="window.__xss=1">x</details>',
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>",
    "\u202e<script>window.__xss=1</script>\u200b",
    "\uff1cscript\uff1ewindow.__xss=1\uff1c/script\uff1e",
    '![x](x" onerror="window.__xss=1)',
    "`<script>window.__xss=1</script>`",
    "<style>body{background:url(javascript:window.__xss=1)}</style>",
    '[x](https://example.org "title\\" onmouseover=\\"window.__xss=1")',
]

HOOK = """
window.__xss = 0;
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = () => { window.__xss = 1; };
}
"""

# What would run without the CSP: scripts without Haven's nonce, handlers, bad links.
DANGER = """() => {
  const found = [];
  for (const s of document.querySelectorAll("script")) {
    if (!s.src && !s.nonce) found.push("inline script: " + s.textContent.slice(0, 40));
    if (s.src && !s.src.startsWith(location.origin + "/static/")) found.push("script " + s.src);
  }
  for (const e of document.querySelectorAll("*")) {
    for (const a of e.attributes) {
      if (a.name.startsWith("on")) found.push(e.tagName + " " + a.name);
    }
  }
  for (const e of document.querySelectorAll("[href],[src],[action],[formaction]")) {
    for (const name of ["href", "src", "action", "formaction"]) {
      const v = (e.getAttribute(name) || "").replace(/[\\s\\u0000-\\u001f]/g, "").toLowerCase();
      if (v.startsWith("javascript:") || v.startsWith("data:text") || v.startsWith("vbscript:"))
        found.push(e.tagName + " " + name + "=" + v.slice(0, 30));
    }
  }
  for (const tag of ["iframe", "object", "embed", "svg", "math", "img", "style"]) {
    for (const e of document.querySelectorAll("main " + tag)) {
      if (!(tag === "img" || tag === "svg") || e.closest(".post-body, .quoted, .word, .meta"))
        found.push("element " + tag);
    }
  }
  return found;
}"""


def check(page, path: str) -> None:
    visit(page, path)
    page.wait_for_timeout(50)
    for link in page.locator("main .post-body a").all()[:8]:
        link.hover()
    ran = page.evaluate("window.__xss")
    assert ran == 0, f"a script ran on {path}"
    assert page.evaluate(DANGER) == [], f"{path}: {page.evaluate(DANGER)}"


@pytest.fixture
def hostile_world(transactional_db):
    """Every community text field holding every payload, sent through the forms."""
    writer, writer_client = join("writer-sign-in", "Quill")
    _f, flagger = join("flagger-sign-in", "Finch")
    admin, admin_client = join("admin-sign-in", "Warden", Member.Role.ADMIN)
    for n, payload in enumerate(PAYLOADS):
        # The rate limits are checked elsewhere; here every payload goes up.
        caches["limits"].clear()
        response = writer_client.post(
            "/community/b/planning/new/",
            {
                "title": f"T{n} {payload}"[:120],
                "body": f"B{n} {payload}",
                "content_warning": f"W{n} {payload}"[:80] if n % 3 == 0 else "",
                "seen_personal": "on",
                "seen_crisis": "on",
            },
        )
        assert response.status_code in (200, 302)
        admin_client.post("/community/mod/words/", {"word": payload[:60], "action": "flag"})
    posts = list(Post.objects.filter(author=writer, position=1))
    assert len(posts) >= len(PAYLOADS) - 2, "most payloads went up as posts"
    first = posts[0]
    for n, payload in enumerate(PAYLOADS[:6]):
        caches["limits"].clear()
        flagger.post(
            f"/community/t/{first.thread_id}/reply/",
            {"body": f"R{n} {payload}", "quote": str(posts[n].pk), "seen_personal": "on"},
        )
        flagger.post(
            f"/community/p/{posts[n].pk}/flag/", {"reason": "other", "note": payload[:300]}
        )
    flagger.post("/community/b/reminders/new/", {"body": PAYLOADS[0]})
    suspension = Suspension.objects.create(
        member=writer,
        reason=" ".join(PAYLOADS[:3])[:300],
        ends_at=timezone.now() + datetime.timedelta(days=2),
    )
    Appeal.objects.create(suspension=suspension, text="\n".join(PAYLOADS))
    admin_client.post(
        f"/community/mod/p/{first.pk}/", {"decision": "approve", "reason": PAYLOADS[1]}
    )
    return {"first": first, "appeal": Appeal.objects.get()}


def test_no_payload_runs_anywhere_it_is_shown(hostile_world, open_page):
    first = hostile_world["first"]
    page = open_page(width=360)
    page.add_init_script(HOOK)
    page.on("dialog", lambda dialog: dialog.dismiss())
    sign_in_with(page, "admin-sign-in", PASS)
    paths = [
        "/community/b/planning/",
        "/community/b/reminders/",
        f"/community/t/{first.thread_id}/",
        f"/community/t/{first.thread_id}/?last=1",
        "/community/mod/",
        f"/community/mod/p/{first.pk}/",
        "/community/mod/log/",
        "/community/mod/words/",
        "/community/mod/appeals/",
        f"/community/mod/appeals/{hostile_world['appeal'].pk}/",
    ]
    for path in paths:
        check(page, path)
    page.goto("/community/search/")
    page.fill("#id_q", "B1")
    page.get_by_role("button", name="Search", exact=True).click()
    assert "What we found" in page.locator("main").inner_text()
    assert page.evaluate("window.__xss") == 0 and page.evaluate(DANGER) == []


def test_the_suspended_writer_and_the_name_box_run_nothing(hostile_world, open_page):
    page = open_page(width=360)
    page.add_init_script(HOOK)
    sign_in_with(page, "writer-sign-in", PASS)
    check(page, "/community/suspended/")
    check(page, "/community/notifications/")
    # A name is refused, shown back in its box, and still runs nothing.
    join_page = open_page(width=360)
    join_page.add_init_script(HOOK)
    from conftest import make_member

    make_member("newcomer", PASS)
    sign_in_with(join_page, "newcomer", PASS)
    for payload in PAYLOADS[:12]:
        visit(join_page, "/community/join/")
        join_page.fill("#id_name", payload)
        join_page.check("#id_understood")
        join_page.get_by_role("button", name="Join the community").click()
        join_page.wait_for_load_state()
        assert "3 to 24 letters" in join_page.locator("main").inner_text()
        assert join_page.evaluate("window.__xss") == 0
        assert join_page.evaluate(DANGER) == []
