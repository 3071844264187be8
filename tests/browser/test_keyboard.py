"""With the keyboard alone, on a small screen: take the relationship check."""

import pytest

pytestmark = pytest.mark.browser


def focused(page) -> str:
    return page.evaluate(
        "(() => { const e = document.activeElement;"
        " return e ? (e.id || e.name || e.tagName) + '|' + (e.value || '') : ''; })()"
    )


def tab_to(page, target_id: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == target_id:
            return
    raise AssertionError(f"Tab never reached #{target_id}; ended on {focused(page)}")


def test_the_relationship_check_works_with_the_keyboard_alone(small_page):
    page = small_page
    page.goto("/check/relationship/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "quick-exit"

    tab_to(page, "id_relationship_0")
    page.keyboard.press("Space")  # a partner
    # Each safety question: Tab into the group, arrow to "No".
    for group in ("hurt", "threatened", "afraid"):
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.name") == group, focused(page)
        page.keyboard.press("ArrowDown")
        assert page.evaluate("document.activeElement.value") == "no", focused(page)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "BUTTON"
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # The nine "how often" questions arrive; answer each by keyboard too.
    groups = page.evaluate(
        "[...new Set([...document.querySelectorAll('main input[type=radio]')].map(e => e.name))]"
    )
    assert len(groups) >= 9
    first = page.locator(f"input[name={groups[0]}]").first.get_attribute("id")
    tab_to(page, first)
    for index, name in enumerate(groups):
        page.keyboard.press("Space")
        assert page.evaluate("document.activeElement.name") == name, focused(page)
        if index < len(groups) - 1:
            page.keyboard.press("Tab")
    for _ in range(30):
        page.keyboard.press("Tab")
        if "See what this shows" in page.evaluate("document.activeElement.textContent"):
            break
    else:
        raise AssertionError(f"Tab never reached the submit button; ended on {focused(page)}")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "diagnosis" in page.locator("main").inner_text()
