"""Operators edit the guide in the admin; saving re-renders the page and search."""

from django.test import Client

from guide import search


def admin_client(operator):
    client = Client()
    client.force_login(operator)
    return client


def form_data(section, **changes):
    data = {
        "number": section.number,
        "title": section.title,
        "slug": section.slug,
        "summary": section.summary,
        "body_markdown": section.body_markdown,
        "tools": '[{"label": "Build your safety plan", "url_name": "plan:safety", '
        '"path": "/safety-plan/"}]',
        "show_help_lines": "on" if section.show_help_lines else "",
    }
    data.update(changes)
    return data


def test_an_operator_sees_every_section_in_the_admin(guide, operator):
    page = admin_client(operator).get("/operator/admin/guide/section/")
    assert page.status_code == 200
    body = page.content.decode()
    for section in guide:
        assert section.title in body


def test_editing_the_markdown_rerenders_the_page_and_updates_search(
    guide, operator, stranger_client
):
    section = guide.get(slug="safety-first")
    new_body = "## Right now\n\nCall for help. A **marigold** card by the door can help.\n"
    response = admin_client(operator).post(
        f"/operator/admin/guide/section/{section.pk}/change/",
        form_data(section, body_markdown=new_body),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    section.refresh_from_db()
    assert "<strong>marigold</strong>" in section.body_html
    assert section.edited_by_operator
    page = stranger_client.get("/guide/safety-first/").content.decode()
    assert "<strong>marigold</strong>" in page
    assert [s.slug for s, _ in search.search("marigold")] == ["safety-first"]
    assert "safety-first" not in [s.slug for s, _ in search.search("strangled")]


def test_markup_typed_into_the_admin_is_cleaned(guide, operator, stranger_client):
    section = guide.get(slug="daily-tools")
    admin_client(operator).post(
        f"/operator/admin/guide/section/{section.pk}/change/",
        form_data(section, body_markdown='Calm.\n\n<script>alert("x")</script>\n'),
    )
    page = stranger_client.get("/guide/daily-tools/").content.decode()
    assert '<script>alert("x")' not in page


def test_members_cannot_reach_the_guide_admin(guide, owner_client):
    response = owner_client.get("/operator/admin/guide/section/")
    assert response.status_code == 302
    assert "/operator/admin/login/" in response["Location"]


def test_a_tool_link_leading_outside_haven_is_refused_kindly(guide, operator):
    section = guide.get(slug="safety-first")
    response = admin_client(operator).post(
        f"/operator/admin/guide/section/{section.pk}/change/",
        form_data(section, tools='[{"label": "Away", "path": "javascript:alert(1)"}]'),
    )
    assert response.status_code == 200
    assert "must link inside Haven" in response.content.decode()
    section.refresh_from_db()
    assert "javascript" not in str(section.tools)


def test_a_broken_tool_entry_never_breaks_the_public_page(guide, stranger_client):
    section = guide.get(slug="safety-first")
    section.tools = [{"path": "/x/"}, "oops", {"label": "Away", "path": "https://example.com/"}]
    section.save()
    page = stranger_client.get("/guide/safety-first/")
    assert page.status_code == 200
    assert "example.com" not in page.content.decode()
