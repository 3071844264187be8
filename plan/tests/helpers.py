"""Filled-in forms the plan tests post, as a person would send them."""

FULL_SAFETY_PLAN = {
    "place-rows": "3",
    "number-rows": "3",
    "owndoc-rows": "3",
    "ownbag-rows": "3",
    "check-places": "done",
    "check-places-note": "my sister's flat",
    "check-phone": "done",
    "check-phone-note": "",
    "check-documents": "not_yet",
    "check-documents-note": "passport still in the drawer",
    "check-person": "done",
    "check-person-note": "",
    "check-accounts": "not_for_me",
    "check-accounts-note": "",
    "place-0-name": "Aunt Mina's house",
    "place-0-route": "Bus 12 from the corner, ten minutes",
    "place-1-name": "The all-night pharmacy",
    "place-1-route": "",
    "number-0-label": "Emergency",
    "number-0-number": "112",
    "number-1-label": "Help line",
    "number-1-number": "0800 123 456",
    "doc-id-done": "on",
    "doc-id-where": "copy with Mina",
    "doc-bank-where": "photo in the cloud",
    "owndoc-0-name": "Car papers",
    "owndoc-0-where": "glovebox",
    "owndoc-0-done": "on",
    "bag-charger": "on",
    "bag-cash": "on",
    "ownbag-0-name": "Blue scarf",
    "ownbag-0-done": "on",
    "ownbag-1-name": "Spare glasses",
    "person-name": "Jo",
    "person-reach": "07700 900123",
    "person-checkin": "every evening by nine",
    "person-codeword": "pineapple",
    "sec-passwords": "on",
    "sec-location": "on",
    "sec-note": "new email is with Jo",
}

PART_SLUGS = ("checklist", "support", "person", "places", "papers", "bag", "devices")


def save_whole_plan(client, posted=None) -> None:
    """Save every part of the safety plan, one page after another, from one
    dict of fields (each part's form takes its own names and ignores the rest)."""
    posted = FULL_SAFETY_PLAN if posted is None else posted
    for slug in PART_SLUGS:
        response = client.post(f"/safety-plan/{slug}/", posted)
        assert response.status_code == 302, (slug, response.content.decode()[:3000])


from html.parser import HTMLParser  # noqa: E402


class _FormReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.values: dict[str, str] = {}
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.values[name] = attrs.get("value") or "on"
            elif kind not in ("submit", "button"):
                self.values[name] = attrs.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = ""

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data


def form_values(response) -> dict[str, str]:
    """What the page's form would send back: text as shown, only ticked boxes."""
    reader = _FormReader()
    reader.feed(response.content.decode())
    return {
        name: value.strip("\n") if name else value
        for name, value in reader.values.items()
        if name != "csrfmiddlewaretoken"
    }
