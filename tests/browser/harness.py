"""Chromium in a thread of its own, for feature apps' browser tests (money, scripts).

The shared fixtures in tests/browser/ are not visible from here, and a second
Playwright cannot start in the thread where theirs may already be running
(pytest -n 2 mixes tests freely), so each test gets a private Playwright in a
fresh thread. Requests to anywhere but the live server are refused, as there.
"""

import threading

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, ELSEWHERE


def run_in_chromium(live_server, body, *, width=1280, javascript=True, permissions=()):
    import pytest
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium")
    failures: list[BaseException] = []
    foreign: list[str] = []

    def refuse(route):
        foreign.append(route.request.url)
        route.abort()

    def run():
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
                )
                try:
                    context = browser.new_context(
                        base_url=live_server.url,
                        viewport={"width": width, "height": 800},
                        java_script_enabled=javascript,
                    )
                    context.set_default_timeout(10_000)
                    context.route(ELSEWHERE, refuse)
                    if permissions:
                        context.grant_permissions(list(permissions))
                    body(context.new_page())
                finally:
                    browser.close()
        except BaseException as error:  # handed back to the test's own thread
            failures.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if failures:
        raise failures[0]
    assert foreign == [], f"Haven tried to reach another site: {foreign}"


def sign_in(page, name, passphrase):
    page.goto("/sign-in/")
    page.fill("#id_username", name)
    page.fill("#id_passphrase", passphrase)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url("**/home/")


def serious_barriers(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']}: {v['help']}"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
