"""A guide section's tool links only ever lead to pages of this Haven."""

import pytest

from guide import tools

LEAVING = [
    "//evil.com",
    "/\\evil.com",
    "/\t/evil.com",
    "/\n/evil.com",
    "/\r//evil.com",
    "/safety-plan/\x00",
    "/\u200b/evil.com",
    "///evil.com",
    "https://evil.com/",
    "javascript:alert(1)",
    "safety-plan/",
]


@pytest.mark.parametrize("path", LEAVING)
def test_a_path_that_could_lead_away_is_refused_when_the_section_is_written(path):
    with pytest.raises(tools.ToolError, match="must link inside Haven"):
        tools.validate([{"label": "Away", "path": path}])


@pytest.mark.parametrize("path", LEAVING)
def test_a_path_that_could_lead_away_is_never_shown_even_if_it_was_stored(path):
    assert tools.links([{"label": "Away", "path": path}]) == []


@pytest.mark.parametrize("path", ["/safety-plan/", "/check/danger/", "/scripts/?situation=work"])
def test_paths_inside_haven_are_kept(path):
    assert tools.validate([{"label": "Here", "path": path}])[0]["path"] == path
    assert tools.links([{"label": "Here", "path": path}]) == [{"label": "Here", "href": path}]
