"""Every page, checked by axe-core: nothing serious or critical in the way.

Each test walks several pages and reports every problem it found at once, so
one run tells the whole story.
"""

import pytest

from accounts import actions
from conftest import OWNER_NAME, OWNER_PASSPHRASE
from plan import actions as plan_actions
from tests.browser.plugin import serious_barriers, visit
from vault.box import Box

pytestmark = pytest.mark.browser


class Audit:
    def __init__(self, page):
        self.page = page
        self.problems: list[str] = []

    def check(self, label):
        self.problems += serious_barriers(self.page, label)

    def visit(self, path):
        visit(self.page, path)
        self.check(path)

    def assert_clean(self):
        assert not self.problems, "axe found serious problems:\n" + "\n".join(self.problems)


def test_public_pages_have_no_serious_barriers(page):
    audit = Audit(page)
    for path in ("/", "/sign-in/", "/start/", "/recover/", "/staying-safe/"):
        audit.visit(path)

    page.goto("/start/")
    page.get_by_role("button", name="Create my space").click()
    page.wait_for_selector(".error")
    audit.check("/start/ with errors")
    audit.assert_clean()


def test_private_pages_have_no_serious_barriers(owner_dek, page, sign_in):
    member, dek = owner_dek
    reason = plan_actions.add_reason(member, Box(dek), "I want to laugh freely again.")
    sign_in(page, OWNER_NAME, OWNER_PASSPHRASE)

    audit = Audit(page)
    audit.check("/home/")
    for path in (
        "/reasons/",
        f"/reasons/{reason.pk}/edit/",
        f"/reasons/{reason.pk}/delete/",
        "/settings/",
        "/settings/passphrase/",
        "/settings/recovery-code/",
        "/settings/two-step/",
        "/settings/duress/",
        "/settings/delete/",
    ):
        audit.visit(path)

    page.goto("/home/")
    page.get_by_role("button", name="Lock").click()
    page.wait_for_url("**/unlock/**")
    audit.check("/unlock/")
    audit.assert_clean()


def test_the_recovery_code_page_has_no_serious_barriers(transactional_db, page, sign_in):
    # A member who hasn't yet shown they kept their code is sent to it.
    actions.create_account("juniper", OWNER_PASSPHRASE)
    sign_in(page, "juniper", OWNER_PASSPHRASE, expect_path="/recovery-code/")
    audit = Audit(page)
    audit.check("/recovery-code/")
    audit.assert_clean()


def test_pages_on_a_small_phone_have_no_serious_barriers(owner, small_page, sign_in):
    audit = Audit(small_page)
    audit.visit("/start/")
    small_page.get_by_role("button", name="Create my space").click()
    small_page.wait_for_selector(".error")
    audit.check("/start/ with errors")

    sign_in(small_page, OWNER_NAME, OWNER_PASSPHRASE)
    audit.check("/home/")
    audit.visit("/reasons/")
    audit.visit("/settings/")
    audit.assert_clean()
