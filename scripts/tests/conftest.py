import pytest

from scripts import library


@pytest.fixture
def loaded_library(db):
    library.load()
