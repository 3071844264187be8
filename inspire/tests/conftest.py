import pytest

from inspire import content_files


@pytest.fixture
def library(db):
    """The real library, loaded from inspire/data/reminders.yaml."""
    content_files.load()
