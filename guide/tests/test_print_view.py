"""A print-friendly page for each section."""


def test_the_print_view_shows_the_whole_section_with_a_print_stylesheet(guide, stranger_client):
    section = guide.get(slug="preparing-to-leave")
    page = stranger_client.get("/guide/preparing-to-leave/print/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "guide/print.css" in body
    assert section.body_html in body
    assert "Print this page" in body


def test_the_print_view_keeps_the_quick_exit_button(guide, stranger_client):
    body = stranger_client.get("/guide/safety-first/print/").content.decode()
    assert 'id="quick-exit"' in body


def test_the_print_button_needs_javascript_so_the_page_explains_the_browser_command(
    guide, stranger_client
):
    body = stranger_client.get("/guide/safety-first/print/").content.decode().replace("&#x27;", "'")
    assert "data-print hidden" in body
    assert "use your browser's Print command" in body


def test_the_print_view_warns_that_paper_can_be_found(guide, stranger_client):
    body = stranger_client.get("/guide/safety-first/print/").content.decode()
    assert "A printed page can be found by someone else" in body


def test_each_section_links_to_its_print_view(guide, stranger_client):
    body = stranger_client.get("/guide/safety-first/").content.decode()
    assert 'href="/guide/safety-first/print/"' in body
