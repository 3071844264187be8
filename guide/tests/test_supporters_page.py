"""The page for friends and family: public, about how to help, easy to share."""


def test_anyone_can_read_the_supporter_page(guide, stranger_client):
    page = stranger_client.get("/guide/for-supporters/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "How to help someone you care about" in body


def test_it_says_what_the_person_may_ask_of_their_supporters(guide, stranger_client):
    body = stranger_client.get("/guide/for-supporters/").content.decode()
    for ask in (
        "A weekly check-in text",
        "A safe place to stay",
        "Help to plan",
        "Patience, and no judgement",
        "Trust in their timeline",
    ):
        assert ask in body


def test_the_share_block_shows_the_full_link_to_copy(guide, stranger_client):
    body = stranger_client.get("/guide/for-supporters/").content.decode()
    assert "Share this page" in body
    # Plain text anyone can select and copy, with or without JavaScript.
    assert '<code id="share-link" class="guide-share-link"' in body
    assert ">http://testserver/guide/for-supporters/</code>" in body
    assert 'data-copy="share-link"' in body and "guide/share.js" in body


def test_the_share_block_warns_that_a_sent_link_can_be_seen(guide, stranger_client):
    body = stranger_client.get("/guide/for-supporters/").content.decode()
    assert "Only send it when it feels safe" in body


def test_the_shared_page_shows_nothing_about_the_person_who_shared_it(guide, owner_client):
    body = owner_client.get("/guide/for-supporters/").content.decode()
    assert "robin" not in body.lower().split("<main", 1)[1]


def test_the_loved_ones_section_offers_the_page_to_share(guide, stranger_client):
    body = stranger_client.get("/guide/loved-ones/").content.decode()
    assert "This part is written for the people who care about you" in body
    assert ">http://testserver/guide/for-supporters/</code>" in body


def test_the_supporter_page_shows_help_lines(guide, stranger_client):
    body = stranger_client.get("/guide/for-supporters/").content.decode()
    assert "help-lines" in body


def test_before_the_guide_is_loaded_the_supporter_page_still_helps(db, stranger_client):
    page = stranger_client.get("/guide/for-supporters/")
    assert page.status_code == 200
    assert "listen without judging" in page.content.decode()
